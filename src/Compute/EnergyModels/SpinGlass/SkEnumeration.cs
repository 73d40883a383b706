namespace Compute.EnergyModels.SpinGlass;

/// <summary>Exact thermodynamics of one SK sample at one β: ln Z, ⟨H⟩/N, c = β² var(H)/N and ⟨q²⟩ of two replicas.</summary>
public readonly record struct SkExactPoint(double Beta, double LogZ, double EnergyPerSpin, double SpecificHeatPerSpin, double MeanQ2);

/// <summary>
/// Exact enumeration of all 2^n states of an SK sample, H = −Σ_{i&lt;j} J_ij s_i s_j, in Gray-code order:
/// flipping spin k changes H by 2 s_k h_k (h_k = Σ_j J_kj s_j), and the local fields are updated in O(n),
/// so ln Z costs O(2^n · n). The global flip symmetry H(s) = H(−s) halves the work (s_{n−1} = +1 fixed,
/// Z doubled). Weights are taken relative to the ground state so nothing overflows at large β.
/// ⟨q²⟩ = (1/n²) Σ_ij ⟨s_i s_j⟩² for two independent replicas of the same sample costs O(2^n · n²).
/// </summary>
public static class SkEnumeration
{
    public const int MaxSpins = 24;

    /// <summary>ln Z = ln Σ_s e^{−βH(s)} exactly (n ≤ 24).</summary>
    public static double LogPartitionFunction(ReadOnlySpan<double> couplings, int n, double beta) =>
        Thermodynamics(couplings, n, [beta], withOverlap: false)[0].LogZ;

    /// <summary>min_s H(s) (the ground-state energy, not divided by n).</summary>
    public static double GroundStateEnergy(ReadOnlySpan<double> couplings, int n)
    {
        var energies = Energies(couplings, n);
        return energies.Min();
    }

    /// <summary>Exact ln Z, energy, specific heat and (optionally) ⟨q²⟩ at each β, from one enumeration.</summary>
    public static SkExactPoint[] Thermodynamics(ReadOnlySpan<double> couplings, int n, ReadOnlySpan<double> betas, bool withOverlap)
    {
        var energies = Energies(couplings, n);
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
                spins.AsSpan().Fill(1);
                for (var g = 0; g < energies.Length; g++)
                {
                    if (g > 0) spins[FlippedSpin(g)] *= -1;
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

    /// <summary>H of the 2^{n−1} states with s_{n−1} = +1, in Gray-code order (state g differs from g−1 in spin FlippedSpin(g)).</summary>
    private static double[] Energies(ReadOnlySpan<double> couplings, int n)
    {
        if (n < 1 || n > MaxSpins) throw new ArgumentOutOfRangeException(nameof(n), $"Exact enumeration needs 1 ≤ n ≤ {MaxSpins}.");
        if (couplings.Length != n * n) throw new ArgumentException("couplings must be n × n.", nameof(couplings));
        var count = 1 << (n - 1);
        var energies = new double[count];
        var spins = new sbyte[n];
        spins.AsSpan().Fill(1);
        var field = new double[n];
        var e = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) field[i] += couplings[i * n + j];
            e -= 0.5 * field[i];
        }
        energies[0] = e;
        for (var g = 1; g < count; g++)
        {
            var k = FlippedSpin(g);
            var sk = spins[k];
            e += 2 * sk * field[k];
            spins[k] = (sbyte)-sk;
            var row = couplings.Slice(k * n, n);
            for (var i = 0; i < n; i++) field[i] -= 2 * sk * row[i];
            energies[g] = e;
        }
        return energies;
    }

    /// <summary>The spin that changes between Gray codes g−1 and g: the lowest set bit of g.</summary>
    private static int FlippedSpin(int g) => System.Numerics.BitOperations.TrailingZeroCount(g);
}
