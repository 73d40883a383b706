using Compute.Numerics.Stats;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.EnergyModels.Ising;

/// <summary>
/// <c>ebm.ising</c>: the ferromagnetic 2D Ising model H = −Σ_⟨ij⟩ s_i s_j on a periodic L × L lattice, simulated at
/// evenly spaced β by checkerboard Metropolis, heat bath or Wolff clusters. Records the energy per site, |m|, the
/// specific heat, susceptibility and Binder cumulant with error bars, and compares the energy and specific heat with
/// Kaufman's exact values for the same L (Onsager's N → ∞ curves and β_c drawn alongside).
/// </summary>
public sealed partial class IsingModel : IModelType, ISweepTheory
{
    public const string Id = "ebm.ising";

    public ModelTypeInfo Info { get; } = new(
        Id, "Energy-based", "2D Ising model",
        "Ferromagnetic Ising model on a periodic square lattice (J = 1), simulated by Markov-chain Monte Carlo at a range of inverse temperatures β. " +
        "Energy, magnetization, specific heat, susceptibility and Binder cumulant with error bars, compared with Kaufman's exact finite-lattice solution and Onsager's infinite-lattice curves.",
        IsingParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        IsingParameters.Declared.L.Is(16), IsingParameters.Declared.BetaMin.Is(0.3), IsingParameters.Declared.BetaMax.Is(0.6),
        IsingParameters.Declared.BetaPoints.Is(7), IsingParameters.Declared.Algorithm.Is(IsingParameters.Metropolis), IsingParameters.Declared.Sweeps.Is(20000),
        IsingParameters.Declared.Warmup.Is(2000));

    public ResourceEstimate? Estimate(ParameterValues parameters) => IsingParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = IsingParameters.From(parameters);
        return p.Validate().Concat(p.Estimate().Against(limits, IsingParameters.Declared.L.Name));
    }

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = IsingParameters.From(spec.Parameters);
        var betas = p.Betas();
        var n = (double)p.L * p.L;
        var energy = new double[p.Sweeps];
        var magnetization = new double[p.Sweeps];
        var points = new IsingPoint[betas.Length];
        var snapshotIndex = Array.IndexOf(betas, betas.MinBy(b => Math.Abs(b - Onsager.CriticalBeta)));
        var snapshot = new sbyte[p.L * p.L];
        var stage = context.Stage("sweeps");
        var live = context.Series("energy", "β", "e = ⟨H⟩/N");
        var perPoint = (double)(p.Sweeps + p.Warmup);

        for (var i = 0; i < betas.Length; i++)
        {
            var sampler = new IsingSampler(p.L, betas[i], p.Algorithm, (ulong)spec.Seed, (ulong)i);
            for (var s = 0; s < p.Warmup; s++)
            {
                context.ThrowIfCancelled();
                sampler.WarmupSweep();
                if (stage.Due) stage.Report(i * perPoint + s + 1, betas.Length * perPoint, $"β = {betas[i]:0.####} ({i + 1}/{betas.Length}), warm-up sweep {s + 1}/{p.Warmup}");
            }
            // Until equilibrated: a measurement that fails the diagnostic becomes warm-up and the chain is measured again,
            // so the warm-up grows by the measured sweeps each round.
            var rounds = 0;
            do
            {
                rounds++;
                for (var s = 0; s < p.Sweeps; s++)
                {
                    context.ThrowIfCancelled();
                    sampler.Sweep();
                    energy[s] = sampler.Energy() / n;
                    magnetization[s] = sampler.Magnetization() / n;
                    if (stage.Due) stage.Report(i * perPoint + p.Warmup + s + 1, betas.Length * perPoint, $"β = {betas[i]:0.####} ({i + 1}/{betas.Length}), sweep {s + 1}/{p.Sweeps}" + (rounds > 1 ? $", round {rounds}" : ""));
                }
                points[i] = IsingPoint.Measure(betas[i], p.L, energy, magnetization, rounds);
            }
            while (p.UntilEquilibrated && rounds < IsingParameters.MaxRounds && !points[i].EquilibrationCheck.Agrees);
            live.Add(betas[i], points[i].Energy);
            stage.Report((i + 1) * perPoint, betas.Length * perPoint, $"β = {betas[i]:0.####} done ({i + 1}/{betas.Length})");
            if (i == snapshotIndex) sampler.CopyTo(snapshot);
        }
        return IsingResult.Build(p, points, snapshot, betas[snapshotIndex]);
    }
}

/// <summary>Observables at one β with their errors; the exact values for the same lattice.</summary>
internal sealed record IsingPoint(
    double Beta, double Energy, double EnergyError, double TauEnergy, double AbsMagnetization, double AbsMagnetizationError, double TauMagnetization,
    double SpecificHeat, double SpecificHeatError, double Susceptibility, double SusceptibilityError, double Binder, double BinderError,
    double ExactEnergy, double ExactSpecificHeat, SeriesHalves EnergyHalves, int Rounds)
{
    public static IsingPoint Measure(double beta, int l, double[] e, double[] m, int rounds)
    {
        var n = (double)l * l;
        foreach (var v in e)
            if (!double.IsFinite(v)) throw new InvalidOperationException($"The energy became {v} at β = {beta}.");
        var absM = m.Select(Math.Abs).ToArray();
        var (eMean, eErr, _) = Statistics.BinningError(e);
        var (mMean, mErr, _) = Statistics.BinningError(absM);
        var tauE = Statistics.IntegratedAutocorrelationTime(e).Tau;
        var tauM = Statistics.IntegratedAutocorrelationTime(absM).Tau;
        var blocks = Statistics.JackknifeBlocks(e.Length, Math.Max(tauE, tauM));
        var e2 = e.Select(x => x * x).ToArray();
        var m2 = m.Select(x => x * x).ToArray();
        var m4 = m2.Select(x => x * x).ToArray();
        var c = Statistics.Jackknife([e, e2], blocks, v => beta * beta * n * (v[1] - v[0] * v[0]));
        var chi = Statistics.Jackknife([absM, m2], blocks, v => beta * n * (v[1] - v[0] * v[0]));
        var binder = Statistics.Jackknife([m2, m4], blocks, v => v[0] > 0 ? 1 - v[1] / (3 * v[0] * v[0]) : 0);
        var exactE = Kaufman.EnergyPerSite(l, l, beta);
        var exactC = Kaufman.SpecificHeatPerSite(l, l, beta);
        return new IsingPoint(beta, eMean, eErr, tauE, mMean, mErr, tauM, c.Value, c.Error, chi.Value, chi.Error, binder.Value, binder.Error, exactE, exactC,
            Statistics.Halves(e), rounds);
    }

    /// <summary>The equilibration diagnostic: the energy's two halves of the measurement agree within errors.</summary>
    public Check EquilibrationCheck => Equilibration.Of($"e equilibrated at β = {Beta:0.####}", EnergyHalves);
}
