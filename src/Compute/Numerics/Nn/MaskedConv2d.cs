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
    public void ForwardSite(ReadOnlySpan<T> x, Span<T> y, int batch, int site)
    {
        if ((uint)site >= (uint)Sites) throw new ArgumentOutOfRangeException(nameof(site));
        if (x.Length < batch * InputSize || y.Length < batch * OutputSize) throw new ArgumentException($"Tensors too short for {batch} samples.");
        ReadOnlySpan<T> w = Weights;
        ReadOnlySpan<T> bias = Bias;
        int py = site / Size, px = site % Size;
        for (var s = 0; s < batch; s++)
            for (var o = 0; o < OutChannels; o++)
            {
                var sum = bias[o];
                for (var c = 0; c < InChannels; c++)
                {
                    var plane = x.Slice((s * InChannels + c) * Sites, Sites);
                    var kernel = w.Slice((o * InChannels + c) * KernelArea, KernelArea);
                    foreach (var (dy, dx, tap) in _taps)
                    {
                        int qy = py + dy, qx = px + dx;
                        if ((uint)qy < (uint)Size && (uint)qx < (uint)Size) sum += kernel[tap] * plane[qy * Size + qx];
                    }
                }
                y[(s * OutChannels + o) * Sites + site] = sum;
            }
    }

    protected override void ForwardCore(ReadOnlySpan<T> x, Span<T> y, int batch)
    {
        ReadOnlySpan<T> w = Weights;
        ReadOnlySpan<T> bias = Bias;
        for (var s = 0; s < batch; s++)
            for (var o = 0; o < OutChannels; o++)
            {
                var output = y.Slice((s * OutChannels + o) * Sites, Sites);
                output.Fill(bias[o]);
                for (var c = 0; c < InChannels; c++)
                {
                    var plane = x.Slice((s * InChannels + c) * Sites, Sites);
                    var kernel = w.Slice((o * InChannels + c) * KernelArea, KernelArea);
                    foreach (var (dy, dx, tap) in _taps)
                    {
                        var weight = kernel[tap];
                        // Columns whose shifted partner lies inside the lattice; zero padding elsewhere.
                        int x0 = Math.Max(0, -dx), x1 = Math.Min(Size, Size - dx);
                        for (var row = Math.Max(0, -dy); row < Math.Min(Size, Size - dy); row++)
                            TensorPrimitives.MultiplyAdd(plane.Slice((row + dy) * Size + x0 + dx, x1 - x0), weight,
                                output.Slice(row * Size + x0, x1 - x0), output.Slice(row * Size + x0, x1 - x0));
                    }
                }
            }
    }

    protected override void BackwardCore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch)
    {
        ReadOnlySpan<T> w = Weights;
        var dw = WeightGradients;
        var db = BiasGradients;
        dx.Clear();
        for (var s = 0; s < batch; s++)
            for (var o = 0; o < OutChannels; o++)
            {
                var g = dy.Slice((s * OutChannels + o) * Sites, Sites);
                db[o] += TensorPrimitives.Sum(g);
                for (var c = 0; c < InChannels; c++)
                {
                    var plane = x.Slice((s * InChannels + c) * Sites, Sites);
                    var planeGradient = dx.Slice((s * InChannels + c) * Sites, Sites);
                    var k0 = (o * InChannels + c) * KernelArea;
                    foreach (var (oy, ox, tap) in _taps)
                    {
                        var weight = w[k0 + tap];
                        int x0 = Math.Max(0, -ox), x1 = Math.Min(Size, Size - ox);
                        var sum = T.Zero;
                        for (var row = Math.Max(0, -oy); row < Math.Min(Size, Size - oy); row++)
                        {
                            var gRow = g.Slice(row * Size + x0, x1 - x0);
                            var src = (row + oy) * Size + x0 + ox;
                            // ∂W = Σ ∂y·x at the shifted site; ∂x at the shifted site += W·∂y.
                            sum += TensorPrimitives.Dot(gRow, plane.Slice(src, x1 - x0));
                            TensorPrimitives.MultiplyAdd(gRow, weight, planeGradient.Slice(src, x1 - x0), planeGradient.Slice(src, x1 - x0));
                        }
                        dw[k0 + tap] += sum;
                    }
                }
            }
    }
}
