using Compute.Numerics;

namespace Compute.EnergyModels.Hopfield;

/// <summary>
/// Theory of the Hopfield network with Hebbian couplings J_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ and P = αN random patterns.
/// Amit-Gutfreund-Sompolinsky (replica symmetric, T = 0): the retrieval state has m = erf(y) where y is the largest
/// root of y(√(2α) + (2/√π) e^{−y²}) = erf(y); it exists for α ≤ α_c = 0.137906 (m_c = 0.967415). Roots are
/// bracketed by scanning g(y) = erf(y)/y − √(2α) − (2/√π)e^{−y²} and refined by bisection.
/// Ref: D. J. Amit, H. Gutfreund &amp; H. Sompolinsky, PRL 55, 1530 (1985); Ann. Phys. 173, 30 (1987).
/// </summary>
public static class HopfieldTheory
{
    private static readonly double TwoOverSqrtPi = 2 / Math.Sqrt(Math.PI);

    private static readonly Lazy<(double Alpha, double M)> Critical = new(SolveCritical);

    /// <summary>α_c, the largest load with a retrieval state (≈ 0.137906).</summary>
    public static double CriticalAlpha => Critical.Value.Alpha;

    /// <summary>m at α_c (≈ 0.967415).</summary>
    public static double CriticalOverlap => Critical.Value.M;

    /// <summary>Retrieval overlap m(α) at T = 0, or NaN above α_c where no retrieval solution exists.</summary>
    public static double RetrievalOverlap(double alpha) => alpha <= 0 ? 1 : Special.Erf(RetrievalRoot(alpha));

    /// <summary>y = m/√(2αr) of the retrieval state at T = 0 (NaN above α_c).</summary>
    internal static double RetrievalRoot(double alpha)
    {
        var (yPeak, gPeak, yHigh) = Peak(alpha);
        if (gPeak < 0) return double.NaN;
        // g > 0 at the peak and g → −√(2α) as y → ∞: the retrieval root is the sign change to the right of the peak.
        return Bisect(z => G(z, alpha), yPeak, yHigh);
    }

    /// <summary>
    /// Energies per neuron at T = 0 (the β → ∞ limit of the AGS free energy, E = −m²/2 − (α/2)(r − 1), r = 1/(1 − C)²):
    /// of the retrieval state, with C = √(2/π) e^{−y²}/σ and σ = m/(√2 y); and of the spin-glass state,
    /// E_SG = −1/π − √(2α/π). Null (NaN) for retrieval above α_c.
    /// </summary>
    public static double RetrievalEnergy(double alpha)
    {
        var y = RetrievalRoot(alpha);
        var m = Special.Erf(y);
        var c = Math.Sqrt(2 / Math.PI) * Math.Exp(-y * y) * Math.Sqrt(2) * y / m;
        return -m * m / 2 - alpha / 2 * (1 / ((1 - c) * (1 - c)) - 1);
    }

    /// <summary>E_SG = −1/π − √(2α/π): the replica-symmetric spin-glass energy at T = 0.</summary>
    public static double SpinGlassEnergy(double alpha) => -1 / Math.PI - Math.Sqrt(2 * alpha / Math.PI);

    /// <summary>The load below which retrieval states are the ground states at T = 0 (AGS: 0.051).</summary>
    public static double GroundStateAlpha => GroundState.Value;

    private static readonly Lazy<double> GroundState = new(() => Bisect(a => RetrievalEnergy(a) - SpinGlassEnergy(a), 0.01, CriticalAlpha * 0.9999));

    private static double G(double y, double alpha) => Special.Erf(y) / y - Math.Sqrt(2 * alpha) - TwoOverSqrtPi * Math.Exp(-y * y);

    /// <summary>Maximum of g over y (g has one interior maximum): coarse scan, then golden-section refinement.</summary>
    private static (double Y, double G, double YHigh) Peak(double alpha)
    {
        var yHigh = Math.Max(10, 4 / Math.Sqrt(2 * alpha));
        const int steps = 2000;
        var best = 1;
        var bestG = double.NegativeInfinity;
        for (var i = 1; i <= steps; i++)
        {
            var g = G(yHigh * i / steps, alpha);
            if (g > bestG)
            {
                bestG = g;
                best = i;
            }
        }
        double a = yHigh * (best - 1) / steps + 1e-12, b = yHigh * Math.Min(best + 1, steps) / steps;
        var phi = (Math.Sqrt(5) - 1) / 2;
        for (var it = 0; it < 200 && b - a > 1e-15 * b; it++)
        {
            double c = b - phi * (b - a), d = a + phi * (b - a);
            if (G(c, alpha) > G(d, alpha)) b = d;
            else a = c;
        }
        var y = 0.5 * (a + b);
        return (y, G(y, alpha), yHigh);
    }

    /// <summary>α_c: the load at which the peak of g touches zero, by bisection on α.</summary>
    private static (double, double) SolveCritical()
    {
        var alpha = Bisect(a => Peak(a).G, 0.05, 0.3);
        var y = Peak(alpha).Y;
        return (alpha, Special.Erf(y));
    }

    /// <summary>Bisection for a sign change of f on [a, b] to machine precision.</summary>
    private static double Bisect(Func<double, double> f, double a, double b)
    {
        var fa = f(a);
        for (var it = 0; it < 200; it++)
        {
            var mid = 0.5 * (a + b);
            if (mid <= a || mid >= b) break;
            var fm = f(mid);
            if (fm == 0) return mid;
            if (fm > 0 == fa > 0)
            {
                a = mid;
                fa = fm;
            }
            else b = mid;
        }
        return 0.5 * (a + b);
    }

    /// <summary>
    /// Probability that one bit of a stored pattern is unstable under T = 0 dynamics with Hebbian couplings and J_ii = 0:
    /// ξ_i h_i N = (N − 1) + X with X a sum of K = (P − 1)(N − 1) independent ±1 terms, unstable iff X &lt; −(N − 1),
    /// i.e. the exact binomial tail P(B ≤ b*) with B ~ Bin(K, ½), b* = ⌈(K − N + 1)/2⌉ − 1. Summed downwards from b*
    /// (terms shrink by b/(K − b + 1)) until they no longer matter.
    /// </summary>
    public static double BitInstability(int n, int p)
    {
        var k = (long)(p - 1) * (n - 1);
        var limit = (long)Math.Ceiling((k - n + 1) / 2.0) - 1;
        if (k == 0 || limit < 0) return 0;
        var logTerm = LogFactorial(k) - LogFactorial(limit) - LogFactorial(k - limit) - k * Math.Log(2);
        var term = 1.0;
        var sum = 0.0;
        for (var b = limit; b >= 0; b--)
        {
            sum += term;
            if (term < 1e-17 * sum) break;
            // C(K, b−1)/C(K, b) = b/(K − b + 1).
            term *= b / (double)(k - b + 1);
        }
        return Math.Exp(logTerm + Math.Log(sum));
    }

    /// <summary>ln x! exactly summed below 20, by Stirling's series above (error &lt; 1e-15 relative).</summary>
    private static double LogFactorial(long x)
    {
        if (x < 20)
        {
            var f = 0.0;
            for (var i = 2; i <= x; i++) f += Math.Log(i);
            return f;
        }
        double y = x, y2 = y * y;
        return y * Math.Log(y) - y + 0.5 * Math.Log(2 * Math.PI * y) + 1 / (12 * y) - 1 / (360 * y * y2) + 1 / (1260 * y * y2 * y2);
    }

    /// <summary>
    /// Gaussian signal-to-noise estimate of the bit instability for dense memories with F(x) = xⁿ:
    /// H(√(N^{n−1} / ((2n−3)!! P))) (n = 2 gives the Hebbian H(1/√α)). Ref: Krotov &amp; Hopfield, NIPS 29 (2016).
    /// </summary>
    public static double DenseBitInstability(int n, int p, int power)
    {
        var doubleFactorial = 1.0;
        for (var k = 2 * power - 3; k > 1; k -= 2) doubleFactorial *= k;
        return Special.H(Math.Sqrt(Math.Pow(n, power - 1) / (doubleFactorial * p)));
    }
}
