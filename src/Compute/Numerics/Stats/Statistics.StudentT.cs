namespace Compute.Numerics.Stats;

public static partial class Statistics
{
    /// <summary>The two-sided coverage of ±3σ for a Gaussian, erf(3/√2).</summary>
    public const double ThreeSigmaCoverage = 0.99730020393673979;

    /// <summary>
    /// P(|T| ≤ t) for Student's t with <paramref name="dof"/> degrees of freedom (the distribution of a mean's deviation
    /// over its standard error estimated from dof + 1 values), in closed form with θ = arctan(t/√ν): for odd ν,
    /// (2/π)[θ + sin θ (cos θ + (2/3)cos³θ + … + (2·4⋯(ν−3))/(1·3⋯(ν−2)) cos^{ν−2}θ)]; for even ν,
    /// sin θ [1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3⋯(ν−3))/(2·4⋯(ν−2)) cos^{ν−2}θ].
    /// Ref: Abramowitz &amp; Stegun (1964), 26.7.3–26.7.4.
    /// </summary>
    public static double StudentTCoverage(double t, int dof)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dof, 1);
        var theta = Math.Atan(Math.Abs(t) / Math.Sqrt(dof));
        double s = Math.Sin(theta), c = Math.Cos(theta), c2 = c * c;
        if (dof % 2 == 1)
        {
            if (dof == 1) return 2 / Math.PI * theta;
            // cos θ + (2/3)cos³θ + (2·4)/(3·5)cos⁵θ + … up to cos^{ν−2}θ.
            double term = c, sum = c;
            for (var k = 3; k <= dof - 2; k += 2)
            {
                term *= c2 * (k - 1) / k;
                sum += term;
            }
            return 2 / Math.PI * (theta + s * sum);
        }
        // 1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … up to cos^{ν−2}θ.
        double even = 1, total = 1;
        for (var k = 2; k <= dof - 2; k += 2)
        {
            even *= c2 * (k - 1) / k;
            total += even;
        }
        return s * total;
    }

    /// <summary>The t with P(|T| ≤ t) = <paramref name="coverage"/> for <paramref name="dof"/> degrees of freedom (Brent on <see cref="StudentTCoverage"/>).</summary>
    public static double StudentTQuantile(double coverage, int dof)
    {
        if (!(coverage > 0 && coverage < 1)) throw new ArgumentOutOfRangeException(nameof(coverage), coverage, "The coverage must lie in (0, 1).");
        var high = 4.0;
        while (StudentTCoverage(high, dof) < coverage) high *= 2;
        return RootFinding.Brent(t => StudentTCoverage(t, dof) - coverage, 0, high, 1e-12);
    }
}
