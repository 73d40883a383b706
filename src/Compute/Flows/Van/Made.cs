using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Flows.Van;

/// <summary>
/// MADE over n spins: masked dense layers n → w·n → … → w·n → n with tanh between them give the logits
/// a_i(s_&lt;i). Hidden units carry degrees 0 … n−1 (w units per degree); the first mask is strict and the
/// others are not, so a_i depends on s_&lt;i only and q is normalized by construction. Depth 1 is the fully
/// visible sigmoid belief net (one strict n → n layer).
/// Ref: Wu, Wang &amp; Zhang, PRL 122, 080602 (2019); Germain et al., ICML (2015).
/// </summary>
public sealed class Made : AutoregressiveNetwork
{
    private readonly MaskedDense<float>[] _dense;
    private readonly Sequential<float> _network;
    private readonly float[][] _samplePre;   // per masked layer, batch × out, filled degree by degree while sampling
    private readonly float[][] _sampleAct;   // tanh of the hidden ones

    /// <param name="spins">n, the number of binary variables.</param>
    /// <param name="depth">Number of masked layers (1 = no hidden layer).</param>
    /// <param name="width">Hidden units per degree (hidden layers have width·n units).</param>
    /// <param name="maxBatch">Largest batch any call will use.</param>
    public Made(int spins, int depth, int width, int maxBatch) : base(spins, maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Depth = depth;
        Width = width;
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
    }

    public int Depth { get; }
    public int Width { get; }
    public IReadOnlyList<MaskedDense<float>> MaskedLayers => _dense;

    public override void Initialize(ref Rng rng) => _network.Initialize(ref rng);

    public override ReadOnlySpan<float> Forward(ReadOnlySpan<float> spins, int batch) => _network.Forward(spins, batch);

    public override void Backward(ReadOnlySpan<float> spins, ReadOnlySpan<float> logitGradients, int batch) =>
        _network.Backward(spins, logitGradients, batch);

    /// <summary>
    /// For i = 0 … n−1 the units of degree i of every layer are computed from already fixed ones (each reads
    /// only the input prefix its mask allows), then s_i is drawn: about one forward pass in all.
    /// </summary>
    // Hot loop: short runs would otherwise spend most of their time in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Sample(ref Rng rng, Span<float> spins, int batch, CancellationToken cancellationToken)
    {
        var s = PrepareSample(spins, batch);
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
            DrawSpin(ref rng, s, _samplePre[^1], batch, i);
        }
    }

    public override ReadOnlySpan<float> SampledLogits(int batch) => _samplePre[^1].AsSpan(0, batch * Spins);
}
