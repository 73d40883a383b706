using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace Compute.Numerics.Nn;

/// <summary>
/// Fully connected layer y = x·W + b on batch-major tensors: x [batch × in], W [in × out] row-major, b [out].
/// Parameters in the set: W (in·out values) then b (out values).
/// Backward: ∂W += xᵀ·∂y, ∂b += Σ_batch ∂y, ∂x = ∂y·Wᵀ.
/// Ref: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), 6.5.
/// </summary>
public sealed class Dense<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterSet<T> _parameters;
    private readonly int _offset;

    public Dense(ParameterSet<T> parameters, int inputs, int outputs, int maxBatch) : base(inputs, outputs, maxBatch)
    {
        _parameters = parameters;
        _offset = parameters.Allocate(checked(inputs * outputs + outputs));
    }

    public override int ParameterCount => InputSize * OutputSize + OutputSize;

    /// <summary>Offset of W inside the parameter set; b follows at <c>WeightOffset + in·out</c>.</summary>
    public int WeightOffset => _offset;

    private Span<T> Weights => _parameters.Values.AsSpan(_offset, InputSize * OutputSize);
    private Span<T> Bias => _parameters.Values.AsSpan(_offset + InputSize * OutputSize, OutputSize);

    /// <summary>W, b ~ U(−1/√in, 1/√in) (PyTorch's default for Linear).</summary>
    public override void Initialize(ref Rng rng)
    {
        var bound = 1 / Math.Sqrt(InputSize);
        NnMath<T>.FillUniform(Weights, bound, ref rng);
        NnMath<T>.FillUniform(Bias, bound, ref rng);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ForwardCore(ReadOnlySpan<T> x, Span<T> y, int batch)
    {
        NnMath<T>.Multiply(x, Weights, y, batch, OutputSize, InputSize);
        ReadOnlySpan<T> b = Bias;
        for (var s = 0; s < batch; s++)
        {
            var row = y.Slice(s * OutputSize, OutputSize);
            TensorPrimitives.Add(row, b, row);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void BackwardCore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch)
    {
        var grads = _parameters.Gradients.AsSpan(_offset, ParameterCount);
        NnMath<T>.Multiply(x, dy, grads[..(InputSize * OutputSize)], InputSize, OutputSize, batch, transposeA: true, beta: 1f);
        var db = grads[(InputSize * OutputSize)..];
        for (var s = 0; s < batch; s++)
            TensorPrimitives.Add(db, dy.Slice(s * OutputSize, OutputSize), db);
        NnMath<T>.Multiply(dy, Weights, dx, batch, InputSize, OutputSize, transposeB: true);
    }
}
