using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace Compute.Numerics.Nn;

/// <summary>
/// PixelCNN masked convolution on an L×L lattice with zero padding (no wrap-around, which would break the
/// raster order): y[b, o, p] = b_o + Σ_{c, δ} W[o, c, δ]·M[δ]·x[b, c, p + δ] over offsets δ = (dy, dx) in a
/// (2k+1)×(2k+1) window, sites p = y·L + x in raster order. The mask keeps offsets before the centre in raster
/// order (dy &lt; 0, or dy = 0 and dx &lt; 0); type B also keeps the centre, type A (<paramref name="strict"/>, the
/// first layer) does not, so output p depends on inputs at sites &lt; p only. Tensors are batch-major:
/// [batch][channel][site] (with one channel the same as the spins). Parameters in the set: W [out][in][2k+1][2k+1]
/// then b [out]; masked weights get no gradient and never act.
/// Ref: van den Oord, Kalchbrenner &amp; Kavukcuoglu, ICML (2016), PixelRNN/PixelCNN; Wu, Wang &amp; Zhang, PRL 122 (2019).
/// </summary>
public sealed class MaskedConv2d<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterSet<T> _parameters;
    private readonly int _offset;
    private readonly (int Dy, int Dx, int Tap)[] _taps;
    private readonly T[] _live;
    private readonly T[] _liveGradient;
    private readonly T[] _columns;
    private readonly T[] _columnGradients;
    private readonly T[] _siteColumns;
    private readonly T[] _siteOutputs;

    public MaskedConv2d(ParameterSet<T> parameters, int size, int inChannels, int outChannels, int halfKernel, bool strict, int maxBatch)
        : base(inChannels * size * size, outChannels * size * size, maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(halfKernel, 0);
        Size = size;
        InChannels = inChannels;
        OutChannels = outChannels;
        HalfKernel = halfKernel;
        Strict = strict;
        var k = 2 * halfKernel + 1;
        var taps = new List<(int, int, int)>();
        for (var dy = -halfKernel; dy <= halfKernel; dy++)
            for (var dx = -halfKernel; dx <= halfKernel; dx++)
                if (dy < 0 || (dy == 0 && (dx < 0 || (dx == 0 && !strict))))
                    taps.Add((dy, dx, (dy + halfKernel) * k + dx + halfKernel));
        _taps = [.. taps];
        _live = new T[outChannels * inChannels * _taps.Length];
        _liveGradient = new T[_live.Length];
        _columns = new T[inChannels * _taps.Length * size * size];
        _columnGradients = new T[_columns.Length];
        _siteColumns = new T[maxBatch * inChannels * _taps.Length];
        _siteOutputs = new T[maxBatch * outChannels];
        _parameters = parameters;
        _offset = parameters.Allocate(checked(outChannels * inChannels * k * k + outChannels));
    }

    public int Size { get; }
    public int InChannels { get; }
    public int OutChannels { get; }
    public int HalfKernel { get; }
    public bool Strict { get; }
    private int KernelArea => (2 * HalfKernel + 1) * (2 * HalfKernel + 1);
    private int Sites => Size * Size;

    public override int ParameterCount => OutChannels * InChannels * KernelArea + OutChannels;

    /// <summary>Offset of W inside the parameter set; b follows the OutChannels·InChannels·(2k+1)² weights.</summary>
    public int WeightOffset => _offset;

    /// <summary>Whether weight index (o, c, tap) of the flat W block is kept by the mask.</summary>
    public bool IsLive(int weightIndex) => Array.Exists(_taps, t => t.Tap == weightIndex % KernelArea);

    private Span<T> Weights => _parameters.Values.AsSpan(_offset, OutChannels * InChannels * KernelArea);
    private Span<T> Bias => _parameters.Values.AsSpan(_offset + OutChannels * InChannels * KernelArea, OutChannels);
    private Span<T> WeightGradients => _parameters.Gradients.AsSpan(_offset, OutChannels * InChannels * KernelArea);
    private Span<T> BiasGradients => _parameters.Gradients.AsSpan(_offset + OutChannels * InChannels * KernelArea, OutChannels);

    /// <summary>U(−1/√f, 1/√f) over live weights with f = in·(live taps), zero on masked ones; same bound for b.</summary>
    public override void Initialize(ref Rng rng)
    {
        var bound = 1 / Math.Sqrt(Math.Max(1, InChannels * _taps.Length));
        var w = Weights;
        w.Clear();
        for (var oc = 0; oc < OutChannels * InChannels; oc++)
            foreach (var (_, _, tap) in _taps)
                w[oc * KernelArea + tap] = T.CreateTruncating((2 * rng.NextDouble() - 1) * bound);
        var b = Bias;
        for (var o = 0; o < OutChannels; o++) b[o] = T.CreateTruncating((2 * rng.NextDouble() - 1) * bound);
    }

    /// <summary>
    /// Outputs of all channels at one site for <paramref name="batch"/> samples, written into <paramref name="y"/>
    /// (the [batch][channel][site] layout; other entries untouched). Reads only sites before it (and itself for
    /// type B), which is what ancestral sampling has fixed when it reaches that site.
    /// </summary>
    // Hot loop: short runs would otherwise spend most of their time in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ForwardSite(ReadOnlySpan<T> x, Span<T> y, int batch, int site)
    {
        if ((uint)site >= (uint)Sites) throw new ArgumentOutOfRangeException(nameof(site));
        if ((uint)batch > (uint)MaxBatch) throw new ArgumentOutOfRangeException(nameof(batch));
        if (x.Length < batch * InputSize || y.Length < batch * OutputSize) throw new ArgumentException($"Tensors too short for {batch} samples.");
        var live = GatherLiveWeights();
        var k = InChannels * _taps.Length;
        int py = site / Size, px = site % Size;
        // One row per sample of the inputs this site reads, then [batch × out] = rows·W̃ᵀ as one GEMM.
        var rows = _siteColumns.AsSpan(0, batch * k);
        for (var s = 0; s < batch; s++)
            for (var c = 0; c < InChannels; c++)
            {
                var plane = x.Slice((s * InChannels + c) * Sites, Sites);
                for (var t = 0; t < _taps.Length; t++)
                {
                    int qy = py + _taps[t].Dy, qx = px + _taps[t].Dx;
                    rows[s * k + c * _taps.Length + t] = (uint)qy < (uint)Size && (uint)qx < (uint)Size ? plane[qy * Size + qx] : T.Zero;
                }
            }
        var outputs = _siteOutputs.AsSpan(0, batch * OutChannels);
        NnMath<T>.Multiply(rows, live, outputs, batch, OutChannels, k, transposeB: true);
        ReadOnlySpan<T> bias = Bias;
        for (var s = 0; s < batch; s++)
            for (var o = 0; o < OutChannels; o++)
                y[(s * OutChannels + o) * Sites + site] = outputs[s * OutChannels + o] + bias[o];
    }

    // Both passes run per sample as GEMMs over an im2col matrix of the live taps:
    // columns X̃ [(c, t) × site] = x[c, site + δ_t] (0 outside), so y = W̃·X̃ + b with W̃ [out × (c, t)],
    // ∂W̃ += ∂y·X̃ᵀ and ∂X̃ = W̃ᵀ·∂y, scattered back onto ∂x (col2im).
    protected override void ForwardCore(ReadOnlySpan<T> x, Span<T> y, int batch)
    {
        var live = GatherLiveWeights();
        ReadOnlySpan<T> bias = Bias;
        var k = InChannels * _taps.Length;
        for (var s = 0; s < batch; s++)
        {
            BuildColumns(x.Slice(s * InputSize, InputSize));
            var ys = y.Slice(s * OutputSize, OutputSize);
            NnMath<T>.Multiply(live, _columns, ys, OutChannels, Sites, k);
            for (var o = 0; o < OutChannels; o++)
            {
                var plane = ys.Slice(o * Sites, Sites);
                TensorPrimitives.Add(plane, bias[o], plane);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void BackwardCore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch)
    {
        var live = GatherLiveWeights();
        var k = InChannels * _taps.Length;
        var liveGradient = _liveGradient.AsSpan();
        liveGradient.Clear();
        var db = BiasGradients;
        for (var s = 0; s < batch; s++)
        {
            BuildColumns(x.Slice(s * InputSize, InputSize));
            var g = dy.Slice(s * OutputSize, OutputSize);
            NnMath<T>.Multiply(g, _columns, liveGradient, OutChannels, k, Sites, transposeB: true, beta: 1f);
            NnMath<T>.Multiply(live, g, _columnGradients, k, Sites, OutChannels, transposeA: true);
            for (var o = 0; o < OutChannels; o++) db[o] += TensorPrimitives.Sum(g.Slice(o * Sites, Sites));
            // col2im: each column plane goes back to the input sites it was read from.
            var dxs = dx.Slice(s * InputSize, InputSize);
            dxs.Clear();
            for (var c = 0; c < InChannels; c++)
            {
                var planeGradient = dxs.Slice(c * Sites, Sites);
                for (var t = 0; t < _taps.Length; t++)
                {
                    var (oy, ox, _) = _taps[t];
                    var column = _columnGradients.AsSpan((c * _taps.Length + t) * Sites, Sites);
                    int x0 = Math.Max(0, -ox), x1 = Math.Min(Size, Size - ox);
                    for (var row = Math.Max(0, -oy); row < Math.Min(Size, Size - oy); row++)
                    {
                        var target = planeGradient.Slice((row + oy) * Size + x0 + ox, x1 - x0);
                        TensorPrimitives.Add(target, column.Slice(row * Size + x0, x1 - x0), target);
                    }
                }
            }
        }
        var dw = WeightGradients;
        for (var o = 0; o < OutChannels; o++)
            for (var c = 0; c < InChannels; c++)
                for (var t = 0; t < _taps.Length; t++)
                    dw[(o * InChannels + c) * KernelArea + _taps[t].Tap] += liveGradient[o * k + c * _taps.Length + t];
    }

    /// <summary>W̃ [out × (c, t)]: the live taps of W, contiguous.</summary>
    private ReadOnlySpan<T> GatherLiveWeights()
    {
        ReadOnlySpan<T> w = Weights;
        var k = InChannels * _taps.Length;
        for (var o = 0; o < OutChannels; o++)
            for (var c = 0; c < InChannels; c++)
                for (var t = 0; t < _taps.Length; t++)
                    _live[o * k + c * _taps.Length + t] = w[(o * InChannels + c) * KernelArea + _taps[t].Tap];
        return _live;
    }

    /// <summary>X̃ [(c, t) × site] = x[c, site + δ_t] of one sample, zero where the shifted site leaves the lattice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildColumns(ReadOnlySpan<T> x)
    {
        var columns = _columns.AsSpan();
        columns.Clear();
        for (var c = 0; c < InChannels; c++)
        {
            var plane = x.Slice(c * Sites, Sites);
            for (var t = 0; t < _taps.Length; t++)
            {
                var (dy, dx, _) = _taps[t];
                var column = columns.Slice((c * _taps.Length + t) * Sites, Sites);
                int x0 = Math.Max(0, -dx), x1 = Math.Min(Size, Size - dx);
                for (var row = Math.Max(0, -dy); row < Math.Min(Size, Size - dy); row++)
                    plane.Slice((row + dy) * Size + x0 + dx, x1 - x0).CopyTo(column.Slice(row * Size + x0, x1 - x0));
            }
        }
    }
}
