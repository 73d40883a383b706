using Compute.Numerics;
using Compute.Numerics.Stats;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.EnergyModels.Hopfield;

/// <summary>
/// <c>ebm.hopfield</c>: associative memory with P = αN random ±1 patterns, Hebbian or dense (F(x) = xⁿ, eˣ).
/// For each load α: independent pattern sets, stored patterns probed for stability (bits the T = 0 dynamics would
/// flip), then asynchronous dynamics from noisy copies; records the retrieval overlap m(α), the fraction of stable
/// patterns and the bit instability, against the AGS T = 0 curve and the exact bit-instability law.
/// </summary>
public sealed partial class HopfieldModel : IModelType, ISweepTheory
{
    public const string Id = "ebm.hopfield";

    public ModelTypeInfo Info { get; } = new(
        Id, "Energy-based", "Hopfield network and dense associative memory",
        "Stores P = αN random binary patterns with the Hebb rule (or a dense energy −Σ_μ F(ξ^μ·σ)) and tests retrieval from noisy patterns by asynchronous dynamics. " +
        "Retrieval overlap and pattern stability against load α, compared with the Amit-Gutfreund-Sompolinsky solution (α_c = 0.138) and the exact crosstalk statistics.",
        HopfieldParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        HopfieldParameters.Declared.N.Is(1000), HopfieldParameters.Declared.Variant.Is(HopfieldParameters.Hebbian), HopfieldParameters.Declared.AlphaMin.Is(0.02),
        HopfieldParameters.Declared.AlphaMax.Is(0.3), HopfieldParameters.Declared.AlphaPoints.Is(8), HopfieldParameters.Declared.Networks.Is(2),
        HopfieldParameters.Declared.Probes.Is(5), HopfieldParameters.Declared.Noise.Is(0.1), HopfieldParameters.Declared.Temperature.Is(0.0),
        HopfieldParameters.Declared.MaxSweeps.Is(30));

    public ResourceEstimate? Estimate(ParameterValues parameters) => HopfieldParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = HopfieldParameters.From(parameters);
        return p.Validate().Concat(p.Estimate().Against(limits, HopfieldParameters.Declared.N.Name));
    }

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var cancellationToken = context.Cancellation;
        var p = HopfieldParameters.From(spec.Parameters);
        var alphas = p.Alphas();
        var network = new HopfieldNetwork(p.N, p.Patterns(alphas.Max()), p.Variant, p.Power);
        var beta = p.Temperature == 0 ? double.PositiveInfinity : 1 / p.Temperature;
        var points = new HopfieldPoint[alphas.Length];
        var stage = context.Stage("loads");
        var live = context.Series("overlap", "α", "retrieval overlap m");
        for (var a = 0; a < alphas.Length; a++)
        {
            var patterns = p.Patterns(alphas[a]);
            var probes = Math.Min(p.Probes, patterns);
            var overlap = new double[p.Networks * probes];
            var stable = new double[overlap.Length];
            var bitErrors = new double[overlap.Length];
            var firstHalf = new double[overlap.Length];
            var secondHalf = new double[overlap.Length];
            for (var w = 0; w < p.Networks; w++)
            {
                var rng = new Rng((ulong)spec.Seed, (ulong)(a * 100_000 + w));
                network.StorePatterns(patterns, ref rng);
                for (var mu = 0; mu < probes; mu++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var r = w * probes + mu;
                    var unstable = network.UnstableBits(mu);
                    bitErrors[r] = unstable / (double)p.N;
                    stable[r] = unstable == 0 ? 1 : 0;
                    (overlap[r], firstHalf[r], secondHalf[r]) = Retrieve(network, mu, p, beta, ref rng, cancellationToken);
                    if (!double.IsFinite(overlap[r]))
                        throw context.Fail(Id, $"The overlap became {overlap[r]} during finite-temperature dynamics for pattern {mu} at α = {alphas[a]:0.####}.");
                    if (stage.Due)
                        stage.Report(a + (r + 1.0) / overlap.Length, alphas.Length, $"α = {alphas[a]:0.####} ({a + 1}/{alphas.Length}), probe {r + 1}/{overlap.Length}");
                }
            }
            var equilibration = double.IsPositiveInfinity(beta) ? null : p.MaxSweeps >= 2 * Equilibration.MinPoints
                ? Equilibration.Paired($"m equilibrated at α = {alphas[a]:0.####}", firstHalf, secondHalf)
                : Equilibration.Of($"m equilibrated at α = {alphas[a]:0.####}", [], "maxSweeps");
            points[a] = new HopfieldPoint(alphas[a], patterns, Statistics.MeanAndError(overlap), Statistics.MeanAndError(stable), Statistics.MeanAndError(bitErrors), overlap.Length,
                equilibration);
            live.Add(alphas[a], points[a].Overlap.Mean);
            stage.Report(a + 1, alphas.Length, $"α = {alphas[a]:0.####} done ({a + 1}/{alphas.Length})");
        }
        return HopfieldResult.Build(p, points);
    }

    /// <summary>
    /// Dynamics from a noisy copy of pattern μ: the final overlap (T = 0), or its mean over the second half of the sweeps
    /// (T &gt; 0) with the means over the two halves of that measurement (the equilibration diagnostic; NaN at T = 0).
    /// </summary>
    private static (double Overlap, double FirstHalf, double SecondHalf) Retrieve(HopfieldNetwork network, int mu, HopfieldParameters p, double beta, ref Rng rng, CancellationToken ct)
    {
        network.SetState(mu, p.Noise, ref rng);
        if (double.IsPositiveInfinity(beta))
        {
            for (var s = 0; s < p.MaxSweeps; s++)
            {
                ct.ThrowIfCancellationRequested();
                if (network.Sweep(beta, ref rng) == 0) break;
            }
            return (network.Overlap(mu), double.NaN, double.NaN);
        }
        var start = p.MaxSweeps / 2;
        var measured = p.MaxSweeps - start;
        var half = measured / 2;
        double sum = 0, first = 0, second = 0;
        for (var s = 0; s < p.MaxSweeps; s++)
        {
            ct.ThrowIfCancellationRequested();
            network.Sweep(beta, ref rng);
            var t = s - start;
            if (t < 0) continue;
            var m = network.Overlap(mu);
            sum += m;
            if (t >= half) second += m;
            else first += m;
        }
        return (sum / measured, first / Math.Max(1, half), second / (measured - half));
    }
}

/// <summary>Results at one load: (mean, standard error) over all probes of the overlap, the stability indicator and the bit-instability fraction.</summary>
internal sealed record HopfieldPoint(double Alpha, int Patterns, (double Mean, double Error) Overlap, (double Mean, double Error) Stable, (double Mean, double Error) BitErrors, int Probes,
    Check? Equilibration);
