using System.Numerics;

namespace Compute.Numerics.Nn;

/// <summary>
/// A differentiable layer of the NN core, batched. Conventions every layer (and <c>MaskedDense</c>) follows:
/// <list type="bullet">
/// <item>Generic over the scalar <typeparamref name="T"/>: production runs use <c>float</c> (the packed GEMM path);
/// tests instantiate the very same code with <c>double</c> so hand-written backward passes are checked against
/// finite differences without float round-off hiding mistakes (one implementation, no oracle copy to drift).</item>
/// <item>Parameters live in one flat <see cref="ParameterSet{T}"/> (values and gradients); a layer keeps only
/// offsets, so <c>Adam.Step(set.Values, set.Gradients)</c> updates every layer at once.</item>
/// <item>A layer owns its output buffer (and, created on first use, an input-gradient buffer), sized for
/// <see cref="MaxBatch"/> samples, so a training step allocates nothing. Spans it returns stay valid until its next
/// Forward / Backward call. Backward may instead write into a caller's buffer: <see cref="Sequential{T}"/> passes two
/// shared ones, so a deep stack does not stream one gradient buffer per layer through the caches.</item>
/// <item>Backward receives the same input the preceding Forward received, ADDS ∂L/∂θ into the gradient vector
/// and returns ∂L/∂input. Callers zero the gradients (<see cref="ParameterSet{T}.ZeroGradients"/>) once per step.</item>
/// <item>Layout: <see cref="InputSize"/> and <see cref="OutputSize"/> values per sample; a batch tensor holds
/// batch·size values. Dense layers are batch-major ([batch][feature]); convolutions are channel-planar
/// ([channel][batch][site]); elementwise layers accept either. With one channel both layouts coincide.</item>
/// </list>
/// </summary>
public abstract class Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _output;
    private T[]? _inputGradient;

    protected Layer(int inputSize, int outputSize, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        InputSize = inputSize;
        OutputSize = outputSize;
        MaxBatch = maxBatch;
        _output = new T[checked(outputSize * maxBatch)];
        // The layer's own input-gradient buffer is created on first use; its size is checked now, with the output's.
        _ = checked(inputSize * maxBatch);
    }

    /// <summary>Values per sample entering the layer.</summary>
    public int InputSize { get; }

    /// <summary>Values per sample leaving the layer.</summary>
    public int OutputSize { get; }

    /// <summary>Largest batch the workspace buffers were sized for.</summary>
    public int MaxBatch { get; }

    /// <summary>Number of parameters this layer owns inside its <see cref="ParameterSet{T}"/> (0 for activations).</summary>
    public virtual int ParameterCount => 0;

    /// <summary>Draws the initial parameters from <paramref name="rng"/> (a no-op for parameter-free layers).</summary>
    public virtual void Initialize(ref Rng rng)
    {
    }

    /// <summary>The output of the last Forward for <paramref name="batch"/> samples.</summary>
    public ReadOnlySpan<T> Output(int batch) => _output.AsSpan(0, batch * OutputSize);

    /// <summary>y = f(x) for <paramref name="batch"/> samples; returns the layer's own output buffer.</summary>
    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch)
    {
        CheckBatch(input.Length, InputSize, batch);
        var y = _output.AsSpan(0, batch * OutputSize);
        ForwardCore(input[..(batch * InputSize)], y, batch);
        return y;
    }

    /// <summary>
    /// Adds ∂L/∂θ (from ∂L/∂y and the input of the last Forward) to the gradient vector and returns ∂L/∂x
    /// in the layer's own buffer.
    /// </summary>
    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, int batch) =>
        Backward(input, outputGradient, batch, _inputGradient ??= new T[InputSize * MaxBatch]);

    /// <summary>
    /// As <see cref="Backward(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/>, but writes ∂L/∂x into the caller's
    /// <paramref name="inputGradient"/> (at least batch·<see cref="InputSize"/> values, not overlapping the other arguments).
    /// </summary>
    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, int batch, Span<T> inputGradient)
    {
        CheckBatch(input.Length, InputSize, batch);
        CheckBatch(outputGradient.Length, OutputSize, batch);
        CheckBatch(inputGradient.Length, InputSize, batch);
        var dx = inputGradient[..(batch * InputSize)];
        BackwardCore(input[..(batch * InputSize)], Output(batch), outputGradient[..(batch * OutputSize)], dx, batch);
        return dx;
    }

    /// <summary>Writes y = f(x); x and y hold exactly batch samples.</summary>
    protected abstract void ForwardCore(ReadOnlySpan<T> x, Span<T> y, int batch);

    /// <summary>Adds ∂L/∂θ and overwrites <paramref name="dx"/> with ∂L/∂x; y is this layer's output for x.</summary>
    protected abstract void BackwardCore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch);

    private void CheckBatch(int length, int size, int batch)
    {
        if ((uint)batch > (uint)MaxBatch || batch == 0)
            throw new ArgumentOutOfRangeException(nameof(batch), $"Batch {batch} outside 1..{MaxBatch}.");
        if (length < batch * size)
            throw new ArgumentException($"Tensor has {length} values; {batch} samples of {size} need {batch * size}.");
    }
}
