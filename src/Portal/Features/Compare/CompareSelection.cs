using System.Globalization;
using Shared.Models;

namespace Portal.Features.Compare;

/// <summary>
/// The runs of a comparison as the permalink names them (<c>/compare?runs=id,id,…</c>): distinct run ids in the
/// order given, between <see cref="MinRuns"/> and <see cref="MaxRuns"/>.
/// </summary>
public static class CompareSelection
{
    public const int MinRuns = 2;
    public const int MaxRuns = 200;

    /// <summary>The ids, or an error naming the field, the limit and the offending entry.</summary>
    public static (IReadOnlyList<Guid> Ids, FieldError? Error) Parse(string? runs)
    {
        var parts = (runs ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > MaxRuns)
            return ([], new FieldError("runs", $"At most {MaxRuns} runs can be compared at once (got {parts.Length})."));
        var ids = new List<Guid>(parts.Length);
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id))
                return ([], new FieldError("runs", $"“{Shown(part)}” is not a run id: runs takes run ids separated by commas."));
            if (!ids.Contains(id)) ids.Add(id);
        }
        if (ids.Count < MinRuns)
            return ([], new FieldError("runs", $"A comparison needs at least {MinRuns} different runs (got {ids.Count}); runs takes run ids separated by commas."));
        return (ids, null);
    }

    /// <summary>The permalink of a comparison of these runs (ids without dashes, so that 200 of them fit a URL).</summary>
    public static string Link(IEnumerable<Guid> ids) => "/compare?runs=" + string.Join(",", ids.Select(i => i.ToString("N", CultureInfo.InvariantCulture)));

    // An echo of user input: short, and with no control characters.
    private static string Shown(string part)
    {
        var clean = new string(part.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length <= 40 ? clean : clean[..40] + "…";
    }
}
