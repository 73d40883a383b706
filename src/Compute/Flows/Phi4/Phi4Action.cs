using System.Runtime.CompilerServices;
using System.Numerics;

namespace Compute.Flows.Phi4;

/// <summary>
/// Lattice φ⁴ action on an L×L torus in the Albergo-Kanwar-Shanahan convention (no ½):
/// S(φ) = Σ_x [ Σ_μ (φ_{x+μ} − φ_x)² + m² φ_x² + λ φ_x⁴ ], site x = row·L + column.
/// Its gradient ∂S/∂φ_x = 2(4φ_x − Σ_{y~x} φ_y) + 2m²φ_x + 4λφ_x³ drives the reverse-KL training.
/// Ref: Albergo, Kanwar &amp; Shanahan, PRD 100 (2019), eq. (12); docs/model-types/flow.phi4.md.
/// </summary>
public readonly record struct Phi4Action(int L, double M2, double Lambda)
{
    public int Sites => L * L;

    /// <summary>The hopping form S = Σ_x [−2κ Σ_μ φ_xφ_{x+μ} + (1−2λ_h)φ_x² + λ_h φ_x⁴] mapped by φ = √κ φ_h: m² = (1−2λ_h)/κ − 4, λ = λ_h/κ².</summary>
    public static Phi4Action FromHopping(int l, double kappa, double lambdaHopping) =>
        new(l, (1 - 2 * lambdaHopping) / kappa - 4, lambdaHopping / (kappa * kappa));

    /// <summary>S of one configuration (double accumulation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Evaluate<T>(ReadOnlySpan<T> phi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = 0.0;
        for (var r = 0; r < L; r++)
        {
            var down = (r + 1) % L * L;
            for (var c = 0; c < L; c++)
            {
                var x = double.CreateTruncating(phi[r * L + c]);
                var right = double.CreateTruncating(phi[r * L + (c + 1) % L]) - x;
                var below = double.CreateTruncating(phi[down + c]) - x;
                var x2 = x * x;
                s += right * right + below * below + M2 * x2 + Lambda * x2 * x2;
            }
        }
        return s;
    }

    /// <summary>gradient = scale·∂S/∂φ for one configuration.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Gradient<T>(ReadOnlySpan<T> phi, Span<T> gradient, T scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var two = T.CreateTruncating(2.0);
        var mass = T.CreateTruncating(4.0 + M2);
        var four = T.CreateTruncating(4.0 * Lambda);
        for (var r = 0; r < L; r++)
        {
            int up = (r + L - 1) % L * L, down = (r + 1) % L * L, row = r * L;
            for (var c = 0; c < L; c++)
            {
                var x = phi[row + c];
                var neighbours = phi[row + (c + 1) % L] + phi[row + (c + L - 1) % L] + phi[up + c] + phi[down + c];
                gradient[row + c] = scale * (two * (mass * x - neighbours) + four * x * x * x);
            }
        }
    }

    /// <summary>
    /// Exact ln Z of the free field (λ = 0, m² &gt; 0) in this convention: the Gaussian integral of
    /// exp(−φᵀAφ) with A = −Δ + m² gives ln Z = (V/2) ln π − ½ Σ_k ln(m² + k̂²), k̂² = Σ_μ 4 sin²(π n_μ/L).
    /// Ref: docs/model-types/flow.phi4.md (L = 8, m² = 1: −11.6228852573).
    /// </summary>
    public static double FreeFieldLogZ(int l, double m2)
    {
        if (m2 <= 0) throw new ArgumentOutOfRangeException(nameof(m2), "The free field is normalizable only for m² > 0.");
        var sum = 0.0;
        for (var n1 = 0; n1 < l; n1++)
        for (var n2 = 0; n2 < l; n2++)
        {
            var s1 = Math.Sin(Math.PI * n1 / l);
            var s2 = Math.Sin(Math.PI * n2 / l);
            sum += Math.Log(m2 + 4 * s1 * s1 + 4 * s2 * s2);
        }
        return l * l / 2.0 * Math.Log(Math.PI) - 0.5 * sum;
    }
}
