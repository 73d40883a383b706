using System.Globalization;

namespace Shared.Results;

/// <summary>
/// What a check concluded. <see cref="Agrees"/> and <see cref="BoundSatisfied"/> pass; <see cref="Disagrees"/> and
/// <see cref="BoundViolated"/> fail; the last three are warnings that the comparison cannot be trusted either way, and
/// say what to change: a run with any of them is never shown as an unqualified success.
/// </summary>
public enum Verdict
{
    /// <summary>Simulation and reference agree within the stated tolerance.</summary>
    Agrees,
    /// <summary>They differ by more than the tolerance.</summary>
    Disagrees,
    /// <summary>A one-sided bound holds (shown as the margin to the bound, not in σ).</summary>
    BoundSatisfied,
    /// <summary>A one-sided bound is violated beyond its tolerance.</summary>
    BoundViolated,
    /// <summary>Training diverged or stalled: the number compared is not the converged one.</summary>
    NotConverged,
    /// <summary>The Markov chains had not reached equilibrium: increase the warm-up, not a sign of wrong theory.</summary>
    NotEquilibrated,
    /// <summary>Too few effective samples for the error bar to be trusted (ESS, τ_int comparable to the run, no error bar).</summary>
    LowStatistics,
}

/// <summary>How the numbers of a check are compared; decides how its deviation is shown.</summary>
public enum CheckKind
{
    /// <summary>|simulated − reference| ≤ Sigmas·σ + Allowance.</summary>
    WithinSigma,
    /// <summary>A one-sided bound: the margin (positive inside) ≥ −(Sigmas·σ + Allowance).</summary>
    Bound,
    /// <summary>χ² against its degrees of freedom: simulated = χ², reference = dof, error = √(2 dof).</summary>
    Chi2,
    /// <summary>|simulated − reference| ≤ Allowance, a fixed tolerance (published digits, round-off).</summary>
    Tolerance,
}

/// <summary>Which side of a bound is allowed.</summary>
public enum BoundSide
{
    AtLeast,
    AtMost,
}

/// <summary>
/// A comparison of a simulated value (± error) with a reference from theory or an exact calculation, with the verdict
/// computed by one of the factories (<see cref="WithinSigma"/>, <see cref="Bound"/>, <see cref="Chi2"/>,
/// <see cref="Tolerance"/>) so that every family decides the same way and the decision can be recomputed from the
/// stored numbers. Result documents stored before verdicts existed carry only <c>agrees</c>; they read back as
/// <see cref="Verdict.Agrees"/> or <see cref="Verdict.Disagrees"/>.
/// </summary>
public sealed record Check
{
    // A check built without a verdict (nor an old document's agrees) must never read as a pass.
    private readonly Verdict _verdict = Verdict.Disagrees;
    private readonly bool _verdictGiven;

    public required string Name { get; init; }
    public double Simulated { get; init; }
    public double Error { get; init; }
    public double Reference { get; init; }
    public CheckKind Kind { get; init; } = CheckKind.WithinSigma;

    /// <summary>Multiples of <see cref="Error"/> tolerated (3 unless stated); negative for "exceeds by more than |Sigmas|σ".</summary>
    public double Sigmas { get; init; } = 3;

    /// <summary>A stated systematic allowance added to the statistical tolerance (finite size, published digits).</summary>
    public double Allowance { get; init; }

    /// <summary>For <see cref="CheckKind.Bound"/>: which side of <see cref="Reference"/> is allowed.</summary>
    public BoundSide? Side { get; init; }

    public string Criterion { get; init; } = "";
    public string ReferenceSource { get; init; } = "";

    /// <summary>What to change when the verdict is a warning (e.g. "increase the warm-up").</summary>
    public string? Advice { get; init; }

    public Verdict Verdict
    {
        get => _verdict;
        init
        {
            _verdict = value;
            _verdictGiven = true;
        }
    }

    /// <summary>
    /// True when the check passes (agrees, or its bound holds). Written for older readers; when read, it decides the
    /// verdict only of documents that have none (stored before verdicts existed).
    /// </summary>
    public bool Agrees
    {
        get => Verdict is Verdict.Agrees or Verdict.BoundSatisfied;
        init
        {
            if (!_verdictGiven) _verdict = value ? Verdict.Agrees : Verdict.Disagrees;
        }
    }

    /// <summary>A warning: neither pass nor fail, the run needs more work (see <see cref="Advice"/>).</summary>
    public bool IsWarning => Verdict is Verdict.NotConverged or Verdict.NotEquilibrated or Verdict.LowStatistics;

    public double Deviation => Simulated - Reference;

    /// <summary>For bounds: the distance to the bound, positive on the allowed side.</summary>
    public double? Margin => Kind == CheckKind.Bound ? (Side == BoundSide.AtMost ? Reference - Simulated : Simulated - Reference) : null;

    /// <summary>
    /// Two-sided agreement within <paramref name="sigmas"/> standard errors plus a stated <paramref name="allowance"/>.
    /// A non-finite value disagrees; a finite value without a finite error bar has <see cref="Verdict.LowStatistics"/>.
    /// <paramref name="note"/> explains σ or the allowance in the criterion.
    /// </summary>
    public static Check WithinSigma(string name, double simulated, double error, double reference, string source,
        double allowance = 0, string? note = null, double sigmas = 3)
    {
        var verdict = !double.IsFinite(simulated) ? Verdict.Disagrees
            : !(double.IsFinite(error) && error >= 0) ? Verdict.LowStatistics
            : Math.Abs(simulated - reference) <= sigmas * error + allowance ? Verdict.Agrees : Verdict.Disagrees;
        return new Check
        {
            Name = name, Simulated = simulated, Error = error, Reference = reference, Kind = CheckKind.WithinSigma, Sigmas = sigmas,
            Allowance = allowance, Verdict = verdict, ReferenceSource = source,
            Criterion = $"|simulated − reference| ≤ {Number(sigmas)}σ{Plus(allowance)}{Note(note)}",
            Advice = verdict == Verdict.LowStatistics ? "The simulation has no finite error bar: run more samples." : null,
        };
    }

    /// <summary>
    /// A one-sided bound: <paramref name="side"/> AtLeast holds when simulated ≥ bound − (sigmas·σ + allowance), AtMost when
    /// simulated ≤ bound + (sigmas·σ + allowance). A negative <paramref name="sigmas"/> asks for more: the value must clear
    /// the bound by |sigmas|·σ (a significant excess). Shown as the margin to the bound.
    /// </summary>
    public static Check Bound(string name, double simulated, double error, double bound, BoundSide side, string source,
        double allowance = 0, string? note = null, double sigmas = 3)
    {
        var margin = side == BoundSide.AtLeast ? simulated - bound : bound - simulated;
        var slack = (sigmas == 0 ? 0 : sigmas * error) + allowance;
        var verdict = !double.IsFinite(simulated) ? Verdict.BoundViolated
            : sigmas != 0 && !(double.IsFinite(error) && error >= 0) ? Verdict.LowStatistics
            : margin >= -slack ? Verdict.BoundSatisfied : Verdict.BoundViolated;
        // Written as the inequality the value must satisfy: the tolerance widens the allowed side, a negative σ narrows it.
        var widen = side == BoundSide.AtLeast ? "−" : "+";
        var narrow = side == BoundSide.AtLeast ? "+" : "−";
        var sigmaTerm = sigmas == 0 ? "" : $" {(sigmas > 0 ? widen : narrow)} {Number(Math.Abs(sigmas))}σ";
        var allowanceTerm = allowance > 0 ? $" {widen} {Number(allowance)}" : "";
        var relation = side == BoundSide.AtLeast ? "≥" : "≤";
        return new Check
        {
            Name = name, Simulated = simulated, Error = error, Reference = bound, Kind = CheckKind.Bound, Side = side, Sigmas = sigmas,
            Allowance = allowance, Verdict = verdict, ReferenceSource = source,
            Criterion = $"simulated {relation} bound{sigmaTerm}{allowanceTerm}{Note(note)}",
            Advice = verdict == Verdict.LowStatistics ? "The simulation has no finite error bar: run more samples." : null,
        };
    }

    /// <summary>χ² of <paramref name="dof"/> independent comparisons: agrees when χ² ≤ dof + 3√(2 dof).</summary>
    public static Check Chi2(string name, double chi2, int dof, string source, string? note = null)
    {
        var error = Math.Sqrt(2.0 * dof);
        return new Check
        {
            Name = name, Simulated = chi2, Error = error, Reference = dof, Kind = CheckKind.Chi2, Sigmas = 3,
            Verdict = double.IsFinite(chi2) && chi2 <= dof + 3 * error ? Verdict.Agrees : Verdict.Disagrees, ReferenceSource = source,
            Criterion = $"χ² ≤ dof + 3√(2 dof) = {Number(dof + 3 * error)}{Note(note)}",
        };
    }

    /// <summary>Agreement to a fixed tolerance (published digits, round-off of two exact methods); <paramref name="error"/> is shown only.</summary>
    public static Check Tolerance(string name, double simulated, double reference, double tolerance, string source, string? note = null, double error = 0) =>
        new()
        {
            Name = name, Simulated = simulated, Error = error, Reference = reference, Kind = CheckKind.Tolerance, Sigmas = 0, Allowance = tolerance,
            Verdict = Math.Abs(simulated - reference) <= tolerance ? Verdict.Agrees : Verdict.Disagrees, ReferenceSource = source,
            Criterion = $"|simulated − reference| ≤ {Number(tolerance)}{Note(note)}",
        };

    /// <summary>
    /// This check, with <paramref name="warning"/> instead of a failing verdict unless the run is <paramref name="healthy"/>:
    /// a comparison that fails because the run is not equilibrated (converged, well sampled) says so rather than
    /// "disagrees with theory". A passing check, or one that already carries a warning, is kept.
    /// </summary>
    public Check Unless(bool healthy, Verdict warning, string advice) =>
        healthy || Agrees || IsWarning ? this : this with { Verdict = warning, Advice = advice };

    private static string Plus(double allowance) => allowance > 0 ? $" + {Number(allowance)}" : "";

    private static string Note(string? note) => string.IsNullOrEmpty(note) ? "" : $" ({note})";

    private static string Number(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
