namespace Compute.EnergyModels.Rbm;

/// <summary>
/// The values a unit takes: <see cref="Binary"/> s ∈ {0, 1} or <see cref="Spin"/> s ∈ {−1, +1}.
/// For a unit with local field x: P(s = up) = σ(x) (binary) or σ(2x) (spin); the mean is σ(x) or tanh(x);
/// the sum over its states ln Σ_s e^{x s} is softplus(x) or ln 2cosh(x).
/// </summary>
public enum RbmUnits
{
    Binary,
    Spin,
}

/// <summary>Per-unit formulas for the two unit types (double precision, used by the likelihood code).</summary>
public static class RbmUnitMath
{
    /// <summary>ln Σ_s e^{x s}: softplus(x) for 0/1 units, ln(2 cosh x) = |x| + ln(1 + e^{−2|x|}) for ±1 units.</summary>
    public static double LogSum(RbmUnits units, double x)
    {
        if (units == RbmUnits.Binary) return x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
        var ax = Math.Abs(x);
        return ax + Math.Log(1 + Math.Exp(-2 * ax));
    }

    public static double Up(RbmUnits units) => 1.0;

    public static double Down(RbmUnits units) => units == RbmUnits.Binary ? 0.0 : -1.0;

    /// <summary>Value of bit <paramref name="bit"/> (0 or 1) as a unit state.</summary>
    public static double State(RbmUnits units, int bit) => bit != 0 ? 1.0 : Down(units);
}
