using System.Runtime.CompilerServices;
using System.Numerics;

namespace Compute.Flows.Phi4;

/// <summary>
/// Per-configuration observables: magnetization M = Σ_x φ_x and the axis-averaged two-point function
/// C(r) = (1/2V) Σ_y φ_y (φ_{y+r·ê₁} + φ_{y+r·ê₂}) for r = 0..L/2, whose ensemble average is G(r).
/// Susceptibility convention: χ₂ = Σ_x G(x) = ⟨M²⟩/V (⟨M⟩ = 0 by the Z₂ symmetry on a finite torus).
/// Ref: Albergo, Kanwar &amp; Shanahan, PRD 100 (2019), sec. IV.
/// </summary>
public static class Phi4Observables
{
    public static double Magnetization<T>(ReadOnlySpan<T> phi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = 0.0;
        foreach (var x in phi) m += double.CreateTruncating(x);
        return m;
    }

    /// <summary>Writes C(r), r = 0..L/2, into <paramref name="correlator"/> (length L/2 + 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TwoPoint<T>(ReadOnlySpan<T> phi, int l, Span<double> correlator) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var v = l * l;
        for (var r = 0; r <= l / 2; r++)
        {
            var sum = 0.0;
            for (var row = 0; row < l; row++)
            for (var c = 0; c < l; c++)
            {
                var x = double.CreateTruncating(phi[row * l + c]);
                sum += x * (double.CreateTruncating(phi[row * l + (c + r) % l]) + double.CreateTruncating(phi[(row + r) % l * l + c]));
            }
            correlator[r] = sum / (2.0 * v);
        }
    }

    /// <summary>
    /// Exact G(r) of the free field (λ = 0) in the no-½ convention: the weight exp(−φᵀAφ), A = −Δ + m², has covariance
    /// (2A)⁻¹, so G(r) = (1/V) Σ_k cos(2π n₁ r/L) / (2(m² + k̂²)).
    /// </summary>
    public static double FreeFieldTwoPoint(int l, double m2, int r)
    {
        var sum = 0.0;
        for (var n1 = 0; n1 < l; n1++)
        for (var n2 = 0; n2 < l; n2++)
        {
            var s1 = Math.Sin(Math.PI * n1 / l);
            var s2 = Math.Sin(Math.PI * n2 / l);
            sum += Math.Cos(2 * Math.PI * n1 * r / l) / (2 * (m2 + 4 * s1 * s1 + 4 * s2 * s2));
        }
        return sum / (l * l);
    }
}
