using System.Runtime.CompilerServices;
using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Flows.Van;

/// <summary>
/// A small PixelCNN over the L×L lattice (spins in raster order): masked convolutions with (2k+1)² kernels and
/// zero padding — type A (1 → C channels), then type B (C → C) hidden layers, then type B (C → 1) logits — with
/// tanh between them. The type-A first mask makes logit p a function of spins at sites &lt; p only.
/// Depth 1 is a single type-A layer 1 → 1.
/// Ref: van den Oord et al., ICML (2016); Wu, Wang &amp; Zhang, PRL 122, 080602 (2019).
/// </summary>
public sealed class PixelCnn : AutoregressiveNetwork
{
    private readonly MaskedConv2d<float>[] _conv;
    private readonly Sequential<float> _network;
    private readonly float[][] _samplePre;   // per conv layer, [batch][channel][site], filled site by site while sampling
    private readonly float[][] _sampleAct;

    /// <param name="size">L; the network models L² spins.</param>
    /// <param name="depth">Number of masked convolutions.</param>
    /// <param name="channels">Hidden channels C.</param>
    /// <param name="halfKernel">k: kernels are (2k+1)×(2k+1).</param>
    public PixelCnn(int size, int depth, int channels, int halfKernel, int maxBatch) : base(size * size, maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Size = size;
        Depth = depth;
        Channels = channels;
        HalfKernel = halfKernel;
        _conv = new MaskedConv2d<float>[depth];
        var layers = new List<Layer<float>>();
        for (var l = 0; l < depth; l++)
        {
            var inChannels = l == 0 ? 1 : channels;
            var outChannels = l == depth - 1 ? 1 : channels;
            _conv[l] = new MaskedConv2d<float>(Parameters, size, inChannels, outChannels, halfKernel, strict: l == 0, maxBatch);
            layers.Add(_conv[l]);
            if (l < depth - 1) layers.Add(new Tanh<float>(_conv[l].OutputSize, maxBatch));
        }
        _network = new Sequential<float>([.. layers]);
        _samplePre = _conv.Select(c => new float[maxBatch * c.OutputSize]).ToArray();
        _sampleAct = _conv.Take(depth - 1).Select(c => new float[maxBatch * c.OutputSize]).ToArray();
    }

    public int Size { get; }
    public int Depth { get; }
    public int Channels { get; }
    public int HalfKernel { get; }

    public override void Initialize(ref Rng rng) => _network.Initialize(ref rng);

    public override ReadOnlySpan<float> Forward(ReadOnlySpan<float> spins, int batch) => _network.Forward(spins, batch);

    public override void Backward(ReadOnlySpan<float> spins, ReadOnlySpan<float> logitGradients, int batch) =>
        _network.Backward(spins, logitGradients, batch);

    /// <summary>
    /// Site by site: every layer's outputs at site p need only sites ≤ p of the layer below (sites &lt; p of the
    /// spins), all fixed by then, so sampling costs about one forward pass.
    /// </summary>
    // Hot loop: short runs would otherwise spend most of their time in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Sample(ref Rng rng, Span<float> spins, int batch, CancellationToken cancellationToken)
    {
        var s = PrepareSample(spins, batch);
        var sites = Spins;
        for (var p = 0; p < sites; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadOnlySpan<float> input = s;
            for (var l = 0; l < Depth; l++)
            {
                var pre = _samplePre[l];
                _conv[l].ForwardSite(input, pre, batch, p);
                if (l == Depth - 1) break;
                var act = _sampleAct[l];
                for (var k = p; k < batch * Channels * sites; k += sites) act[k] = MathF.Tanh(pre[k]);
                input = act;
            }
            DrawSpin(ref rng, s, _samplePre[^1], batch, p);
        }
    }

    public override ReadOnlySpan<float> SampledLogits(int batch) => _samplePre[^1].AsSpan(0, batch * Spins);
}
