using System.Text.RegularExpressions;
using Shared.Models;

namespace Portal.Features.Runs;

/// <summary>What tags and notes on runs may hold: checked at the one place they are written, so UI and API refuse alike.</summary>
public static partial class RunLabels
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;
    public const int MaxNoteLength = 4000;

    /// <summary>Trimmed, inner runs of spaces collapsed, lower-case: "Fig 3" and "fig  3 " are one tag.</summary>
    public static string NormalizeTag(string tag) => Spaces().Replace(tag.Trim(), " ").ToLowerInvariant();

    /// <summary>The normalized, de-duplicated tags, or the errors naming <paramref name="field"/> and the limit that was passed.</summary>
    public static List<string> Tags(IEnumerable<string?>? tags, string field, List<FieldError> errors)
    {
        var result = new List<string>();
        foreach (var raw in tags ?? [])
        {
            if (raw is null) continue;
            if (TextRules.Problem(field, raw) is { } problem)
            {
                errors.Add(new FieldError(field, problem));
                continue;
            }
            var tag = NormalizeTag(raw);
            if (tag.Length == 0) continue;
            if (tag.Length > MaxTagLength)
                errors.Add(new FieldError(field, $"The tag “{tag[..20]}…” is {tag.Length} characters long; a tag has at most {MaxTagLength}."));
            else if (!Allowed().IsMatch(tag))
                errors.Add(new FieldError(field, $"The tag “{tag}” may hold letters, digits, spaces and - _ . : / + # only."));
            else if (!result.Contains(tag)) result.Add(tag);
        }
        return result;
    }

    /// <summary>A run carries at most <see cref="MaxTags"/> tags; the message says how many it would have.</summary>
    public static FieldError? TooMany(int count, string field) =>
        count > MaxTags ? new FieldError(field, $"A run may carry at most {MaxTags} tags; this would give it {count}. Remove some first.") : null;

    /// <summary>The note as stored (null when blank), or an error naming <c>note</c> and the limit.</summary>
    public static string? Note(string? note, List<FieldError> errors)
    {
        if (TextRules.Problem("note", note, multiline: true) is { } problem)
        {
            errors.Add(new FieldError("note", problem));
            return null;
        }
        var trimmed = note?.Trim();
        if (trimmed is { Length: > MaxNoteLength })
            errors.Add(new FieldError("note", $"The note is {trimmed.Length} characters long; the limit is {MaxNoteLength}."));
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[\p{L}\p{N} _.:/+#-]+$")]
    private static partial Regex Allowed();
}
