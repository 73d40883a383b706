using System.Numerics.Tensors;
using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Flows.Van;

/// <summary>
/// The autoregressive network of a VAN: MADE over n Ising spins s ∈ {−1, +1}ⁿ. Masked dense layers
/// n → w·n → … → w·n → n with tanh between them produce logits a_i(s_&lt;i), and
/// q(s) = Π_i q(s_i | s_&lt;i) with q(s_i = +1 | s_&lt;i) = σ(a_i), so ln q(s) = −Σ_i softplus(−s_i a_i).
/// Hidden units carry degrees 0 … n−1 (w units per degree); the first mask is strict and the others are not,
/// so a_i depends on s_&lt;i only and q is normalized by construction. Depth 1 is the fully visible sigmoid
/// belief net (one strict n → n layer). All parameters live in one <see cref="ParameterSet{T}"/>.
/// The network owns its buffers for batches of up to <see cref="MaxBatch"/>; nothing allocates after construction.
/// Ref: Wu, Wang &amp; Zhang, PRL 122, 080602 (2019); Germain et al., ICML (2015).
/// </summary>
public sealed class Made
{
    private readonly MaskedDense<float>[] _dense;
    private readonly Sequential<float> _network;
    private readonly float[][] _samplePre;   // per masked layer, batch × out, filled degree by degree while sampling
    private readonly float[][] _sampleAct;   // tanh of the hidden ones
    private readonly float[] _terms;         // batch × n scratch of ln q
    private readonly float[] _softplus;

    /// <param name="spins">n, the number of binary variables.</param>
    /// <param name="depth">Number of masked layers (1 = no hidden layer).</param>
    /// <param name="width">Hidden units per degree (hidden layers have width·n units).</param>
    /// <param name="maxBatch">Largest batch any call will use.</param>
    public Made(int spins, int depth, int width, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Spins = spins;
        Depth = depth;
        Width = width;
        MaxBatch = maxBatch;
        var spinDegrees = Enumerable.Range(0, spins).ToArray();
        var hiddenDegrees = Enumerable.Range(0, spins * width).Select(u => u / width).ToArray();
        _dense = new MaskedDense<float>[depth];
        var layers = new List<Layer<float>>();
        for (var l = 0; l < depth; l++)
        {
            var inDegrees = l == 0 ? spinDegrees : hiddenDegrees;
            var outDegrees = l == depth - 1 ? spinDegrees : hiddenDegrees;
            _dense[l] = new MaskedDense<float>(Parameters, inDegrees.Length, outDegrees.Length,
                MaskedDense<float>.DegreeMask(inDegrees, outDegrees, strict: l == 0), maxBatch);
            layers.Add(_dense[l]);
            if (l < depth - 1) layers.Add(new Tanh<float>(outDegrees.Length, maxBatch));
        }
        _network = new Sequential<float>([.. layers]);
        _samplePre = _dense.Select(d => new float[maxBatch * d.OutputSize]).ToArray();
        _sampleAct = _dense.Take(depth - 1).Select(d => new float[maxBatch * d.OutputSize]).ToArray();
        _terms = new float[maxBatch * spins];
        _softplus = new float[maxBatch * spins];
    }

    public int Spins { get; }
    public int Depth { get; }
    public int Width { get; }
    public int MaxBatch { get; }

    /// <summary>Every weight and bias (layer by layer: W then b) and their gradients.</summary>
    public ParameterSet<float> Parameters { get; } = new();

    public IReadOnlyList<MaskedDense<float>> MaskedLayers => _dense;

    public void Initialize(ref Rng rng) => _network.Initialize(ref rng);

    /// <summary>Logits a (batch × n) of spins (batch × n, ±1); valid until the next Forward.</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> spins, int batch) => _network.Forward(spins, batch);

    /// <summary>
    /// ln q(s) = −Σ_i softplus(−s_i a_i) per sample from <paramref name="logits"/> of these spins. The terms are
    /// evaluated in float with TensorPrimitives as softplus(x) = max(x, 0) + ln(1 + e^{−|x|}) (never overflows;
    /// absolute error ~1e-7 per spin) and each row's sum is returned in double.
    /// </summary>
    public void LogProbabilities(ReadOnlySpan<float> spins, ReadOnlySpan<float> logits, Span<double> logQ, int batch)
    {
        if ((uint)batch > (uint)MaxBatch) throw new ArgumentOutOfRangeException(nameof(batch), $"At most {MaxBatch} samples.");
        var count = batch * Spins;
        var x = _terms.AsSpan(0, count);
        var softplus = _softplus.AsSpan(0, count);
        // x = −s∘a, then softplus(x) = ln(1 + e^{−|x|}) + max(x, 0).
        TensorPrimitives.Multiply(spins[..count], logits[..count], x);
        TensorPrimitives.Negate(x, x);
        TensorPrimitives.Abs(x, softplus);
        TensorPrimitives.Negate(softplus, softplus);
        TensorPrimitives.Exp(softplus, softplus);
        TensorPrimitives.Add(softplus, 1f, softplus);
        TensorPrimitives.Log(softplus, softplus);
        TensorPrimitives.Max(x, 0f, x);
        TensorPrimitives.Add(softplus, x, softplus);
        for (var s = 0; s < batch; s++)
            logQ[s] = -(double)TensorPrimitives.Sum(softplus.Slice(s * Spins, Spins));
    }

    /// <summary>Adds ∂L/∂θ to <see cref="Parameters"/>' gradients given ∂L/∂a for the spins of the last Forward.</summary>
    public void Backward(ReadOnlySpan<float> spins, ReadOnlySpan<float> logitGradients, int batch) =>
        _network.Backward(spins, logitGradients, batch);

    /// <summary>
    /// Exact ancestral sampling of <paramref name="batch"/> configurations: for i = 0 … n−1 the units of degree
    /// i of every layer are computed from already fixed ones (each reads only the input prefix its mask allows),
    /// then s_i = +1 with probability σ(a_i), using one uniform per sample in order. About one forward pass in all.
    /// </summary>
    public void Sample(ref Rng rng, Span<float> spins, int batch, CancellationToken cancellationToken)
    {
        if ((uint)batch > (uint)MaxBatch) throw new ArgumentOutOfRangeException(nameof(batch), $"At most {MaxBatch} samples.");
        if (spins.Length < batch * Spins) throw new ArgumentException($"Need room for {batch} × {Spins} spins.", nameof(spins));
        var s = spins[..(batch * Spins)];
        s.Clear();
        var logits = _samplePre[^1];
        for (var i = 0; i < Spins; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadOnlySpan<float> input = s;
            for (var l = 0; l < Depth; l++)
            {
                var layer = _dense[l];
                var units = l == Depth - 1 ? 1 : Width;
                // Degree-i units read degrees < i of the spins (strict mask) or ≤ i of the previous hidden layer.
                var prefix = l == 0 ? i : (i + 1) * Width;
                var pre = _samplePre[l];
                layer.ForwardColumns(input, pre, batch, i * units, units, prefix);
                if (l == Depth - 1) break;
                var act = _sampleAct[l];
                for (var r = 0; r < batch; r++)
                {
                    var k = r * layer.OutputSize + i * units;
                    TensorPrimitives.Tanh(pre.AsSpan(k, units), act.AsSpan(k, units));
                }
                input = act;
            }
            for (var r = 0; r < batch; r++)
            {
                var pUp = 1f / (1f + MathF.Exp(-logits[r * Spins + i]));
                s[r * Spins + i] = rng.NextFloat() < pUp ? 1f : -1f;
            }
        }
    }

    /// <summary>The logits computed by the last <see cref="Sample"/> (batch × n).</summary>
    public ReadOnlySpan<float> SampledLogits(int batch) => _samplePre[^1].AsSpan(0, batch * Spins);
}
