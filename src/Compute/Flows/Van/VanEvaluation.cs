using Compute.Numerics.Stats;

namespace Compute.Flows.Van;

/// <summary>
/// Final estimates from M independent samples of the trained model, per spin (n spins):
/// F_q/n = mean(E + ln q/β)/n with its standard error; NIS: ln Ẑ = ln mean(w), w = e^{−βE}/q, F_NIS = −ln Ẑ/β,
/// with the delta-method error; the normalized ESS; ⟨E⟩ under q and reweighted to the Boltzmann distribution
/// (self-normalized, with the delta-method error √(Σw²(E − Ē)²)/Σw).
/// </summary>
public sealed record VanEvaluation(
    double FreeEnergy, double FreeEnergyError, double NisFreeEnergy, double NisFreeEnergyError, double LogZ, double LogZError,
    double Ess, double Energy, double EnergyError, double NisEnergy, double NisEnergyError,
    double[] EnergiesPerSpin, double[] Weights, int Samples)
{
    public static VanEvaluation From(double[] energies, double[] logQ, double beta, int n)
    {
        var m = energies.Length;
        var values = new double[m];
        for (var k = 0; k < m; k++) values[k] = (energies[k] + logQ[k] / beta) / n;
        var (f, fError) = Statistics.MeanAndError(values);
        for (var k = 0; k < m; k++) values[k] = -beta * energies[k] - logQ[k];
        var (logZ, logZError, ess) = Statistics.LogMeanWeight(values);

        // Normalized weights (Σ = 1) from the log weights, shifted by ln Σw.
        var logSum = logZ + Math.Log(m);
        var weights = new double[m];
        for (var k = 0; k < m; k++) weights[k] = Math.Exp(values[k] - logSum);
        var perSpin = energies.Select(e => e / n).ToArray();
        var (e, eError) = Statistics.MeanAndError(perSpin);
        var (eNis, eNisError) = Statistics.Reweighted(values, perSpin);
        return new VanEvaluation(f, fError, -logZ / (beta * n), logZError / (beta * n), logZ, logZError,
            ess, e, eError, eNis, eNisError, perSpin, weights, m);
    }
}
