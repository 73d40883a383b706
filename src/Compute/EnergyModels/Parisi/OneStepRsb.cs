using Compute.Numerics.Optim;

namespace Compute.EnergyModels.Parisi;

/// <summary>
/// One-step replica symmetry breaking: x(q) = 0 below q₀, m on [q₀, q₁), 1 above q₁ (at T = 0, q₁ = 1 and μ = βm stays
/// finite), i.e. −βf = β²/4 [1 − 2q₁ + (1 − m)q₁² + m q₀²] + ln 2 + (1/m) E_{z₀} ln E_{z₁} cosh^m β(h + √q₀ z₀ + √(q₁ − q₀) z₁),
/// maximized over q₀ ≤ q₁ and m by Nelder-Mead on the Parisi functional.
/// Ref: Parisi, Phys. Lett. A 73, 203 (1979).
/// </summary>
internal static class OneStepRsb
{
    public sealed record Solution(double FreeEnergy, double[] Levels, double[] Mu);

    public static Solution Solve(double beta, double field, CancellationToken ct = default)
    {
        var functional = new ParisiFunctional(field);
        var zeroT = double.IsPositiveInfinity(beta);
        static double S(double t) => 1 / (1 + Math.Exp(-t));
        (double[] Q, double[] Mu) Decode(double[] p)
        {
            if (zeroT)
            {
                var q0 = S(p[0]);
                return ([0, q0, 1], [0, Math.Exp(p[1])]);
            }
            var q1 = S(p[1]);
            return ([0, q1 * S(p[0]), q1, 1], [0, beta * S(p[2]), beta]);
        }
        double[] start = zeroT ? [0, 0.3] : [-2, 2, 0];
        var (best, _) = NelderMead.Minimize(p => { var (q, mu) = Decode(p); return -functional.FreeEnergy(q, mu, beta); }, start, 0.5, 1e-12, 600, ct);
        var (levels, mus) = Decode(best);
        return new Solution(functional.FreeEnergy(levels, mus, beta), levels, mus);
    }
}
