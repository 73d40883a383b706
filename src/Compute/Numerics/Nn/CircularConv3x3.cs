using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace Compute.Numerics.Nn;

/// <summary>
/// 3×3 convolution with circular (periodic) padding on L×L tori, multi-channel, on channel-planar tensors
/// ([channel][batch][site], site = row·L + column). Effectively, as PyTorch's Conv2d(padding_mode="circular"):
/// y[o][b][r,c] = bias[o] + Σ_i Σ_{dr,dc ∈ {−1,0,1}} W[o][i][dr+1][dc+1] · x[i][b][(r+dr) mod L, (c+dc) mod L].
/// Computed as im2col + one GEMM per pass: Cols [(in·9) × (batch·L²)] holds the shifted planes, y = W·Cols.
/// The shifted planes are built by whole-batch block copies (a row shift, then a column shift with a fix-up of
/// the wrapped column), not per-site gathers: at L = 8 that is several times cheaper.
/// Backward: ∂W += ∂y·Colsᵀ, ∂b += Σ ∂y over each plane, ∂Cols = Wᵀ·∂y folded back by the inverse shifts.
/// Float on the 8×8 torus (the standard φ⁴ flow) skips Cols altogether: <see cref="TorusConv8"/> convolves directly.
/// Parameters in the set: W [out × in × 3 × 3] then b [out].
/// Ref: Albergo, Kanwar &amp; Shanahan, PRD 100 (2019) and arXiv:2101.08176 (the conditioner CNNs).
/// </summary>
public sealed class CircularConv3x3<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Taps = 9;
    private readonly ParameterSet<T> _parameters;
    private readonly int _offset;
    private readonly int _sites;
    private readonly T[] _shiftA;
    private readonly T[] _shiftB;
    private readonly int _colsLength;

    // One im2col buffer pair per thread, shared by every convolution: a flow has dozens of conv layers, and private
    // megabyte-sized Cols per layer would stream the whole set through DRAM each step. Backward rebuilds Cols from x.
    [ThreadStatic] private static T[]? _sharedCols;
    [ThreadStatic] private static T[]? _sharedColsGradient;
    [ThreadStatic] private static float[]? _sharedShifted;
    [ThreadStatic] private static float[]? _sharedPartial;
    [ThreadStatic] private static float[]? _sharedReflected;

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
        _shiftA = new T[_sites * maxBatch];
        _shiftB = new T[_sites * maxBatch];
        _colsLength = checked(inChannels * Taps * _sites * maxBatch);
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

    private static Span<TElement> Shared<TElement>(ref TElement[]? buffer, int length) => Shared(ref buffer, length, length);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Span<TElement> Shared<TElement>(ref TElement[]? buffer, int length, int used)
    {
        if (buffer is null || buffer.Length < length) buffer = new TElement[length];
        return buffer.AsSpan(0, used);
    }

    /// <summary>Float on the 8×8 torus runs the direct kernel (<see cref="TorusConv8"/>); everything else im2col + GEMM.</summary>
    private bool Direct => typeof(T) == typeof(float) && L == 8 && TorusConv8.IsSupported;

    protected override void ForwardCore(ReadOnlySpan<T> x, Span<T> y, int batch)
    {
        if (Direct)
        {
            var shifted = Shared(ref _sharedShifted, TorusConv8.ShiftedLength(InChannels));
            TorusConv8.Forward(AsFloat(x), AsFloat(Weights), AsFloat(Bias), AsFloat(y), InChannels, OutChannels, batch, shifted);
            return;
        }
        var plane = batch * _sites;
        var cols = Shared(ref _sharedCols, _colsLength, InChannels * Taps * plane);
        Im2Col(x, cols, batch);
        NnMath<T>.Multiply(Weights, cols, y, OutChannels, plane, InChannels * Taps);
        ReadOnlySpan<T> bias = Bias;
        for (var o = 0; o < OutChannels; o++)
        {
            var p = y.Slice(o * plane, plane);
            TensorPrimitives.Add(p, bias[o], p);
        }
    }

    private static Span<float> AsFloat(Span<T> values) => MemoryMarshal.Cast<T, float>(values);
    private static ReadOnlySpan<float> AsFloat(ReadOnlySpan<T> values) => MemoryMarshal.Cast<T, float>(values);

    /// <summary>Cols row (i, dr, dc) = input plane i shifted by (dr, dc) on every sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Im2Col(ReadOnlySpan<T> x, Span<T> cols, int batch)
    {
        var plane = batch * _sites;
        var rowShifted = _shiftA.AsSpan(0, plane);
        for (var i = 0; i < InChannels; i++)
        {
            var src = x.Slice(i * plane, plane);
            for (var dr = -1; dr <= 1; dr++)
            {
                ShiftRows(src, rowShifted, dr, batch);
                for (var dc = -1; dc <= 1; dc++)
                    ShiftColumns(rowShifted, cols.Slice((i * Taps + (dr + 1) * 3 + dc + 1) * plane, plane), dc);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void BackwardCore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int batch)
    {
        if (Direct)
        {
            var g = AsFloat(_parameters.Gradients.AsSpan(_offset, ParameterCount));
            var shifted = Shared(ref _sharedShifted, TorusConv8.ShiftedLength(Math.Max(InChannels, OutChannels)));
            var partial = Shared(ref _sharedPartial, WeightCount * 8);
            TorusConv8.WeightGradient(AsFloat(x), AsFloat(dy), g[..WeightCount], g[WeightCount..], InChannels, OutChannels, batch, shifted, partial);
            var reflected = Shared(ref _sharedReflected, WeightCount);
            TorusConv8.ReflectTransposed(AsFloat(Weights), reflected, InChannels, OutChannels);
            TorusConv8.Forward(AsFloat(dy), reflected, [], AsFloat(dx), OutChannels, InChannels, batch, shifted);
            return;
        }
        var plane = batch * _sites;
        var k = InChannels * Taps;
        var cols = Shared(ref _sharedCols, _colsLength, k * plane);
        Im2Col(x, cols, batch);
        var grads = _parameters.Gradients.AsSpan(_offset, ParameterCount);
        NnMath<T>.Multiply(dy, cols, grads[..WeightCount], OutChannels, k, plane, transposeB: true, beta: 1f);
        var db = grads[WeightCount..];
        for (var o = 0; o < OutChannels; o++) db[o] += TensorPrimitives.Sum(dy.Slice(o * plane, plane));

        var dCols = Shared(ref _sharedColsGradient, _colsLength, k * plane);
        NnMath<T>.Multiply(Weights, dy, dCols, k, plane, OutChannels, transposeA: true);
        // x[r, c] entered Cols row (i, dr, dc) at (r − dr, c − dc): undo the column shift, sum over dc, then undo the row shift.
        var rowSum = _shiftA.AsSpan(0, plane);
        var temp = _shiftB.AsSpan(0, plane);
        for (var i = 0; i < InChannels; i++)
        {
            var dest = dx.Slice(i * plane, plane);
            for (var dr = -1; dr <= 1; dr++)
            {
                var tapRow = (i * Taps + (dr + 1) * 3) * plane;
                ShiftColumns(dCols.Slice(tapRow, plane), rowSum, 1);
                TensorPrimitives.Add(rowSum, dCols.Slice(tapRow + plane, plane), rowSum);
                ShiftColumns(dCols.Slice(tapRow + 2 * plane, plane), temp, -1);
                TensorPrimitives.Add(rowSum, temp, rowSum);
                if (dr == -1)
                {
                    ShiftRows(rowSum, dest, 1, batch);
                }
                else
                {
                    ShiftRows(rowSum, temp, -dr, batch);
                    TensorPrimitives.Add(dest, temp, dest);
                }
            }
        }
    }

    /// <summary>dst[b][r][c] = src[b][(r + dr) mod L][c] for every sample: two block copies per sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ShiftRows(ReadOnlySpan<T> src, Span<T> dst, int dr, int batch)
    {
        if (dr == 0)
        {
            src.CopyTo(dst);
            return;
        }
        var v = _sites;
        var l = L;
        for (var b = 0; b < batch; b++)
        {
            var s = src.Slice(b * v, v);
            var d = dst.Slice(b * v, v);
            if (dr > 0)
            {
                // Rows 1..L−1 move up by one; row 0 wraps to the bottom.
                s[l..].CopyTo(d);
                s[..l].CopyTo(d[(v - l)..]);
            }
            else
            {
                s[..(v - l)].CopyTo(d[l..]);
                s[(v - l)..].CopyTo(d);
            }
        }
    }

    /// <summary>dst[row][c] = src[row][(c + dc) mod L] for every row of the whole batch: one long copy, then the wrapped column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ShiftColumns(ReadOnlySpan<T> src, Span<T> dst, int dc)
    {
        var n = src.Length;
        var l = L;
        if (dc == 0)
        {
            src.CopyTo(dst);
        }
        else if (dc > 0)
        {
            // Shifting the flat array by one is right for every column but the last of each row, fixed below.
            src[1..].CopyTo(dst);
            for (var row = 0; row < n; row += l) dst[row + l - 1] = src[row];
        }
        else
        {
            src[..(n - 1)].CopyTo(dst[1..]);
            for (var row = 0; row < n; row += l) dst[row] = src[row + l - 1];
        }
    }
}
