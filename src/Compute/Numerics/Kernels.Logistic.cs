using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Compute.Numerics;

public static partial class Kernels
{
    /// <summary>
    /// In place, the logistic function of a biased field: x_i ← σ(g·(x_i + b_i)) = 1 / (1 + e^(−g·(x_i + b_i))) for
    /// i &lt; x.Length, the probability that a unit in the field x + b is up (gain g = 1 for 0/1 units, 2 for ±1 units).
    /// Within 3·10⁻⁷ of the exact value in absolute terms (the exponential below is good to about 1 ulp); NaN stays NaN.
    /// TensorPrimitives.Sigmoid took 2.8 ns a value here, a third of an RBM step; this takes about a tenth of that.
    /// Ref: Cephes expf (S. L. Moshier), range reduction e^z = 2^n·e^r with |r| ≤ ln 2 / 2 and a degree-5 polynomial.
    /// </summary>
    public static void Logistic(Span<float> x, ReadOnlySpan<float> bias, float gain)
    {
        var n = x.Length;
        if (bias.Length < n) throw new ArgumentException($"bias has {bias.Length} values for {n} fields.", nameof(bias));
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var br = ref MemoryMarshal.GetReference(bias);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var g = Vector256.Create(-gain);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var z = g * (Vector256.LoadUnsafe(ref xr, (nuint)i) + Vector256.LoadUnsafe(ref br, (nuint)i));
                Logistic(z).StoreUnsafe(ref xr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            var z = -gain * (Unsafe.Add(ref xr, i) + Unsafe.Add(ref br, i));
            Unsafe.Add(ref xr, i) = Logistic(Vector256.Create(z)).ToScalar();
        }
    }

    /// <summary>1 / (1 + e^z) for each lane, with e^z from the reduction e^z = 2^n·e^r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Logistic(Vector256<float> z)
    {
        // Past ±88 e^z leaves the float range; σ is then 0 or 1 to float precision anyway.
        var clamped = Vector256.MinNative(Vector256.MaxNative(z, Vector256.Create(-88f)), Vector256.Create(88f));
        var n = Vector256.Round(clamped * Vector256.Create(1.44269504088896341f));
        // ln 2 split in two so that n·ln2 is exact in its high part.
        var r = clamped - n * Vector256.Create(0.693359375f);
        r -= n * Vector256.Create(-2.12194440e-4f);
        var p = Vector256.Create(1.9875691500e-4f);
        p = p * r + Vector256.Create(1.3981999507e-3f);
        p = p * r + Vector256.Create(8.3334519073e-3f);
        p = p * r + Vector256.Create(4.1665795894e-2f);
        p = p * r + Vector256.Create(1.6666665459e-1f);
        p = p * r + Vector256.Create(5.0000001201e-1f);
        var er = p * (r * r) + r + Vector256<float>.One;
        var twoToN = (Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23;
        var e = er * twoToN.AsSingle();
        var sigma = Vector256<float>.One / (Vector256<float>.One + e);
        // The clamp maps NaN to a number; give NaN back so that a diverged field stays visible.
        return Vector256.ConditionalSelect(Vector256.Equals(z, z), sigma, z);
    }
}
