using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace Compute.Numerics.Nn;

/// <summary>
/// LeakyReLU y = x for x &gt; 0, else a·x (a = <see cref="Slope"/>, PyTorch's default 0.01); ∂x = ∂y·(x &gt; 0 ? 1 : a).
/// Ref: Maas, Hannun &amp; Ng (2013).
/// </summary>
public sealed class LeakyRelu<T>(int size, int maxBatch, double slope = 0.01) : Layer<T>(size, size, maxBatch)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public double Slope { get; } = slope;

    protected override void ForwardCore(ReadOnlySpan<T> x, Span<T> y, int batch)
    {
        // max(x, a·x) equals LeakyReLU for 0 ≤ a ≤ 1.
        TensorPrimitives.Multiply(x, T.CreateTruncating(Slope), y);
        TensorPrimitives.Max(x, y, y);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void BackwardCore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch)
    {
        var a = T.CreateTruncating(Slope);
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var va = new Vector<T>(a);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var vx = new Vector<T>(x[i..]);
                var vdy = new Vector<T>(dy[i..]);
                // Lanes with x > 0 pass ∂y through; the others are scaled by the slope.
                Vector.ConditionalSelect(Vector.GreaterThan(vx, Vector<T>.Zero), vdy, vdy * va).CopyTo(dx[i..]);
            }
        }
        for (; i < x.Length; i++) dx[i] = x[i] > T.Zero ? dy[i] : a * dy[i];
    }
}

/// <summary>y = tanh x; ∂x = ∂y·(1 − y²).</summary>
public sealed class Tanh<T>(int size, int maxBatch) : Layer<T>(size, size, maxBatch)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void ForwardCore(ReadOnlySpan<T> x, Span<T> y, int batch) => TensorPrimitives.Tanh(x, y);

    protected override void BackwardCore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch)
    {
        // ∂x = ∂y − ∂y·y·y, in two fused passes.
        TensorPrimitives.Multiply(dy, y, dx);
        TensorPrimitives.Multiply(dx, y, dx);
        TensorPrimitives.Subtract(dy, dx, dx);
    }
}

/// <summary>y = softplus x = ln(1 + eˣ) (overflow-safe); ∂x = ∂y·σ(x).</summary>
public sealed class Softplus<T>(int size, int maxBatch) : Layer<T>(size, size, maxBatch)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void ForwardCore(ReadOnlySpan<T> x, Span<T> y, int batch)
    {
        // ln(1 + eˣ) = max(x, 0) + ln(1 + e^{−|x|}) never overflows.
        for (var i = 0; i < x.Length; i++)
            y[i] = T.Max(x[i], T.Zero) + T.LogP1(T.Exp(-T.Abs(x[i])));
    }

    protected override void BackwardCore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch)
    {
        TensorPrimitives.Sigmoid(x, dx);
        TensorPrimitives.Multiply(dx, dy, dx);
    }
}
