using System.Globalization;
using Shared.Results;

namespace Portal.Features.Runs;

/// <summary>How numbers with error bars are printed: the value to the precision its error supports.</summary>
public static class Numbers
{
    public static string Format(double v) =>
        double.IsFinite(v) ? v.ToString(Math.Abs(v) is > 1e-4 and < 1e6 or 0 ? "0.######" : "0.####e0", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);

    /// <summary>"0.1234 ± 0.0012": the value rounded to two significant digits of its error.</summary>
    public static string WithError(double value, double? error)
    {
        if (error is not { } e || !double.IsFinite(e) || e <= 0 || !double.IsFinite(value)) return Format(value);
        var decimals = Math.Clamp(1 - (int)Math.Floor(Math.Log10(e)), 0, 12);
        var f = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        return $"{value.ToString(f, CultureInfo.InvariantCulture)} ± {e.ToString(f, CultureInfo.InvariantCulture)}";
    }

    public static string Deviation(Check c) =>
        c.Error > 0 && double.IsFinite(c.Error) ? $"{(c.Simulated - c.Reference) / c.Error:+0.0;-0.0;0.0} σ" : Format(c.Simulated - c.Reference);
}
