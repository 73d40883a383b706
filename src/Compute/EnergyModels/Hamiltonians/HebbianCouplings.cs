using Compute.EnergyModels.Hamiltonians;
using Compute.Numerics;

namespace Compute.EnergyModels.Hamiltonians;

/// <summary>
/// The Hopfield network's Hebbian couplings J_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ (i ≠ j, J_ii = 0) of P stored ±1 patterns, so
/// that H = −Σ_{i&lt;j} J_ij s_i s_j = −(1/2N) Σ_μ (ξ^μ·s)² + P/2. Ref: Hopfield, PNAS 79, 2554 (1982).
/// </summary>
public static class HebbianCouplings
{
    /// <summary><paramref name="count"/> random ±1 patterns ξ^μ of length n (count × n row-major) drawn from <paramref name="seed"/>.</summary>
    public static double[] RandomPatterns(int n, int count, ulong seed)
    {
        var rng = new Rng(seed, 0x486f70UL);
        var xi = new double[count * n];
        for (var k = 0; k < xi.Length; k++) xi[k] = rng.NextSign();
        return xi;
    }

    /// <summary>The n × n couplings (row-major, symmetric, zero diagonal) of patterns given P × n row-major.</summary>
    public static double[] Of(ReadOnlySpan<double> patterns, int n)
    {
        var count = patterns.Length / n;
        var j = new double[n * n];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < a; b++)
            {
                var sum = 0.0;
                for (var mu = 0; mu < count; mu++) sum += patterns[mu * n + a] * patterns[mu * n + b];
                j[a * n + b] = j[b * n + a] = sum / n;
            }
        return j;
    }
}
