namespace Portal.Features;

/// <summary>
/// What free text a user types may contain: no control characters (line breaks and tabs only where text runs
/// over several lines). A NUL, for one, cannot be stored in PostgreSQL text and no one types it on purpose.
/// </summary>
public static class TextRules
{
    public static bool HasForbiddenCharacters(string? text, bool multiline = false) =>
        text is not null && text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'));

    /// <summary>The message for a field that holds forbidden characters, or null.</summary>
    public static string? Problem(string field, string? text, bool multiline = false) =>
        HasForbiddenCharacters(text, multiline) ? $"{field} must not contain control characters{(multiline ? " (other than line breaks and tabs)" : "")}." : null;
}
