using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Compute.Numerics;

public static partial class Kernels
{
    /// <summary>
    /// Bernoulli sampling with given uniforms: s_i = 1 if u_i &lt; p_i else 0, for i &lt; p.Length.
    /// With u_i uniform in [0, 1) this draws s_i ~ Bernoulli(p_i) (p ≤ 0 never fires, p ≥ 1 always does);
    /// passing the uniforms in keeps the kernel pure and the sampling reproducible.
    /// Ref: Hinton, Neural Computation 14, 1771 (2002) (stochastic binary units of an RBM).
    /// </summary>
    public static void SampleBernoulli(ReadOnlySpan<float> p, ReadOnlySpan<float> u, Span<float> s)
    {
        var n = p.Length;
        if (u.Length < n) throw new ArgumentException($"u has {u.Length} uniforms for {n} probabilities.", nameof(u));
        if (s.Length < n) throw new ArgumentException($"s has room for {s.Length} samples, needs {n}.", nameof(s));
        ref var pr = ref MemoryMarshal.GetReference(p);
        ref var ur = ref MemoryMarshal.GetReference(u);
        ref var sr = ref MemoryMarshal.GetReference(s);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512<float>.One;
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                // LessThan yields all-ones bits where u < p; AND with 1.0f's bit pattern gives exactly 1.0f or +0.0f.
                var fire = Vector512.LessThan(Vector512.LoadUnsafe(ref ur, (nuint)i), Vector512.LoadUnsafe(ref pr, (nuint)i));
                (fire & one).StoreUnsafe(ref sr, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256<float>.One;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var fire = Vector256.LessThan(Vector256.LoadUnsafe(ref ur, (nuint)i), Vector256.LoadUnsafe(ref pr, (nuint)i));
                (fire & one).StoreUnsafe(ref sr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref sr, i) = Unsafe.Add(ref ur, i) < Unsafe.Add(ref pr, i) ? 1f : 0f;
    }
}
