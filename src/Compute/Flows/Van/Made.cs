using System.Numerics.Tensors;
using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Flows.Van;

/// <summary>
/// The autoregressive network of a VAN: MADE over n Ising spins s ∈ {−1, +1}ⁿ. Masked dense layers
/// (n → w·n → … → w·n → n, tanh between them) produce logits a_i(s_&lt;i), and
/// q(s) = Π_i q(s_i | s_&lt;i) with q(s_i = +1 | s_&lt;i) = ŝ_i = σ(a_i), so
/// ln q(s) = −Σ_i softplus(−s_i a_i). Hidden units carry degrees 0 … n−1 (w units per degree); the first
/// mask is strict and the others are not, so a_i depends on s_&lt;i only and q is normalized by construction.
/// Depth 1 is the fully visible sigmoid belief net (one strict n → n layer).
/// All parameters form one flat vector (layer by layer: W then b), as do the gradients.
/// Ref: Wu, Wang &amp; Zhang, PRL 122, 080602 (2019); Germain et al., ICML (2015).
/// </summary>
public sealed class Made
{
    private readonly MaskedDense[] _layers;
    private readonly int[] _offsets;

    /// <param name="spins">n, the number of binary variables.</param>
    /// <param name="depth">Number of masked layers (1 = no hidden layer).</param>
    /// <param name="width">Hidden units per degree (hidden layers have width·n units).</param>
    public Made(int spins, int depth, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Spins = spins;
        Depth = depth;
        Width = width;
        var inputDegrees = Enumerable.Range(0, spins).ToArray();
        var hiddenDegrees = Enumerable.Range(0, spins * width).Select(u => u / width).ToArray();
        _layers = new MaskedDense[depth];
        _offsets = new int[depth + 1];
        for (var l = 0; l < depth; l++)
        {
            var inDegrees = l == 0 ? inputDegrees : hiddenDegrees;
            var outDegrees = l == depth - 1 ? inputDegrees : hiddenDegrees;
            _layers[l] = new MaskedDense(inDegrees.Length, outDegrees.Length, MaskedDense.DegreeMask(inDegrees, outDegrees, strict: l == 0));
            _offsets[l + 1] = _offsets[l] + _layers[l].ParameterCount;
        }
    }

    public int Spins { get; }
    public int Depth { get; }
    public int Width { get; }
    public int ParameterCount => _offsets[^1];
    public IReadOnlyList<MaskedDense> Layers => _layers;

    /// <summary>Units each degree owns in the output of layer <paramref name="l"/>.</summary>
    private int UnitsPerDegree(int l) => l == Depth - 1 ? 1 : Width;

    /// <summary>
    /// Uniform(−1/√fan-in, 1/√fan-in) weights over the connections the mask keeps, zero biases (PyTorch's
    /// default scale, with the masked fan-in so that deep masked rows start with unit-order pre-activations).
    /// </summary>
    public void Initialize(Span<float> parameters, ref Rng rng)
    {
        CheckParameters(parameters.Length);
        parameters.Clear();
        for (var l = 0; l < Depth; l++)
        {
            var layer = _layers[l];
            var p = LayerSlice(parameters, l);
            var mask = layer.Mask;
            for (var o = 0; o < layer.Outputs; o++)
            {
                var scale = 1f / MathF.Sqrt(Math.Max(1, layer.FanIn(o)));
                for (var i = 0; i < layer.Inputs; i++)
                    p[o * layer.Inputs + i] = mask[o * layer.Inputs + i] * scale * (2 * rng.NextFloat() - 1);
            }
        }
    }

    /// <summary>Logits a (batch × n) for spins (batch × n, ±1) into <paramref name="workspace"/>; hidden activations are kept for <see cref="Backward"/>.</summary>
    public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> spins, int batch, MadeWorkspace workspace)
    {
        CheckParameters(parameters.Length);
        workspace.CheckBatch(batch);
        ReadOnlySpan<float> input = spins[..(batch * Spins)];
        for (var l = 0; l < Depth; l++)
        {
            var layer = _layers[l];
            var pre = workspace.PreActivations[l].AsSpan(0, batch * layer.Outputs);
            layer.Forward(LayerSlice(parameters, l), input, pre, batch);
            if (l == Depth - 1) break;
            var act = workspace.Activations[l].AsSpan(0, pre.Length);
            TensorPrimitives.Tanh(pre, act);
            input = act;
        }
    }

    /// <summary>The logits of the last <see cref="Forward"/> or <see cref="Sample"/>, batch × n.</summary>
    public static ReadOnlySpan<float> Logits(MadeWorkspace workspace, int batch) =>
        workspace.PreActivations[^1].AsSpan(0, batch * workspace.Spins);

    /// <summary>ln q(s) = −Σ_i softplus(−s_i a_i) per row, from the logits of the last forward pass on these spins.</summary>
    public void LogProbabilities(ReadOnlySpan<float> spins, MadeWorkspace workspace, Span<double> logQ, int batch)
    {
        var logits = Logits(workspace, batch);
        for (var r = 0; r < batch; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < Spins; i++)
            {
                var k = r * Spins + i;
                sum -= Special.Softplus(-(double)spins[k] * logits[k]);
            }
            logQ[r] = sum;
        }
    }

    /// <summary>
    /// Back-propagates dL/da (batch × n, overwritten as scratch) through the network of the last
    /// <see cref="Forward"/> on <paramref name="spins"/>, adding dL/dθ to <paramref name="gradients"/>.
    /// </summary>
    public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> spins, Span<float> logitGradients,
        Span<float> gradients, int batch, MadeWorkspace workspace)
    {
        CheckParameters(parameters.Length);
        CheckParameters(gradients.Length);
        workspace.CheckBatch(batch);
        Span<float> dy = logitGradients[..(batch * Spins)];
        for (var l = Depth - 1; l >= 0; l--)
        {
            var layer = _layers[l];
            ReadOnlySpan<float> input = l == 0 ? spins[..(batch * Spins)] : workspace.Activations[l - 1].AsSpan(0, batch * layer.Inputs);
            // The first layer's input gradient is never needed.
            var dx = l == 0 ? Span<float>.Empty : workspace.InputGradients[l].AsSpan(0, batch * layer.Inputs);
            layer.Backward(LayerSlice(parameters, l), input, dy, LayerSlice(gradients, l), dx, batch);
            if (l == 0) break;
            // Through tanh: dz = dx·(1 − tanh²).
            var act = workspace.Activations[l - 1].AsSpan(0, dx.Length);
            for (var k = 0; k < dx.Length; k++) dx[k] *= 1 - act[k] * act[k];
            dy = dx;
        }
    }

    /// <summary>
    /// Exact ancestral sampling of <paramref name="batch"/> configurations: for i = 0 … n−1 the units of
    /// degree i of every layer are computed from already fixed ones (each layer's rows of that degree read
    /// only the input prefix the mask allows), then s_i = +1 with probability σ(a_i). Costs about one
    /// forward pass. Uniforms come from <paramref name="rng"/> spin by spin, row by row.
    /// </summary>
    public void Sample(ReadOnlySpan<float> parameters, ref Rng rng, Span<float> spins, int batch,
        MadeWorkspace workspace, CancellationToken cancellationToken)
    {
        CheckParameters(parameters.Length);
        workspace.CheckBatch(batch);
        var s = spins[..(batch * Spins)];
        s.Clear();
        for (var i = 0; i < Spins; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadOnlySpan<float> input = s;
            for (var l = 0; l < Depth; l++)
            {
                var layer = _layers[l];
                var units = UnitsPerDegree(l);
                // Degree-i rows see inputs of degree < i (strict first mask) or ≤ i (later masks).
                var prefix = l == 0 ? i : (i + 1) * UnitsPerDegree(l - 1);
                var pre = workspace.PreActivations[l].AsSpan(0, batch * layer.Outputs);
                layer.ForwardRows(LayerSlice(parameters, l), input, pre, batch, i * units, units, prefix);
                if (l == Depth - 1) break;
                var act = workspace.Activations[l].AsSpan(0, pre.Length);
                for (var r = 0; r < batch; r++)
                {
                    var k = r * layer.Outputs + i * units;
                    TensorPrimitives.Tanh(pre.Slice(k, units), act.Slice(k, units));
                }
                input = act;
            }
            var logits = workspace.PreActivations[^1];
            for (var r = 0; r < batch; r++)
            {
                var pUp = 1f / (1f + MathF.Exp(-logits[r * Spins + i]));
                s[r * Spins + i] = rng.NextFloat() < pUp ? 1f : -1f;
            }
        }
    }

    private Span<float> LayerSlice(Span<float> all, int l) => all[_offsets[l].._offsets[l + 1]];

    private ReadOnlySpan<float> LayerSlice(ReadOnlySpan<float> all, int l) => all[_offsets[l].._offsets[l + 1]];

    private void CheckParameters(int length)
    {
        if (length != ParameterCount)
            throw new ArgumentException($"This network has {ParameterCount} parameters; got a span of {length}.");
    }
}
