using System.Numerics;
using System.Numerics.Tensors;

namespace Compute.Numerics.Nn;

/// <summary>
/// 3×3 convolution with circular (periodic) padding on L×L tori, multi-channel, on channel-planar tensors
/// ([channel][batch][site], site = row·L + column). Effectively, as PyTorch's Conv2d(padding_mode="circular"):
/// y[o][b][r,c] = bias[o] + Σ_i Σ_{dr,dc ∈ {−1,0,1}} W[o][i][dr+1][dc+1] · x[i][b][(r+dr) mod L, (c+dc) mod L].
/// Computed as im2col + one GEMM per pass: Cols [(in·9) × (batch·L²)] holds the shifted planes, y = W·Cols.
/// Backward: ∂W += ∂y·Colsᵀ, ∂b += Σ ∂y over each plane, ∂Cols = Wᵀ·∂y folded back by the inverse shifts.
/// Parameters in the set: W [out × in × 3 × 3] then b [out].
/// Ref: Albergo, Kanwar &amp; Shanahan, PRD 100 (2019) and arXiv:2101.08176 (the conditioner CNNs).
/// </summary>
public sealed class CircularConv3x3<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Taps = 9;
    private readonly ParameterSet<T> _parameters;
    private readonly int _offset;
    private readonly int _sites;
    private readonly int[] _neighbor; // _neighbor[tap·V + x] = site x shifted by tap's (dr, dc); tap = (dr+1)·3 + (dc+1)
    private readonly T[] _cols;
    private readonly T[] _colsGradient;

    public CircularConv3x3(ParameterSet<T> parameters, int length, int inChannels, int outChannels, int maxBatch)
        : base(checked(inChannels * length * length), checked(outChannels * length * length), maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        L = length;
        InChannels = inChannels;
        OutChannels = outChannels;
        _sites = length * length;
        _parameters = parameters;
        _offset = parameters.Allocate(checked(outChannels * inChannels * Taps + outChannels));
        _neighbor = new int[Taps * _sites];
        for (var tap = 0; tap < Taps; tap++)
        {
            int dr = tap / 3 - 1, dc = tap % 3 - 1;
            for (var r = 0; r < L; r++)
            for (var c = 0; c < L; c++)
                _neighbor[tap * _sites + r * L + c] = (r + dr + L) % L * L + (c + dc + L) % L;
        }
        _cols = new T[checked(inChannels * Taps * _sites * maxBatch)];
        _colsGradient = new T[_cols.Length];
    }

    public int L { get; }
    public int InChannels { get; }
    public int OutChannels { get; }

    public override int ParameterCount => OutChannels * InChannels * Taps + OutChannels;

    private int WeightCount => OutChannels * InChannels * Taps;
    private Span<T> Weights => _parameters.Values.AsSpan(_offset, WeightCount);
    private Span<T> Bias => _parameters.Values.AsSpan(_offset + WeightCount, OutChannels);

    /// <summary>W, b ~ U(−1/√(9·in), 1/√(9·in)) (PyTorch's default for Conv2d).</summary>
    public override void Initialize(ref Rng rng)
    {
        var bound = 1 / Math.Sqrt(InChannels * Taps);
        NnMath<T>.FillUniform(Weights, bound, ref rng);
        NnMath<T>.FillUniform(Bias, bound, ref rng);
    }

    protected override void ForwardCore(ReadOnlySpan<T> x, Span<T> y, int batch)
    {
        var plane = batch * _sites;
        var cols = _cols.AsSpan(0, InChannels * Taps * plane);
        for (var i = 0; i < InChannels; i++)
        for (var tap = 0; tap < Taps; tap++)
        {
            var shift = _neighbor.AsSpan(tap * _sites, _sites);
            var dest = cols.Slice((i * Taps + tap) * plane, plane);
            var src = x.Slice(i * plane, plane);
            for (var b = 0; b < batch; b++)
            {
                var d = dest.Slice(b * _sites, _sites);
                var s = src.Slice(b * _sites, _sites);
                for (var site = 0; site < d.Length; site++) d[site] = s[shift[site]];
            }
        }
        NnMath<T>.Multiply(Weights, cols, y, OutChannels, plane, InChannels * Taps);
        ReadOnlySpan<T> bias = Bias;
        for (var o = 0; o < OutChannels; o++)
        {
            var p = y.Slice(o * plane, plane);
            TensorPrimitives.Add(p, bias[o], p);
        }
    }

    protected override void BackwardCore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch)
    {
        var plane = batch * _sites;
        var k = InChannels * Taps;
        var cols = _cols.AsSpan(0, k * plane);
        var grads = _parameters.Gradients.AsSpan(_offset, ParameterCount);
        NnMath<T>.Multiply(dy, cols, grads[..WeightCount], OutChannels, k, plane, transposeB: true, beta: 1f);
        var db = grads[WeightCount..];
        for (var o = 0; o < OutChannels; o++) db[o] += TensorPrimitives.Sum(dy.Slice(o * plane, plane));

        var dCols = _colsGradient.AsSpan(0, k * plane);
        NnMath<T>.Multiply(Weights, dy, dCols, k, plane, OutChannels, transposeA: true);
        dx.Clear();
        for (var i = 0; i < InChannels; i++)
        for (var tap = 0; tap < Taps; tap++)
        {
            // x[site] entered Cols row (i, tap) at the site shifted by −(dr, dc), i.e. by the opposite tap 8 − tap.
            var back = _neighbor.AsSpan((Taps - 1 - tap) * _sites, _sites);
            var src = dCols.Slice((i * Taps + tap) * plane, plane);
            var dest = dx.Slice(i * plane, plane);
            for (var b = 0; b < batch; b++)
            {
                var d = dest.Slice(b * _sites, _sites);
                var s = src.Slice(b * _sites, _sites);
                for (var site = 0; site < d.Length; site++) d[site] += s[back[site]];
            }
        }
    }
}
