namespace Compute.EnergyModels.Ising;

/// <summary>
/// A second-order Taylor jet (f, f', f'') of a function of one variable, propagated exactly through
/// arithmetic and elementary functions (forward-mode automatic differentiation). Used to get the energy
/// −∂ln Z/∂β and the specific heat β²∂²ln Z/∂β² from the exact partition function without finite differences.
/// </summary>
internal readonly record struct Jet(double V, double D, double DD)
{
    public static Jet Variable(double x) => new(x, 1, 0);

    public static Jet Constant(double c) => new(c, 0, 0);

    public static Jet operator +(Jet a, Jet b) => new(a.V + b.V, a.D + b.D, a.DD + b.DD);
    public static Jet operator -(Jet a, Jet b) => new(a.V - b.V, a.D - b.D, a.DD - b.DD);
    public static Jet operator -(Jet a) => new(-a.V, -a.D, -a.DD);
    public static Jet operator +(Jet a, double c) => new(a.V + c, a.D, a.DD);
    public static Jet operator *(double c, Jet a) => new(c * a.V, c * a.D, c * a.DD);
    public static Jet operator *(Jet a, Jet b) => new(a.V * b.V, a.D * b.V + a.V * b.D, a.DD * b.V + 2 * a.D * b.D + a.V * b.DD);

    /// <summary>f(a) given f(a.V), f'(a.V), f''(a.V): the chain rule to second order.</summary>
    private static Jet Chain(Jet a, double f, double f1, double f2) => new(f, f1 * a.D, f2 * a.D * a.D + f1 * a.DD);

    public static Jet Inverse(Jet a) => Chain(a, 1 / a.V, -1 / (a.V * a.V), 2 / (a.V * a.V * a.V));

    public static Jet Exp(Jet a)
    {
        var e = Math.Exp(a.V);
        return Chain(a, e, e, e);
    }

    public static Jet Log(Jet a) => Chain(a, Math.Log(a.V), 1 / a.V, -1 / (a.V * a.V));

    public static Jet Sinh(Jet a) => Chain(a, Math.Sinh(a.V), Math.Cosh(a.V), Math.Sinh(a.V));

    public static Jet Cosh(Jet a) => Chain(a, Math.Cosh(a.V), Math.Sinh(a.V), Math.Cosh(a.V));

    public static Jet Tanh(Jet a)
    {
        var t = Math.Tanh(a.V);
        return Chain(a, t, 1 - t * t, -2 * t * (1 - t * t));
    }

    /// <summary>acosh(x) for x &gt; 1: f' = 1/√(x²−1), f'' = −x/(x²−1)^{3/2}.</summary>
    public static Jet Acosh(Jet a)
    {
        var s = Math.Sqrt((a.V - 1) * (a.V + 1));
        return Chain(a, Math.Acosh(a.V), 1 / s, -a.V / (s * s * s));
    }

    /// <summary>|a| (flips the sign of every coefficient when a.V &lt; 0).</summary>
    public static Jet Abs(Jet a) => a.V < 0 ? -a : a;

    /// <summary>ln(2 cosh a) = |a| + ln(1 + e^{−2|a|}), without overflow; derivatives tanh a and 1 − tanh² a.</summary>
    public static Jet LogTwoCosh(Jet a)
    {
        var x = Math.Abs(a.V);
        var t = Math.Tanh(a.V);
        return Chain(a, x + Math.Log(1 + Math.Exp(-2 * x)), t, 1 - t * t);
    }

    /// <summary>ln|2 sinh a| for a ≠ 0, without overflow for large |a|; derivatives coth a and −1/sinh² a.</summary>
    public static Jet LogAbsTwoSinh(Jet a)
    {
        var x = Math.Abs(a.V);
        var coth = 1 / Math.Tanh(a.V);
        // |a| + ln(1 − e^{−2|a|}) for large |a|; ln(2 sinh|a|) directly where it cannot overflow (keeps digits at small |a|).
        var f = x > 20 ? x + Math.Log(1 - Math.Exp(-2 * x)) : Math.Log(2 * Math.Sinh(x));
        return Chain(a, f, coth, 1 - coth * coth);
    }
}
