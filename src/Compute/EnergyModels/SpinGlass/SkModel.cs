using Compute.EnergyModels.Hamiltonians;
using Compute.Numerics;
using Compute.Numerics.Stats;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.EnergyModels.SpinGlass;

/// <summary>
/// <c>ebm.sk</c>: the Sherrington-Kirkpatrick spin glass H = −Σ_{i&lt;j} J_ij s_i s_j, J_ij ~ N(0, 1/N), simulated by
/// single-spin Metropolis with incremental local fields, optionally with parallel tempering, on two independent replica
/// sets per disorder sample. Measures the energy per spin, the overlap distribution P(q) and ⟨q²⟩ against the exact
/// identity E_J⟨H⟩/N = −(β/2)(1 − E_J⟨q²⟩), the paramagnetic u = −β/2, and exact enumeration for small N.
/// </summary>
public sealed partial class SkModel : IModelType, ISweepTheory
{
    public const string Id = "ebm.sk";

    public ModelTypeInfo Info { get; } = new(
        Id, "Energy-based", "Sherrington-Kirkpatrick spin glass",
        "Mean-field Ising spin glass with Gaussian couplings of variance 1/N between all pairs. Parallel tempering over a temperature ladder with two independent replica sets " +
        "gives the energy per spin, the replica overlap distribution P(q) and ⟨q²⟩; checked against an exact integration-by-parts identity at every temperature, " +
        "the paramagnetic solution above T_c = 1, and exact enumeration for small N.",
        SkParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        SkParameters.Declared.N.Is(16), SkParameters.Declared.Samples.Is(24), SkParameters.Declared.TMin.Is(0.5),
        SkParameters.Declared.TMax.Is(2.0), SkParameters.Declared.Temperatures.Is(8), SkParameters.Declared.Algorithm.Is(SkParameters.ParallelTempering),
        SkParameters.Declared.Sweeps.Is(3000), SkParameters.Declared.Warmup.Is(500), SkParameters.Declared.Exact.Is(true));

    public ResourceEstimate? Estimate(ParameterValues parameters) => SkParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = SkParameters.From(parameters);
        return p.Validate().Concat(p.Estimate().Against(limits, SkParameters.Declared.N.Name));
    }

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = SkParameters.From(spec.Parameters);
        var betas = p.Betas();
        var stage = context.Stage("samples");
        // Until equilibrated: while the energy-overlap identity fails at some temperature, every sample is simulated again
        // with twice the warm-up (the identity is a disorder average: no sample is judged alone). A low-statistics failure
        // reruns too: a single run cannot always tell slow relaxation from disorder scatter, and more warm-up never hurts.
        var warmup = p.Warmup;
        for (var round = 1; ; round++)
        {
            var (acc, couplings) = Simulate(p, betas, warmup, round, (ulong)spec.Seed, stage, context);
            if (!p.UntilEquilibrated || round == SkParameters.MaxRounds || acc.IdentityHolds(betas))
                return SkResult.Build(p, betas, acc, couplings, warmup, round);
            warmup = warmup > 0 ? 2 * warmup : p.Sweeps;
        }
    }

    private static (SkAccumulators Acc, double[] FirstCouplings) Simulate(SkParameters p, double[] betas, int warmup, int round, ulong seed, RunStage stage, RunContext context)
    {
        var m = betas.Length;
        var n = p.N;
        var bins = n + 1 < 50 ? n + 1 : 50;  // small N: one bin per allowed q = −1, −1 + 2/N, …, 1
        var acc = new SkAccumulators(p.Samples, m, bins, p.Enumerate, n <= SkParameters.MaxExactOverlapN);
        var live = context.Series(round == 1 ? "energy_lowest_T" : $"energy_lowest_T_round{round}", "disorder samples done", $"E_J⟨H⟩/N at T = {1 / betas[^1]:0.###} (running mean)");
        var liveSum = 0.0;
        double[]? firstCouplings = null;
        // Thermal sums per temperature over all measured sweeps and over each half of them.
        var sumE = new double[m];
        var sumQ2 = new double[m];
        var binE = new double[2, m];
        var binQ2 = new double[2, m];
        var half = p.Sweeps / 2;
        var couplingsFloat = new float[n * n];
        var detail = round == 1 ? "" : $" (round {round}, warm-up {warmup})";

        for (var s = 0; s < p.Samples; s++)
        {
            var sampleSeed = new Rng(seed, 1_000_000 + (ulong)s).NextUInt64();
            var couplings = SkCouplings.Sample(n, sampleSeed);
            firstCouplings ??= couplings;
            for (var i = 0; i < couplings.Length; i++) couplingsFloat[i] = (float)couplings[i];
            var swap = p.Algorithm == SkParameters.ParallelTempering;
            // Both ladders share the float copy of J; it is rewritten only for the next sample.
            var a = new SkLadder(couplingsFloat, n, betas, swap, seed, 2 * (ulong)s);
            var b = new SkLadder(couplingsFloat, n, betas, swap, seed, 2 * (ulong)s + 1);
            Array.Clear(sumE);
            Array.Clear(sumQ2);
            Array.Clear(binE);
            Array.Clear(binQ2);
            for (var sweep = 0; sweep < warmup + p.Sweeps; sweep++)
            {
                context.ThrowIfCancelled();
                a.Sweep();
                b.Sweep();
                if (sweep == warmup)
                {
                    a.ResetSwapCounts();
                    b.ResetSwapCounts();
                }
                var t = sweep - warmup;
                if (t >= 0)
                {
                    var bin = t >= half ? 1 : 0;
                    for (var k = 0; k < m; k++)
                    {
                        var q = a.At(k).Overlap(b.At(k));
                        var e = (a.At(k).Energy + b.At(k).Energy) / (2.0 * n);
                        sumE[k] += e;
                        sumQ2[k] += q * q;
                        binE[bin, k] += e;
                        binQ2[bin, k] += q * q;
                        acc.AddOverlap(k, q);
                    }
                }
                if (stage.Due)
                    stage.Report(s + (sweep + 1.0) / (warmup + p.Sweeps), p.Samples, $"sample {s + 1}/{p.Samples}, sweep {sweep + 1}/{warmup + p.Sweeps}{detail}");
            }
            for (var k = 0; k < m; k++)
            {
                var u = sumE[k] / p.Sweeps;
                if (!double.IsFinite(u)) throw context.Fail(Id, $"The energy became {u} in sample {s + 1} at T = {1 / betas[k]:0.###}.");
                acc.Energy[k][s] = u;
                acc.Q2[k][s] = sumQ2[k] / p.Sweeps;
                var second = p.Sweeps - half;
                acc.FirstHalfResidual[k][s] = binE[0, k] / half + betas[k] / 2 * (1 - binQ2[0, k] / half);
                acc.SecondHalfResidual[k][s] = binE[1, k] / second + betas[k] / 2 * (1 - binQ2[1, k] / second);
            }
            acc.AddSwaps(a, b);
            liveSum += acc.Energy[m - 1][s];
            live.Add(s + 1, liveSum / (s + 1));
            if (p.Enumerate)
            {
                stage.Report(s + 0.9, p.Samples, $"sample {s + 1}/{p.Samples}: exact enumeration of 2^{n} states");
                var exact = SkEnumeration.Thermodynamics(couplings, n, betas, withOverlap: n <= SkParameters.MaxExactOverlapN);
                for (var k = 0; k < m; k++)
                {
                    acc.ExactEnergy![k][s] = exact[k].EnergyPerSpin;
                    if (acc.ExactQ2 is not null) acc.ExactQ2[k][s] = exact[k].MeanQ2;
                }
            }
            stage.Report(s + 1.0, p.Samples, $"sample {s + 1}/{p.Samples} done{detail}");
        }
        return (acc, firstCouplings!);
    }
}

/// <summary>Per-sample thermal averages, overlap histograms and swap counts of one run.</summary>
internal sealed class SkAccumulators
{
    public SkAccumulators(int samples, int temperatures, int bins, bool exact, bool exactOverlap)
    {
        Energy = Enumerable.Range(0, temperatures).Select(_ => new double[samples]).ToArray();
        Q2 = Enumerable.Range(0, temperatures).Select(_ => new double[samples]).ToArray();
        ExactEnergy = exact ? Enumerable.Range(0, temperatures).Select(_ => new double[samples]).ToArray() : null;
        ExactQ2 = exact && exactOverlap ? Enumerable.Range(0, temperatures).Select(_ => new double[samples]).ToArray() : null;
        FirstHalfResidual = Enumerable.Range(0, temperatures).Select(_ => new double[samples]).ToArray();
        SecondHalfResidual = Enumerable.Range(0, temperatures).Select(_ => new double[samples]).ToArray();
        Histogram = Enumerable.Range(0, temperatures).Select(_ => new double[bins]).ToArray();
        SwapAttempts = new long[Math.Max(0, temperatures - 1)];
        SwapAccepted = new long[Math.Max(0, temperatures - 1)];
        Bins = bins;
    }

    public int Bins { get; }

    /// <summary>[temperature][sample] thermal mean of H/N.</summary>
    public double[][] Energy { get; }

    /// <summary>[temperature][sample] thermal mean of q².</summary>
    public double[][] Q2 { get; }

    public double[][]? ExactEnergy { get; }

    /// <summary>[temperature][sample] thermal u + (β/2)(1 − q²) over the first half of the measured sweeps.</summary>
    public double[][] FirstHalfResidual { get; }

    /// <summary>[temperature][sample] the same over the second half of the measured sweeps.</summary>
    public double[][] SecondHalfResidual { get; }

    public double[][]? ExactQ2 { get; }

    /// <summary>[temperature][bin] counts of q over [−1 − w/2, 1 + w/2] (bins centred on the allowed values when N + 1 &lt; 50).</summary>
    public double[][] Histogram { get; }

    public long[] SwapAttempts { get; }

    public long[] SwapAccepted { get; }

    public (double Min, double Max) Range => Bins < 50 ? (-1 - 1.0 / (Bins - 1), 1 + 1.0 / (Bins - 1)) : (-1, 1);

    public void AddOverlap(int k, double q)
    {
        var (min, max) = Range;
        var bin = (int)((q - min) / (max - min) * Bins);
        Histogram[k][Math.Clamp(bin, 0, Bins - 1)]++;
    }

    public void AddSwaps(SkLadder a, SkLadder b)
    {
        for (var k = 0; k < SwapAttempts.Length; k++)
        {
            SwapAttempts[k] += a.SwapAttempts[k] + b.SwapAttempts[k];
            SwapAccepted[k] += a.SwapAccepted[k] + b.SwapAccepted[k];
        }
    }

    public static (double Mean, double Error) Mean(ReadOnlySpan<double> values) => Statistics.MeanAndError(values);

    /// <summary>The disorder-averaged residual E_J⟨H⟩/N + (β/2)(1 − E_J⟨q²⟩) at temperature k with its standard error over samples.</summary>
    public (double Mean, double Error) IdentityResidual(int k, double beta)
    {
        var residual = new double[Energy[k].Length];
        for (var s = 0; s < residual.Length; s++) residual[s] = Energy[k][s] + beta / 2 * (1 - Q2[k][s]);
        return Mean(residual);
    }

    /// <summary>The per-sample change of the identity residual from the first to the second half of the measured sweeps, averaged over samples.</summary>
    public (double Mean, double Error) IdentityDrift(int k)
    {
        var drift = new double[Energy[k].Length];
        for (var s = 0; s < drift.Length; s++) drift[s] = SecondHalfResidual[k][s] - FirstHalfResidual[k][s];
        return Mean(drift);
    }

    /// <summary>The identity check of every temperature passes.</summary>
    public bool IdentityHolds(double[] betas) =>
        Enumerable.Range(0, betas.Length).All(k => SkResult.IdentityCheck(this, k, betas[k]).Agrees);
}
