using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Compute.Perceptron.Learning;

/// <summary>
/// The two passes of one hit-and-run step of <see cref="VersionSpaceSampler"/>, each fused into a single sweep over the
/// patterns (TensorPrimitives would need five: divide, max, min, multiply-add, min). Vector512 or Vector256 with a scalar
/// tail; every lane does the same IEEE operations as the scalar path (no FMA), so all paths give identical bits.
/// Ref: Smith, Oper. Res. 32, 1296 (1984) (hit-and-run chord).
/// </summary>
public static class ChordKernels
{
    /// <summary>
    /// Effectively computes (max_μ z_μ/g_μ, min_μ z_μ/g_μ) for equal-length spans with g_μ &gt; 0;
    /// (−∞, +∞) for empty spans.
    /// </summary>
    public static (double Max, double Min) RatioRange(ReadOnlySpan<double> z, ReadOnlySpan<double> g)
    {
        if (g.Length != z.Length) throw new ArgumentException("z and g must have the same length.");
        var n = z.Length;
        var i = 0;
        var max = double.NegativeInfinity;
        var min = double.PositiveInfinity;
        ref var zr = ref MemoryMarshal.GetReference(z);
        ref var gr = ref MemoryMarshal.GetReference(g);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            var vmax = Vector512.Create(double.NegativeInfinity);
            var vmin = Vector512.Create(double.PositiveInfinity);
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var t = Vector512.LoadUnsafe(ref zr, (nuint)i) / Vector512.LoadUnsafe(ref gr, (nuint)i);
                vmax = Vector512.Max(vmax, t);
                vmin = Vector512.Min(vmin, t);
            }
            // Fold the lanes; max/min are exact, so the order does not change the result.
            for (var k = 0; k < Vector512<double>.Count; k++)
            {
                max = Math.Max(max, vmax[k]);
                min = Math.Min(min, vmin[k]);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            var vmax = Vector256.Create(double.NegativeInfinity);
            var vmin = Vector256.Create(double.PositiveInfinity);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var t = Vector256.LoadUnsafe(ref zr, (nuint)i) / Vector256.LoadUnsafe(ref gr, (nuint)i);
                vmax = Vector256.Max(vmax, t);
                vmin = Vector256.Min(vmin, t);
            }
            for (var k = 0; k < Vector256<double>.Count; k++)
            {
                max = Math.Max(max, vmax[k]);
                min = Math.Min(min, vmin[k]);
            }
        }
        for (; i < n; i++)
        {
            var t = z[i] / g[i];
            max = Math.Max(max, t);
            min = Math.Min(min, t);
        }
        return (max, min);
    }

    /// <summary>Effectively computes g_μ ← g_μ + s·z_μ (multiply, then add) and returns min_μ g_μ (+∞ for empty spans).</summary>
    public static double AddScaledReturnMin(ReadOnlySpan<double> z, double s, Span<double> g)
    {
        if (g.Length != z.Length) throw new ArgumentException("z and g must have the same length.");
        var n = z.Length;
        var i = 0;
        var min = double.PositiveInfinity;
        ref var zr = ref MemoryMarshal.GetReference(z);
        ref var gr = ref MemoryMarshal.GetReference(g);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            var vs = Vector512.Create(s);
            var vmin = Vector512.Create(double.PositiveInfinity);
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                // Separate multiply and add (not FMA) to match the scalar tail bit for bit.
                var v = Vector512.LoadUnsafe(ref gr, (nuint)i) + vs * Vector512.LoadUnsafe(ref zr, (nuint)i);
                v.StoreUnsafe(ref gr, (nuint)i);
                vmin = Vector512.Min(vmin, v);
            }
            for (var k = 0; k < Vector512<double>.Count; k++) min = Math.Min(min, vmin[k]);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            var vs = Vector256.Create(s);
            var vmin = Vector256.Create(double.PositiveInfinity);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref gr, (nuint)i) + vs * Vector256.LoadUnsafe(ref zr, (nuint)i);
                v.StoreUnsafe(ref gr, (nuint)i);
                vmin = Vector256.Min(vmin, v);
            }
            for (var k = 0; k < Vector256<double>.Count; k++) min = Math.Min(min, vmin[k]);
        }
        for (; i < n; i++)
        {
            g[i] += s * z[i];
            min = Math.Min(min, g[i]);
        }
        return min;
    }
}
