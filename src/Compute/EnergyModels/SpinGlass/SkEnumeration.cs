using Compute.EnergyModels.Hamiltonians;

namespace Compute.EnergyModels.SpinGlass;

/// <summary>Exact thermodynamics of one SK sample at one β: ln Z, ⟨H⟩/N, c = β² var(H)/N and ⟨q²⟩ of two replicas.</summary>
public readonly record struct SkExactPoint(double Beta, double LogZ, double EnergyPerSpin, double SpecificHeatPerSpin, double MeanQ2);

/// <summary>
/// Exact thermodynamics of an SK sample, H = −Σ_{i&lt;j} J_ij s_i s_j, from the energies of all its states
/// (<see cref="SpinEnumeration"/>, O(2^n · n)). The global flip symmetry H(s) = H(−s) halves the work (s_{n−1} = +1
/// fixed, Z doubled). Weights are taken relative to the ground state so nothing overflows at large β.
/// ⟨q²⟩ = (1/n²) Σ_ij ⟨s_i s_j⟩² for two independent replicas of the same sample costs O(2^n · n²).
/// </summary>
public static class SkEnumeration
{
    public const int MaxSpins = SpinEnumeration.MaxSpins;

    /// <summary>ln Z = ln Σ_s e^{−βH(s)} exactly (n ≤ 24).</summary>
    public static double LogPartitionFunction(ReadOnlySpan<double> couplings, int n, double beta) =>
        Thermodynamics(couplings, n, [beta], withOverlap: false)[0].LogZ;

    /// <summary>min_s H(s) (the ground-state energy, not divided by n).</summary>
    public static double GroundStateEnergy(ReadOnlySpan<double> couplings, int n)
    {
        return SpinEnumeration.Energies(couplings, [], n, halfSpace: true).Min();
    }

    /// <summary>Exact ln Z, energy, specific heat and (optionally) ⟨q²⟩ at each β, from one enumeration.</summary>
    public static SkExactPoint[] Thermodynamics(ReadOnlySpan<double> couplings, int n, ReadOnlySpan<double> betas, bool withOverlap)
    {
        var energies = SpinEnumeration.Energies(couplings, [], n, halfSpace: true);
        var eMin = energies.Min();
        var result = new SkExactPoint[betas.Length];
        var correlations = withOverlap ? new double[n * n] : [];
        var spins = new sbyte[n];
        for (var b = 0; b < betas.Length; b++)
        {
            var beta = betas[b];
            double z = 0, e1 = 0, e2 = 0;
            foreach (var e in energies)
            {
                var w = Math.Exp(-beta * (e - eMin));
                var d = e - eMin;
                z += w;
                e1 += w * d;
                e2 += w * d * d;
            }
            var mean = e1 / z;
            var q2 = double.NaN;
            if (withOverlap)
            {
                Array.Clear(correlations);
                spins[n - 1] = 1;
                for (var g = 0; g < energies.Length; g++)
                {
                    for (var i = 0; i < n - 1; i++) spins[i] = (sbyte)SpinEnumeration.Spin(g, i);
                    var w = Math.Exp(-beta * (energies[g] - eMin));
                    for (var i = 0; i < n; i++)
                    {
                        var wi = w * spins[i];
                        var row = correlations.AsSpan(i * n, n);
                        for (var j = 0; j < n; j++) row[j] += wi * spins[j];
                    }
                }
                var sum = 0.0;
                foreach (var c in correlations) sum += c / z * (c / z);
                q2 = sum / ((double)n * n);
            }
            result[b] = new SkExactPoint(beta, Math.Log(2 * z) - beta * eMin, (mean + eMin) / n, beta * beta * (e2 / z - mean * mean) / n, q2);
        }
        return result;
    }
}
