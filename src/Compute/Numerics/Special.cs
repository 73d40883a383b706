namespace Compute.Numerics;

/// <summary>
/// Special functions in double precision: erf/erfc, the Gaussian tail H(x) = ∫_x^∞ Dt = ½ erfc(x/√2)
/// and its logarithm stable for large |x|, softplus and log-sum-exp.
/// </summary>
public static class Special
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double LogSqrtPi = 0.5723649429247001;
    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>Gaussian density φ(x) = exp(−x²/2)/√(2π).</summary>
    public static double Phi(double x) => 0.3989422804014327 * Math.Exp(-0.5 * x * x);

    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        var a = Math.Abs(x);
        var r = a < 2.0 ? ErfSeries(a) : 1.0 - ErfcContinuedFraction(a);
        return x < 0 ? -r : r;
    }

    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2.0 - Erfc(-x);
        return x < 2.0 ? 1.0 - ErfSeries(x) : ErfcContinuedFraction(x);
    }

    /// <summary>H(x) = ½ erfc(x/√2), the probability that a standard normal exceeds x.</summary>
    public static double H(double x) => 0.5 * Erfc(x / Sqrt2);

    /// <summary>ln H(x), accurate for large positive x (where H underflows) and negative x (where H → 1).</summary>
    public static double LogH(double x)
    {
        if (x < 0) return LogOnePlus(-H(-x));
        var z = x / Sqrt2;
        if (z < 2.0) return Math.Log(0.5 * Erfc(z));
        // erfc(z) = e^{−z²}/√π · CF(z) with CF(z) ≈ 1/z, so the logarithm never forms a tiny number.
        return -z * z - LogSqrtPi + Math.Log(ErfcContinuedFractionScaled(z)) - Math.Log(2.0);
    }

    /// <summary>ln(1 + e^x) without overflow or loss of precision.</summary>
    public static double Softplus(double x) => x > 0 ? x + LogOnePlus(Math.Exp(-x)) : LogOnePlus(Math.Exp(x));

    /// <summary>ln Σ exp(v_i), shifted by the maximum. Empty input gives −∞.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);
        if (double.IsNegativeInfinity(max) || double.IsPositiveInfinity(max)) return max;
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>ln(1 + x) accurate for small |x|.</summary>
    public static double LogOnePlus(double x)
    {
        var u = 1.0 + x;
        // Corrects the rounding of 1 + x (Goldberg's trick).
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    // erf(x) = 2/√π e^{−x²} Σ_n 2^n x^{2n+1} / (1·3·…·(2n+1)): all terms positive, no cancellation.
    private static double ErfSeries(double x)
    {
        var x2 = x * x;
        var term = x;
        var sum = x;
        for (var n = 1; n < 200; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }

    private static double ErfcContinuedFraction(double x) =>
        Math.Exp(-x * x) / Math.Sqrt(Math.PI) * ErfcContinuedFractionScaled(x);

    // √π e^{z²} erfc(z) = 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), evaluated by modified Lentz.
    private static double ErfcContinuedFractionScaled(double z)
    {
        const double tiny = 1e-300;
        var f = z;
        var c = z;
        var d = 0.0;
        for (var k = 1; k < 500; k++)
        {
            var a = k * 0.5;
            d = z + a * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = z + a / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16) break;
        }
        return 1.0 / f;
    }
}
