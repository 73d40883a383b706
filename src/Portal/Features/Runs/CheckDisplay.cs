using System.Globalization;
using MudBlazor;
using Shared.Results;

namespace Portal.Features.Runs;

/// <summary>How a check's verdict and deviation are shown: σ for two-sided comparisons, the margin for bounds.</summary>
public static class CheckDisplay
{
    public static string Label(Verdict v) => v switch
    {
        Verdict.Agrees => "agrees",
        Verdict.Disagrees => "disagrees",
        Verdict.BoundSatisfied => "bound holds",
        Verdict.BoundViolated => "bound violated",
        Verdict.NotConverged => "not converged",
        Verdict.NotEquilibrated => "not equilibrated",
        _ => "low statistics",
    };

    public static string Icon(Check c) =>
        c.Agrees ? Icons.Material.Filled.CheckCircle : c.IsWarning ? Icons.Material.Filled.Warning : Icons.Material.Filled.Cancel;

    public static Color Color(Check c) => c.Agrees ? MudBlazor.Color.Success : c.IsWarning ? MudBlazor.Color.Warning : MudBlazor.Color.Error;

    /// <summary>Deviation in σ (two-sided), margin to the bound (one-sided; positive inside), χ²/dof, or the plain difference.</summary>
    public static string Deviation(Check c) => c.Kind switch
    {
        CheckKind.Bound => BoundDeviation(c),
        CheckKind.Chi2 => c.Reference > 0 ? $"χ²/dof {(c.Simulated / c.Reference).ToString("0.00", CultureInfo.InvariantCulture)}" : Numbers.Format(c.Simulated),
        CheckKind.Tolerance => Numbers.Format(c.Deviation),
        _ => Numbers.Deviation(c),
    };

    /// <summary>
    /// The margin to a bound, positive inside. A bound that holds only thanks to its tolerance (the criterion's σ multiple
    /// and allowance) says so, so that a negative margin beside "bound holds" does not read as a contradiction.
    /// </summary>
    private static string BoundDeviation(Check c)
    {
        var margin = c.Margin ?? 0;
        var tolerance = (c.Sigmas == 0 ? 0 : c.Sigmas * c.Error) + c.Allowance;
        return margin < 0 && c.Verdict == Verdict.BoundSatisfied
            ? $"margin {Numbers.Format(margin)}, within the tolerance {Numbers.Format(tolerance)}"
            : $"margin {Numbers.Format(margin)}";
    }

    /// <summary>The banner: failures first, then warnings with what to change, else the all-clear.</summary>
    public static (Severity Severity, string Text, string State) Banner(IReadOnlyList<Check> checks)
    {
        var verdict = RunVerdicts.Of(checks);
        var failed = checks.Count(c => !c.Agrees && !c.IsWarning);
        var warnings = checks.Where(c => c.IsWarning).ToList();
        var warningText = warnings.Count == 0 ? ""
            : $" {warnings.Count} {(warnings.Count == 1 ? "check is" : "checks are")} inconclusive: " +
              string.Join("; ", warnings.GroupBy(w => w.Verdict).Select(g => $"{Label(g.Key)} ({g.Count()})" + (g.First().Advice is { } a ? $" — {a}" : "")));
        if (verdict == RunVerdict.Disagrees) return (Severity.Error, $"{failed} of {checks.Count} checks disagree with theory.{warningText}", "disagrees");
        if (verdict == RunVerdict.Inconclusive) return (Severity.Warning, $"No check disagrees, but the comparison cannot be trusted yet.{warningText}", "warning");
        return (Severity.Success, $"Simulation and theory agree: all {checks.Count} checks pass.", "agrees");
    }
}
