using Compute.Numerics;

namespace Compute.Perceptron.Theory;

/// <summary>
/// Replica theory of the maximally stable perceptron (the student an exact Adatron converges to) learning a spherical
/// teacher from P = αN Gaussian examples without noise. In Gardner's volume with a teacher, the limit q → 1 leaves
///   g(R, κ) = ½(1 − R²) − α A(R, κ),  A = ∫_{−∞}^{κ} Dt H(−R t/s) (κ − t)²,  s = √(1 − R²),
/// and the maximal stability κ_max(α) with its overlap R(α) solve max_R g = 0, i.e.
///   α = s² / (2A)  and  ∂g/∂R = 0  ⇔  B + 4π s R A = 0,  B = ∫_{−∞}^{κ} dt e^{−t²/(2s²)} t (κ − t)²
/// (B in closed form from Gaussian moments). ε = arccos(R)/π. Checks built in: α → 0 gives R ≈ √(2α/π) as Hebb,
/// and α·ε → ≈ 0.50 at large α (the asymptotic law of Engel & Van den Broeck (2001), ch. 3).
/// Solved as: for a given R, Brent for κ on B + 4πsRA = 0, which gives α(R); for a given α, Brent for R on α(R) = α.
/// Ref: Opper, Kinzel, Kleinz &amp; Nehl, J. Phys. A 23, L581 (1990); Gardner, J. Phys. A 21, 257 (1988);
/// Engel &amp; Van den Broeck (2001), §4.4.
/// </summary>
public static class MaximalStabilityTheory
{
    /// <summary>The stated asymptotic law ε ≈ 0.50/α (large α only), for comparison.</summary>
    public static double AsymptoticError(double alpha) => 0.50 / alpha;

    /// <summary>The stability κ_max and α belonging to a teacher-student overlap R ∈ (0, 1).</summary>
    public static (double Alpha, double Kappa) AtOverlap(double r)
    {
        if (!(r > 0 && r < 1)) throw new ArgumentOutOfRangeException(nameof(r), "R must be in (0, 1).");
        var s = Math.Sqrt((1 - r) * (1 + r));
        double F(double kappa) => B(r, s, kappa) + 4 * Math.PI * s * r * A(r, s, kappa);
        var hi = 1.0;
        while (F(hi) <= 0)
        {
            hi *= 2;
            if (hi > 1e6) throw new InvalidOperationException($"Maximal stability: no κ bracket for R = {r}.");
        }
        var lo = 0.0;
        while (F(lo) >= 0)
        {
            lo -= 1;
            if (lo < -TailCut) throw new InvalidOperationException($"Maximal stability: no κ bracket for R = {r}.");
        }
        var kappa = RootFinding.Brent(F, lo, hi, 1e-13);
        return (s * s / (2 * A(r, s, kappa)), kappa);
    }

    /// <summary>Largest α accepted (1 − R ≈ 5e-8 there, still well resolved).</summary>
    public const double MaxAlpha = 5000;

    /// <summary>Overlap R(α) and maximal stability κ_max(α) for α in [1e-6, <see cref="MaxAlpha"/>].</summary>
    public static (double R, double Kappa) Solve(double alpha)
    {
        if (!(alpha >= 1e-6 && alpha <= MaxAlpha)) throw new ArgumentOutOfRangeException(nameof(alpha), $"α must be in [1e-6, {MaxAlpha}].");
        // Work in u = atanh(R) so that R → 1 at large α stays resolved.
        var u = RootFinding.Brent(x => Math.Log(AtOverlap(Math.Tanh(x)).Alpha / alpha), 1e-4, 11, 1e-12);
        var r = Math.Tanh(u);
        return (r, AtOverlap(r).Kappa);
    }

    public static double GeneralizationError(double alpha) => Math.Acos(Solve(alpha).R) / Math.PI;

    /// <summary>
    /// The curve ε(α) for α up to <paramref name="alphaMax"/>, parametrized by R (one κ solve per point,
    /// no outer root search): <paramref name="points"/> R values evenly spaced up to R(alphaMax).
    /// </summary>
    public static (double[] Alpha, double[] Error) Curve(double alphaMax, int points)
    {
        var rMax = Solve(alphaMax).R;
        var alphas = new double[points];
        var errors = new double[points];
        var rMin = Math.Min(0.05, rMax / 2);
        for (var i = 0; i < points; i++)
        {
            // Even in R between rMin and rMax, with the last point exactly at alphaMax.
            var r = i == points - 1 ? rMax : rMin + (rMax - rMin) * i / (points - 1.0);
            alphas[i] = i == points - 1 ? alphaMax : AtOverlap(r).Alpha;
            errors[i] = Math.Acos(r) / Math.PI;
        }
        return (alphas, errors);
    }

    // The Gaussian weight is below 1e-31 beyond |t| = 12 while (κ − t)² is polynomial, so the range is cut there:
    // mapping (−∞, κ] onto a finite interval would squeeze the peak near t = 0 between the Kronrod nodes for large κ.
    // A is O(s³) when R → 1 and the quadrature tolerance is absolute for small integrals, so A/s³ is integrated.
    private static double A(double r, double s, double kappa)
    {
        if (kappa <= -TailCut) return 0;
        var s3 = s * s * s;
        // H(−R t/s) < 1e-300 for t < −38 s/R: starting there keeps the region |t| ~ s, where all the weight sits when
        // R → 1, wide enough for the first Kronrod nodes to see it.
        var lower = Math.Max(-TailCut, -38 * s / r);
        return lower >= kappa ? 0 : s3 * Quadrature.Integrate(t => Special.Phi(t) * Special.H(-r * t / s) * (kappa - t) * (kappa - t) / s3,
            lower, Math.Min(kappa, TailCut), 1e-13);
    }

    private const double TailCut = 12;

    // ∫_{−∞}^{κ} e^{−t²/(2s²)} t (κ − t)² dt with t = s z and the moments ∫_{−∞}^{c} z^k e^{−z²/2} dz, c = κ/s.
    private static double B(double r, double s, double kappa)
    {
        var c = kappa / s;
        var e = Math.Exp(-0.5 * c * c);
        var i1 = -e;
        var i2 = -c * e + Math.Sqrt(2 * Math.PI) * Special.H(-c);
        var i3 = -(c * c + 2) * e;
        return s * s * (kappa * kappa * i1 - 2 * kappa * s * i2 + s * s * i3);
    }
}
