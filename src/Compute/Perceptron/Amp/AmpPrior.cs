using Compute.Numerics;

namespace Compute.Perceptron.Amp;

/// <summary>The teacher's prior, which the Bayes-optimal student knows: Gaussian N(0, 1) ("spherical") or ±1 with equal probability.</summary>
public enum AmpPrior
{
    Gaussian,
    Binary,
}

/// <summary>
/// The input side of Bayes-optimal GAMP for a prior P₀ with E[x²] = 1: the posterior mean and variance of x under
/// P₀(x) e^{Bx − Ax²/2} (the denoiser f_in and its derivative ∂_B f_in), its state-evolution update q = E[f_in(q̂x* + √q̂ z, q̂)²]
/// and its free entropy ψ(q̂) = E ln Z₀(q̂x* + √q̂ z, q̂). Gaussian: f_in = B/(1+A), q = q̂/(1+q̂), ψ = q̂/2 − ½ ln(1+q̂).
/// Binary: f_in = tanh B, q = E tanh(q̂ + √q̂ z), ψ = E ln cosh(q̂ + √q̂ z) − q̂/2.
/// Ref: Barbier, Krzakala, Macris, Miolane &amp; Zdeborová, PNAS 116, 5451 (2019), §2 and SI.
/// </summary>
public static class AmpPriors
{
    /// <summary>Posterior mean and variance of one component given the field B and precision A.</summary>
    public static (double Mean, double Variance) Denoise(AmpPrior prior, double b, double a)
    {
        if (prior == AmpPrior.Gaussian) return (b / (1 + a), 1 / (1 + a));
        var t = Math.Tanh(b);
        return (t, 1 - t * t);
    }

    /// <summary>The overlap the denoiser reaches at precision q̂ (the input half of state evolution).</summary>
    public static double Overlap(AmpPrior prior, double qHat)
    {
        if (prior == AmpPrior.Gaussian) return qHat / (1 + qHat);
        if (qHat == 0) return 0;
        var s = Math.Sqrt(qHat);
        return Gaussian(z => Math.Tanh(qHat + s * z));
    }

    /// <summary>ψ(q̂) = E ln Z₀(q̂x* + √q̂ z, q̂) with Z₀(B, A) = E_{x~P₀} e^{Bx − Ax²/2}.</summary>
    public static double FreeEntropy(AmpPrior prior, double qHat)
    {
        if (prior == AmpPrior.Gaussian) return qHat / 2 - 0.5 * Math.Log(1 + qHat);
        var s = Math.Sqrt(qHat);
        return Gaussian(z => LogCosh(qHat + s * z)) - qHat / 2;
    }

    /// <summary>ln cosh x = |x| + ln(1 + e^{−2|x|}) − ln 2, without overflow.</summary>
    public static double LogCosh(double x)
    {
        var ax = Math.Abs(x);
        return ax + Special.LogOnePlus(Math.Exp(-2 * ax)) - Math.Log(2);
    }

    /// <summary>∫Dz f(z), adaptively (the integrands saturate sharply at large q̂).</summary>
    private static double Gaussian(Func<double, double> f) =>
        Quadrature.Integrate(z => Special.Phi(z) * f(z), double.NegativeInfinity, double.PositiveInfinity, 1e-12);
}
