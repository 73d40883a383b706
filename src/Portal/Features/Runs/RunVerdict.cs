using Shared.Results;

namespace Portal.Features.Runs;

/// <summary>
/// A succeeded run's checks summed up as the run page's banner sums them: any failure makes it <see cref="Disagrees"/>; else
/// any warning (not converged, not equilibrated, low statistics) <see cref="Inconclusive"/>; else <see cref="Agrees"/>. Kept
/// on the run's row so run tables show and filter it without reading result documents; a run without checks has none.
/// </summary>
public enum RunVerdict
{
    Agrees,
    Inconclusive,
    Disagrees,
}

public static class RunVerdicts
{
    public static RunVerdict? Of(IReadOnlyList<Check> checks) =>
        checks.Count == 0 ? null
        : checks.Any(c => !c.Agrees && !c.IsWarning) ? RunVerdict.Disagrees
        : checks.Any(c => c.IsWarning) ? RunVerdict.Inconclusive
        : RunVerdict.Agrees;

    public static string Label(RunVerdict verdict) => verdict switch
    {
        RunVerdict.Agrees => "agrees",
        RunVerdict.Inconclusive => "inconclusive",
        _ => "disagrees",
    };
}
