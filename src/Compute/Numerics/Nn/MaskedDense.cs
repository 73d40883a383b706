using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace Compute.Numerics.Nn;

/// <summary>
/// Dense layer whose weights are multiplied element-wise by a fixed 0/1 mask (MADE): y = x·(M∘W) + b on
/// batch-major tensors, x [batch × in], W and M [in × out] row-major (the <see cref="Dense{T}"/> layout),
/// b [out]. Parameters in the set: W then b. Backward: ∂W += M∘(xᵀ·∂y), ∂b += Σ_batch ∂y, ∂x = ∂y·(M∘W)ᵀ,
/// so masked weights get zero gradient and never act, whatever values they hold.
/// <see cref="ForwardColumns"/> computes a few outputs from a prefix of the inputs, which is what exact
/// autoregressive sampling needs one degree at a time.
/// Ref: Germain, Gregor, Murray &amp; Larochelle, ICML (2015), MADE; Wu, Wang &amp; Zhang, PRL 122, 080602 (2019).
/// </summary>
public sealed class MaskedDense<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterSet<T> _parameters;
    private readonly int _offset;
    private readonly T[] _mask;
    private readonly T[] _scratch;

    /// <param name="mask">in × out row-major, entries 0 or 1 (1 = input i feeds output o); copied.</param>
    public MaskedDense(ParameterSet<T> parameters, int inputs, int outputs, ReadOnlySpan<float> mask, int maxBatch)
        : base(inputs, outputs, maxBatch)
    {
        if (mask.Length != inputs * outputs)
            throw new ArgumentException($"The mask needs {inputs * outputs} entries (inputs × outputs), has {mask.Length}.", nameof(mask));
        _mask = new T[mask.Length];
        for (var k = 0; k < mask.Length; k++)
            _mask[k] = mask[k] switch
            {
                0f => T.Zero,
                1f => T.One,
                _ => throw new ArgumentException("Mask entries must be 0 or 1.", nameof(mask)),
            };
        _scratch = new T[mask.Length];
        _parameters = parameters;
        _offset = parameters.Allocate(checked(inputs * outputs + outputs));
    }

    public override int ParameterCount => InputSize * OutputSize + OutputSize;

    /// <summary>Offset of W inside the parameter set; b follows at <c>WeightOffset + in·out</c>.</summary>
    public int WeightOffset => _offset;

    /// <summary>The mask, in × out row-major.</summary>
    public ReadOnlySpan<T> Mask => _mask;

    private Span<T> Weights => _parameters.Values.AsSpan(_offset, InputSize * OutputSize);
    private Span<T> Bias => _parameters.Values.AsSpan(_offset + InputSize * OutputSize, OutputSize);

    /// <summary>Connections the mask keeps into output <paramref name="output"/>.</summary>
    public int FanIn(int output)
    {
        var count = 0;
        for (var i = 0; i < InputSize; i++)
            if (_mask[i * OutputSize + output] != T.Zero) count++;
        return count;
    }

    /// <summary>
    /// W, b ~ U(−1/√f, 1/√f) with f the masked fan-in of each output (PyTorch's Linear default, counting only
    /// live connections so that sparse early rows start with unit-order pre-activations); masked weights are 0.
    /// </summary>
    public override void Initialize(ref Rng rng)
    {
        var w = Weights;
        var b = Bias;
        for (var o = 0; o < OutputSize; o++)
        {
            var bound = 1 / Math.Sqrt(Math.Max(1, FanIn(o)));
            for (var i = 0; i < InputSize; i++)
            {
                var k = i * OutputSize + o;
                w[k] = _mask[k] * T.CreateTruncating((2 * rng.NextDouble() - 1) * bound);
            }
            b[o] = T.CreateTruncating((2 * rng.NextDouble() - 1) * bound);
        }
    }

    /// <summary>
    /// The MADE mask from unit degrees, in × out: M[i, o] = 1 when d_in[i] &lt; d_out[o] (<paramref name="strict"/>,
    /// for the layer that reads the variables, so output k never sees variable k) or d_in[i] ≤ d_out[o] (later
    /// layers). One strict layer followed by non-strict ones makes output k a function of variables &lt; k.
    /// </summary>
    public static float[] DegreeMask(ReadOnlySpan<int> inputDegrees, ReadOnlySpan<int> outputDegrees, bool strict)
    {
        var mask = new float[inputDegrees.Length * outputDegrees.Length];
        for (var i = 0; i < inputDegrees.Length; i++)
            for (var o = 0; o < outputDegrees.Length; o++)
                mask[i * outputDegrees.Length + o] =
                    (strict ? inputDegrees[i] < outputDegrees[o] : inputDegrees[i] <= outputDegrees[o]) ? 1f : 0f;
        return mask;
    }

    /// <summary>
    /// Outputs [<paramref name="firstOutput"/>, firstOutput + <paramref name="count"/>) of the forward pass for
    /// <paramref name="batch"/> samples, reading only inputs [0, <paramref name="inputPrefix"/>) of each sample;
    /// the caller guarantees the mask is zero on these columns beyond that prefix. Written into
    /// <paramref name="y"/> (batch × out, the other entries untouched), not the layer's own output buffer.
    /// </summary>
    // Hot loop: short runs would otherwise spend most of their time in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ForwardColumns(ReadOnlySpan<T> x, Span<T> y, int batch, int firstOutput, int count, int inputPrefix)
    {
        if (firstOutput < 0 || count < 0 || firstOutput + count > OutputSize)
            throw new ArgumentOutOfRangeException(nameof(count), "Outputs outside the layer.");
        if (inputPrefix < 0 || inputPrefix > InputSize)
            throw new ArgumentOutOfRangeException(nameof(inputPrefix));
        if (x.Length < batch * InputSize || y.Length < batch * OutputSize)
            throw new ArgumentException($"Tensors too short for {batch} samples.");
        ReadOnlySpan<T> w = Weights;
        ReadOnlySpan<T> bias = Bias;
        // Gather the masked columns contiguously (count × prefix) so each output is one dot product per sample.
        var columns = _scratch.AsSpan(0, count * inputPrefix);
        for (var c = 0; c < count; c++)
            for (var i = 0; i < inputPrefix; i++)
            {
                var k = i * OutputSize + firstOutput + c;
                columns[c * inputPrefix + i] = w[k] * _mask[k];
            }
        for (var s = 0; s < batch; s++)
        {
            var xs = x.Slice(s * InputSize, inputPrefix);
            for (var c = 0; c < count; c++)
                y[s * OutputSize + firstOutput + c] = bias[firstOutput + c] + TensorPrimitives.Dot(columns.Slice(c * inputPrefix, inputPrefix), xs);
        }
    }

    protected override void ForwardCore(ReadOnlySpan<T> x, Span<T> y, int batch)
    {
        NnMath<T>.Multiply(x, MaskedWeights(), y, batch, OutputSize, InputSize);
        ReadOnlySpan<T> b = Bias;
        for (var s = 0; s < batch; s++)
        {
            var row = y.Slice(s * OutputSize, OutputSize);
            TensorPrimitives.Add(row, b, row);
        }
    }

    protected override void BackwardCore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch)
    {
        var grads = _parameters.Gradients.AsSpan(_offset, ParameterCount);
        var dw = grads[..(InputSize * OutputSize)];
        NnMath<T>.Multiply(x, dy, dw, InputSize, OutputSize, batch, transposeA: true, beta: 1f);
        // Re-applying the mask after accumulation keeps masked entries at exactly zero.
        TensorPrimitives.Multiply(dw, _mask, dw);
        var db = grads[(InputSize * OutputSize)..];
        for (var s = 0; s < batch; s++)
            TensorPrimitives.Add(db, dy.Slice(s * OutputSize, OutputSize), db);
        // ∂x = ∂y·(M∘W)ᵀ with the transpose formed explicitly (out × in), so the product streams rows of both operands.
        ReadOnlySpan<T> w = Weights;
        for (var i = 0; i < InputSize; i++)
            for (var o = 0; o < OutputSize; o++)
            {
                var k = i * OutputSize + o;
                _scratch[o * InputSize + i] = w[k] * _mask[k];
            }
        NnMath<T>.Multiply(dy, _scratch, dx, batch, InputSize, OutputSize);
    }

    /// <summary>M∘W in the scratch buffer (recomputed per call: the optimizer may have moved W since).</summary>
    private ReadOnlySpan<T> MaskedWeights()
    {
        TensorPrimitives.Multiply(Weights, _mask, _scratch);
        return _scratch;
    }
}
