using Compute.Numerics;

namespace Compute.Perceptron.Amp;

/// <summary>
/// The output side of GAMP for the noiseless perceptron y = sign(z): Z_out(y; ω, V) = Φ(yω/√V), the probability that
/// sign(ω + √V ξ) = y. g_out = ∂_ω ln Z_out = y r(u)/√V with u = yω/√V and r = φ/Φ, and ∂_ω g_out = −g_out(g_out + ω/V).
/// State evolution (ρ = E[x*²] = 1): q̂ = (2α/(1 − q)) E_ξ[φ(u)²/Φ(u)] and Ψ_out(q) = 2 E_ξ[Φ(u) ln Φ(u)] with u = √(q/(1 − q)) ξ.
/// Ratios are formed from logarithms (ln Φ(u) = ln H(−u)) so they survive u → −∞.
/// Ref: Rangan, ISIT (2011); Barbier et al., PNAS 116, 5451 (2019).
/// </summary>
public static class SignChannel
{
    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>g_out and ∂_ω g_out for a label y = ±1 at mean ω and variance V.</summary>
    public static (double G, double Dg) Output(double y, double omega, double variance)
    {
        var sd = Math.Sqrt(variance);
        var u = y * omega / sd;
        var r = Math.Exp(-0.5 * u * u - LogSqrt2Pi - Special.LogH(-u));
        var g = y * r / sd;
        return (g, -g * (g + omega / variance));
    }

    /// <summary>The output half of state evolution: q̂(q) for α = P/N.</summary>
    public static double Precision(double q, double alpha)
    {
        if (q >= 1) return double.PositiveInfinity;
        var s = Math.Sqrt(q / (1 - q));
        return 2 * alpha / (1 - q) * ScaledGaussian(u => Math.Exp(-u * u - 2 * LogSqrt2Pi - Special.LogH(-u)), s);
    }

    /// <summary>Ψ_out(q) = E ln Z_out of the teacher's own labels (0 at q = 1: the labels are then certain).</summary>
    public static double FreeEntropy(double q)
    {
        if (q >= 1) return 0;
        var s = Math.Sqrt(q / (1 - q));
        return 2 * ScaledGaussian(u => { var logPhi = Special.LogH(-u); return Math.Exp(logPhi) * logPhi; }, s);
    }

    /// <summary>E_ξ f(sξ): integrated in ξ for s ≤ 1, else in u = sξ, so the integrand keeps width O(1) either way.</summary>
    private static double ScaledGaussian(Func<double, double> f, double s)
    {
        if (s == 0) return f(0);
        return s <= 1
            ? Quadrature.Integrate(xi => Special.Phi(xi) * f(s * xi), double.NegativeInfinity, double.PositiveInfinity, 1e-12)
            : Quadrature.Integrate(u => Special.Phi(u / s) / s * f(u), double.NegativeInfinity, double.PositiveInfinity, 1e-12);
    }
}
