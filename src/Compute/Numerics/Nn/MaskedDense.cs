using System.Numerics.Tensors;

namespace Compute.Numerics.Nn;

/// <summary>
/// A dense layer whose weights are multiplied element-wise by a fixed 0/1 mask (MADE, Germain et al. 2015).
/// Effectively computes, for a batch X (batch × in, row-major), Y = X·(M∘W)ᵀ + b with W and M stored
/// out × in row-major and b of length out. The parameters live in one flat span owned by the caller
/// (<see cref="ParameterCount"/> floats: W then b), the gradients in a span of the same layout, so a whole
/// network is one vector for <see cref="Optim.Adam"/>. Masked weights get zero gradient and never act.
/// The layer owns one out × in scratch buffer for M∘W, so an instance is not thread-safe; nothing allocates
/// after construction.
/// Ref: Germain, Gregor, Murray &amp; Larochelle, ICML (2015), MADE; Wu, Wang &amp; Zhang, PRL 122 (2019).
/// </summary>
public sealed class MaskedDense
{
    private readonly float[] _mask;
    private readonly float[] _maskedWeights;

    /// <param name="inputs">Input features (columns of W).</param>
    /// <param name="outputs">Output features (rows of W).</param>
    /// <param name="mask">outputs × inputs row-major, entries 0 or 1; copied.</param>
    public MaskedDense(int inputs, int outputs, ReadOnlySpan<float> mask)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (mask.Length != inputs * outputs)
            throw new ArgumentException($"The mask needs {inputs * outputs} entries (outputs × inputs), has {mask.Length}.", nameof(mask));
        foreach (var m in mask)
            if (m is not (0f or 1f)) throw new ArgumentException("Mask entries must be 0 or 1.", nameof(mask));
        Inputs = inputs;
        Outputs = outputs;
        _mask = mask.ToArray();
        _maskedWeights = new float[inputs * outputs];
    }

    public int Inputs { get; }
    public int Outputs { get; }

    /// <summary>Outputs × inputs weights followed by outputs biases.</summary>
    public int ParameterCount => Outputs * Inputs + Outputs;

    /// <summary>The mask, outputs × inputs row-major (1 = connection present).</summary>
    public ReadOnlySpan<float> Mask => _mask;

    /// <summary>Number of connections the mask keeps into output <paramref name="row"/>.</summary>
    public int FanIn(int row) => (int)TensorPrimitives.Sum(_mask.AsSpan(row * Inputs, Inputs));

    /// <summary>Y = X·(M∘W)ᵀ + b for <paramref name="batch"/> rows.</summary>
    public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, Span<float> y, int batch)
    {
        CheckShapes(parameters, x.Length, y.Length, batch);
        var maskedWeights = MaskWeights(parameters);
        Gemm.Multiply(x, maskedWeights, y, batch, Outputs, Inputs, transposeB: true);
        var bias = Bias(parameters);
        for (var r = 0; r < batch; r++)
        {
            var row = y.Slice(r * Outputs, Outputs);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>
    /// Only outputs [<paramref name="firstOutput"/>, firstOutput + <paramref name="count"/>) of
    /// <see cref="Forward"/>, reading inputs [0, <paramref name="inputPrefix"/>) alone: the caller
    /// guarantees the mask is zero beyond that prefix on these rows (autoregressive sampling computes one
    /// degree at a time this way, at the cost of one forward pass in all). Other entries of y are untouched.
    /// </summary>
    public void ForwardRows(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, Span<float> y, int batch,
        int firstOutput, int count, int inputPrefix)
    {
        CheckShapes(parameters, x.Length, y.Length, batch);
        if (firstOutput < 0 || count < 0 || firstOutput + count > Outputs)
            throw new ArgumentOutOfRangeException(nameof(count), "Rows outside the layer.");
        if (inputPrefix < 0 || inputPrefix > Inputs)
            throw new ArgumentOutOfRangeException(nameof(inputPrefix));
        var w = Weights(parameters);
        var bias = Bias(parameters);
        var masked = _maskedWeights.AsSpan(0, inputPrefix);
        for (var o = firstOutput; o < firstOutput + count; o++)
        {
            TensorPrimitives.Multiply(w.Slice(o * Inputs, inputPrefix), _mask.AsSpan(o * Inputs, inputPrefix), masked);
            for (var r = 0; r < batch; r++)
                y[r * Outputs + o] = bias[o] + TensorPrimitives.Dot(masked, x.Slice(r * Inputs, inputPrefix));
        }
    }

    /// <summary>
    /// Given dL/dY, adds dL/dW = M∘(dYᵀ·X) and dL/db = Σ_rows dY to <paramref name="gradients"/> (same layout
    /// as the parameters) and, unless <paramref name="dx"/> is empty, writes dL/dX = dY·(M∘W).
    /// </summary>
    public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, ReadOnlySpan<float> dy,
        Span<float> gradients, Span<float> dx, int batch)
    {
        CheckShapes(parameters, x.Length, dy.Length, batch);
        if (gradients.Length != ParameterCount)
            throw new ArgumentException($"Gradients need {ParameterCount} entries, have {gradients.Length}.", nameof(gradients));
        var gw = gradients[..(Outputs * Inputs)];
        Gemm.Multiply(dy, x, gw, Outputs, Inputs, batch, transposeA: true, beta: 1f);
        // Re-applying the mask after accumulation keeps masked entries at exactly zero.
        TensorPrimitives.Multiply(gw, _mask, gw);
        var gb = gradients[(Outputs * Inputs)..];
        for (var r = 0; r < batch; r++)
            TensorPrimitives.Add(gb, dy.Slice(r * Outputs, Outputs), gb);
        if (dx.IsEmpty) return;
        if (dx.Length < batch * Inputs) throw new ArgumentException($"dX needs {batch * Inputs} entries.", nameof(dx));
        Gemm.Multiply(dy, MaskWeights(parameters), dx, batch, Inputs, Outputs);
    }

    /// <summary>
    /// The MADE mask from unit degrees: M[o, i] = 1 when d_in[i] &lt; d_out[o] (<paramref name="strict"/>, for the
    /// layer that reads the inputs, so output k never sees input k) or d_in[i] ≤ d_out[o] (every later layer).
    /// Stacking one strict layer with any number of non-strict ones makes output k a function of inputs &lt; k.
    /// </summary>
    public static float[] DegreeMask(ReadOnlySpan<int> inputDegrees, ReadOnlySpan<int> outputDegrees, bool strict)
    {
        var mask = new float[inputDegrees.Length * outputDegrees.Length];
        for (var o = 0; o < outputDegrees.Length; o++)
            for (var i = 0; i < inputDegrees.Length; i++)
                mask[o * inputDegrees.Length + i] =
                    (strict ? inputDegrees[i] < outputDegrees[o] : inputDegrees[i] <= outputDegrees[o]) ? 1f : 0f;
        return mask;
    }

    /// <summary>Fills the scratch buffer with M∘W and returns it.</summary>
    private ReadOnlySpan<float> MaskWeights(ReadOnlySpan<float> parameters)
    {
        TensorPrimitives.Multiply(Weights(parameters), _mask, _maskedWeights);
        return _maskedWeights;
    }

    private ReadOnlySpan<float> Weights(ReadOnlySpan<float> parameters) => parameters[..(Outputs * Inputs)];

    private ReadOnlySpan<float> Bias(ReadOnlySpan<float> parameters) => parameters.Slice(Outputs * Inputs, Outputs);

    private void CheckShapes(ReadOnlySpan<float> parameters, int xLength, int yLength, int batch)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"Parameters need {ParameterCount} entries, have {parameters.Length}.", nameof(parameters));
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if (xLength < batch * Inputs) throw new ArgumentException($"X needs {batch * Inputs} entries, has {xLength}.");
        if (yLength < batch * Outputs) throw new ArgumentException($"Y needs {batch * Outputs} entries, has {yLength}.");
    }
}
