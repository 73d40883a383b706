using Compute.Numerics.Stats;
using Shared.Results;

namespace Compute;

/// <summary>
/// The equilibration diagnostic of the Monte Carlo model types, as checks: an observable's mean over the last logarithmic
/// bin of the measurement (its second half) must agree within errors with the bin before it (the first half), else the
/// verdict is <see cref="Verdict.NotEquilibrated"/> (increase the warm-up), never "disagrees with theory". Comparisons
/// made on a chain that failed it say so too (<see cref="Check.Unless"/>).
/// </summary>
public static class Equilibration
{
    public const string Advice = "Not equilibrated: increase the warm-up (the chains were still drifting when measured).";

    private const string Source = "logarithmic binning: Bhatt & Young, PRB 37, 5606 (1988)";

    /// <summary>Fewer recorded values than this cannot be binned into two meaningful logarithmic bins.</summary>
    public const int MinPoints = 16;

    /// <summary>
    /// "The two halves of <paramref name="series"/> agree", as a check (simulated: second half, reference: first half);
    /// a series shorter than <see cref="MinPoints"/> gives <see cref="Verdict.LowStatistics"/>, naming
    /// <paramref name="lengthParameter"/> as what to increase.
    /// </summary>
    public static Check Of(string name, ReadOnlySpan<double> series, string lengthParameter) =>
        series.Length >= MinPoints
            ? Of(name, Statistics.Halves(series))
            : new Check
            {
                Name = name, Simulated = double.NaN, Error = double.NaN, Reference = double.NaN, Verdict = Verdict.LowStatistics, ReferenceSource = Source,
                Criterion = $"at least {MinPoints} recorded values for logarithmic binning",
                Advice = $"Only {series.Length} recorded values: too few to test whether the chains reached equilibrium. Increase {lengthParameter}.",
            };

    /// <summary>
    /// The same test over independent replicas (chains from different starts): each replica's mean over the first
    /// (<paramref name="first"/>) and the second half (<paramref name="second"/>) of its measured sweeps; the drift is
    /// averaged over replicas with its standard error, so the scatter between replicas cancels.
    /// </summary>
    public static Check Paired(string name, ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var drift = new double[second.Length];
        for (var i = 0; i < drift.Length; i++) drift[i] = second[i] - first[i];
        var (driftMean, driftError) = Statistics.MeanAndError(drift);
        var (secondMean, _) = Statistics.MeanAndError(second);
        return Check.WithinSigma(name, secondMean, driftError, secondMean - driftMean, Source,
                note: "simulated: mean over replicas of the second half of the measured sweeps; reference: of the first half; σ of the paired drift")
            .Unless(false, Verdict.NotEquilibrated, Advice);
    }

    /// <summary>
    /// Whether a drift of the measurement explains a deviation from <paramref name="reference"/>: the halves differ by at
    /// least one standard error and the series moves toward the reference. The halves test itself needs 3σ, but its
    /// drift is about half the bias it leaves in the whole-series mean, so a comparison failing by a few σ on a chain
    /// that visibly approaches the reference is "not equilibrated", not "disagrees".
    /// </summary>
    public static bool Explains(SeriesHalves halves, double reference) =>
        Math.Abs(halves.Drift) >= halves.DriftError && Math.Abs(halves.First - reference) > Math.Abs(halves.Second - reference);

    public static Check Of(string name, SeriesHalves halves) =>
        Check.WithinSigma(name, halves.Second, halves.DriftError, halves.First, Source,
                note: "simulated: mean of the second half of the measured sweeps; reference: of the first half; σ from binning")
            .Unless(false, Verdict.NotEquilibrated, Advice);
}
