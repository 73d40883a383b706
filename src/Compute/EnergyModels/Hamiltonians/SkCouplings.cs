using Compute.EnergyModels.Hamiltonians;
using Compute.Numerics;

namespace Compute.EnergyModels.Hamiltonians;

/// <summary>Disorder of the Sherrington-Kirkpatrick model H = −Σ_{i&lt;j} J_ij s_i s_j.</summary>
public static class SkCouplings
{
    /// <summary>
    /// A symmetric n × n coupling matrix (row-major, zero diagonal) with J_ij ~ N(0, 1/n) drawn in the order
    /// (0,1), (0,2), …, (1,2), … from the stream (seed, 0). Ref: Sherrington &amp; Kirkpatrick, PRL 35, 1792 (1975).
    /// </summary>
    public static double[] Sample(int n, ulong seed)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), "The SK model needs at least one spin.");
        var j = new double[n * n];
        var rng = new Rng(seed, 0);
        var scale = 1 / Math.Sqrt(n);
        for (var a = 0; a < n; a++)
        for (var b = a + 1; b < n; b++)
            j[a * n + b] = j[b * n + a] = scale * rng.NextGaussian();
        return j;
    }

    /// <summary>H(s) = −Σ_{i&lt;j} J_ij s_i s_j for a configuration of ±1 spins (reference implementation, O(n²)).</summary>
    public static double Energy(ReadOnlySpan<double> couplings, int n, ReadOnlySpan<sbyte> spins)
    {
        var e = 0.0;
        for (var a = 0; a < n; a++)
        for (var b = a + 1; b < n; b++)
            e -= couplings[a * n + b] * spins[a] * spins[b];
        return e;
    }
}
