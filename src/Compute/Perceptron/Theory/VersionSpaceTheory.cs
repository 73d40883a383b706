using Compute.Numerics;

namespace Compute.Perceptron.Theory;

/// <summary>
/// Replica-symmetric theory of Gibbs learning (a student drawn uniformly from the version space) and of the
/// Bayes-optimal student (its centre of mass), spherical teacher and student, Gaussian inputs, noiseless labels.
/// The overlap q between two version-space students equals the teacher-student overlap R (Nishimori symmetry,
/// so RS is exact here) and solves
///   q/√(1−q) = (α/π) ∫Dt exp(−q t²/2) / H(−√q t),
/// with ε_Gibbs = arccos(q)/π (→ 0.625/α) and ε_Bayes = arccos(√q)/π (→ 0.442/α).
/// Solved by Brent's method in q with adaptive Gauss-Kronrod quadrature; the integrand is formed as
/// exp(−q t²/2 − ln H(−√q t)) so that the ratio never under- or overflows.
/// Ref: Engel &amp; Van den Broeck (2001), §2.3 and §3.6; Opper &amp; Haussler, PRL 66 (1991).
/// </summary>
public static class VersionSpaceTheory
{
    /// <summary>Largest α accepted: beyond it 1 − q falls below double resolution.</summary>
    public const double MaxAlpha = 1e5;

    /// <summary>The integral I(q) = ∫Dt exp(−q t²/2)/H(−√q t) of the saddle-point equation.</summary>
    public static double SaddleIntegral(double q)
    {
        var sq = Math.Sqrt(q);
        return Quadrature.Integrate(t => Special.Phi(t) * Math.Exp(-0.5 * q * t * t - Special.LogH(-sq * t)),
            double.NegativeInfinity, double.PositiveInfinity, 1e-13);
    }

    /// <summary>The RS overlap q(α) ∈ [0, 1); q(0) = 0.</summary>
    public static double Overlap(double alpha)
    {
        if (!(alpha >= 0) || alpha > MaxAlpha) throw new ArgumentOutOfRangeException(nameof(alpha), $"α must be in [0, {MaxAlpha}].");
        if (alpha == 0) return 0;
        // In u = −ln(1−q) the root stays well resolved when q → 1 at large α.
        double F(double u)
        {
            var oneMinusQ = Math.Exp(-u);
            var q = -double.ExpM1(-u);
            return q / Math.Sqrt(oneMinusQ) - alpha / Math.PI * SaddleIntegral(q);
        }
        return -double.ExpM1(-RootFinding.Brent(F, 0, 40, 1e-13));
    }

    /// <summary>ε_Gibbs(α) = arccos(q)/π.</summary>
    public static double GibbsError(double alpha) => Math.Acos(Overlap(alpha)) / Math.PI;

    /// <summary>ε_Bayes(α) = arccos(√q)/π.</summary>
    public static double BayesError(double alpha) => Math.Acos(Math.Sqrt(Overlap(alpha))) / Math.PI;
}
