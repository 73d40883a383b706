using Compute.Numerics.Stats;
using Shared.Results;

namespace Compute;

/// <summary>
/// The equilibration diagnostic of the Monte Carlo model types, as checks: an observable's last two logarithmic bins
/// must agree within errors, else the verdict is <see cref="Verdict.NotEquilibrated"/> (increase the warm-up), never
/// "disagrees with theory". Comparisons made on a chain that failed it say so too (<see cref="Check.Unless"/>).
/// </summary>
public static class Equilibration
{
    public const string Advice = "Not equilibrated: increase the warm-up (the chains were still drifting when measured).";

    private const string Source = "logarithmic binning: Bhatt & Young, PRB 37, 5606 (1988)";

    /// <summary>"The last two logarithmic bins of <paramref name="series"/> agree", as a check (simulated: last bin, reference: the one before).</summary>
    public static Check Of(string name, ReadOnlySpan<double> series) => Of(name, Statistics.LastLogarithmicBins(series));

    public static Check Of(string name, LogarithmicBins bins) =>
        Check.WithinSigma(name, bins.Last, bins.DriftError, bins.Previous, Source,
                note: "simulated: mean of the second half of the measured sweeps; reference: the quarter before it; σ from binning")
            .Unless(false, Verdict.NotEquilibrated, Advice);
}
