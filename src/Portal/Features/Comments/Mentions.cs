using System.Text.RegularExpressions;

namespace Portal.Features.Comments;

/// <summary>
/// @mentions in comments: <c>@handle</c>, where a member's handle is the part of their email before the @
/// (or the whole address when two members share that part).
/// </summary>
public static partial class Mentions
{
    [GeneratedRegex(@"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9._+-]*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    public static string HandleOf(string email) => email.Split('@')[0];

    /// <summary>The user ids of the members a comment mentions.</summary>
    public static HashSet<string> Resolve(string markdown, IEnumerable<(string UserId, string Email)> members)
    {
        var list = members.ToList();
        var result = new HashSet<string>();
        foreach (Match m in MentionPattern().Matches(markdown))
        {
            var handle = m.Groups[1].Value.TrimEnd('.');
            var byEmail = list.Where(x => string.Equals(x.Email, handle, StringComparison.OrdinalIgnoreCase)).ToList();
            var byHandle = list.Where(x => string.Equals(HandleOf(x.Email), handle, StringComparison.OrdinalIgnoreCase)).ToList();
            var hit = byEmail.Count == 1 ? byEmail : byHandle.Count == 1 ? byHandle : [];
            foreach (var h in hit) result.Add(h.UserId);
        }
        return result;
    }
}
