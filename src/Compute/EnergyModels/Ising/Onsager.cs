namespace Compute.EnergyModels.Ising;

/// <summary>
/// Onsager's solution of the 2D Ising model H = −Σ_⟨ij⟩ s_i s_j on the infinite square lattice, K = β:
/// ln Z/N = ln(2cosh 2K) + (1/π)∫_0^{π/2} ln[½(1 + √(1 − κ² sin²θ))] dθ with κ = 2 sinh 2K / cosh² 2K;
/// u = −coth 2K [1 + (2/π)(2tanh² 2K − 1) K(κ)];
/// c = (4/π)(K coth 2K)² {K(κ) − E(κ) − (1 − tanh² 2K)[π/2 + (2tanh² 2K − 1) K(κ)]};
/// spontaneous magnetization (Yang) m = (1 − sinh⁻⁴ 2K)^{1/8} for K &gt; K_c = ½ ln(1 + √2), else 0.
/// K(κ), E(κ) are the complete elliptic integrals (modulus κ), computed by the arithmetic-geometric mean.
/// Ref: L. Onsager, Phys. Rev. 65, 117 (1944); C. N. Yang, Phys. Rev. 85, 808 (1952); K. Huang,
/// Statistical Mechanics, 2nd ed. (1987), §15.
/// </summary>
public static class Onsager
{
    /// <summary>β_c = ½ ln(1 + √2) = 0.44068679350977…</summary>
    public static readonly double CriticalBeta = 0.5 * Math.Log(1 + Math.Sqrt(2));

    public static double LogPartitionFunctionPerSite(double beta)
    {
        var kappaPrime = Modulus(beta).KappaPrime;
        // Composite Simpson; the integrand is smooth on [0, π/2] even at κ = 1 (it becomes 2 ln cos(θ/2)).
        const int intervals = 4096;
        var h = Math.PI / 2 / intervals;
        var sum = 0.0;
        for (var i = 0; i <= intervals; i++)
        {
            var theta = i * h;
            var sin = Math.Sin(theta);
            var cos = Math.Cos(theta);
            // √(1 − κ² sin²θ) written as √(cos²θ + κ'² sin²θ) so that it keeps its digits near κ = 1.
            var f = Math.Log(0.5 * (1 + Math.Sqrt(cos * cos + kappaPrime * kappaPrime * sin * sin)));
            sum += f * (i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return Math.Log(2 * Math.Cosh(2 * beta)) + sum * h / 3 / Math.PI;
    }

    /// <summary>Energy per site; finite at β_c (−√2).</summary>
    public static double EnergyPerSite(double beta)
    {
        var t2 = Math.Tanh(2 * beta) * Math.Tanh(2 * beta);
        var kappaPrime = Modulus(beta).KappaPrime;
        // At β_c the factor (2tanh² 2K − 1) vanishes where K(κ) diverges; the product is zero.
        var term = kappaPrime == 0 ? 0 : (2 * t2 - 1) * EllipticK(kappaPrime);
        return -1 / Math.Tanh(2 * beta) * (1 + 2 / Math.PI * term);
    }

    /// <summary>Specific heat per site (k_B = 1); diverges logarithmically at β_c (returns +∞ there).</summary>
    public static double SpecificHeatPerSite(double beta)
    {
        var t2 = Math.Tanh(2 * beta) * Math.Tanh(2 * beta);
        var (kappa, kappaPrime) = Modulus(beta);
        if (kappaPrime == 0) return double.PositiveInfinity;
        var k = EllipticK(kappaPrime);
        var e = EllipticE(kappa, kappaPrime);
        var bc = beta / Math.Tanh(2 * beta);
        return 4 / Math.PI * bc * bc * (k - e - (1 - t2) * (Math.PI / 2 + (2 * t2 - 1) * k));
    }

    /// <summary>Yang's spontaneous magnetization per site; zero for β ≤ β_c.</summary>
    public static double SpontaneousMagnetization(double beta)
    {
        if (beta <= CriticalBeta) return 0;
        var s = Math.Sinh(2 * beta);
        return Math.Pow(1 - 1 / (s * s * s * s), 0.125);
    }

    /// <summary>κ = 2 sinh 2K / cosh² 2K and κ' = √(1 − κ²) = |1 − sinh² 2K| / cosh² 2K (exact, no cancellation).</summary>
    private static (double Kappa, double KappaPrime) Modulus(double beta)
    {
        var s = Math.Sinh(2 * beta);
        var c2 = 1 + s * s;
        return (2 * s / c2, Math.Abs(1 - s * s) / c2);
    }

    /// <summary>Complete elliptic integral of the first kind K(k) = π / (2 AGM(1, k')).</summary>
    internal static double EllipticK(double kPrime)
    {
        double a = 1, b = kPrime;
        for (var i = 0; i < 64 && Math.Abs(a - b) > 1e-16 * a; i++)
            (a, b) = (0.5 * (a + b), Math.Sqrt(a * b));
        return Math.PI / (2 * a);
    }

    /// <summary>Complete elliptic integral of the second kind E(k) = K(k)(1 − Σ_n 2^{n−1} c_n²) (AGM with c_0 = k).</summary>
    internal static double EllipticE(double k, double kPrime)
    {
        double a = 1, b = kPrime, c = k, sum = 0.5 * c * c, pow = 0.5;
        for (var i = 0; i < 64 && Math.Abs(c) > 1e-17; i++)
        {
            c = 0.5 * (a - b);
            (a, b) = (0.5 * (a + b), Math.Sqrt(a * b));
            pow *= 2;
            sum += pow * c * c;
        }
        return Math.PI / (2 * a) * (1 - sum);
    }
}
