using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compute.Numerics;

/// <summary>
/// The right operand B (depth × n) of a <see cref="TwoStateMatrix"/> product, laid out as panels of 32 columns: panel j
/// holds B[k, 32j .. 32j + 32) for every k as one contiguous run, its depth rounded up to a multiple of four and its
/// width to 32 with zeros. A product reads each panel front to back, which the hardware prefetcher follows; read
/// straight from row-major B the same 128-byte pieces lie n floats apart, and fetching them took as long as the sums.
/// Panels are laid out by the caller and the <see cref="HelperThread"/> at once. Repacking into the same instance
/// allocates nothing once its storage has grown to the largest size seen.
/// </summary>
public sealed class ColumnPanels
{
    /// <summary>Columns per panel.</summary>
    public const int Width = 32;

    // Below this many values one thread lays them out faster than two can be handed the work.
    private const long ParallelThreshold = 1L << 15;

    private float[] _data = [];
    private readonly PackingJob _job = new();

    /// <summary>Rows of B: the depth of the products.</summary>
    public int Depth { get; private set; }

    /// <summary>Columns of B and of the products' C.</summary>
    public int N { get; private set; }

    /// <summary>Rows stored per panel: the depth rounded up to whole groups of four.</summary>
    internal int PaddedDepth => (Depth + 3) / 4 * 4;

    internal int Count => (N + Width - 1) / Width;

    internal float[] Data => _data;

    /// <summary>Lays out B stored depth × n, or n × depth when <paramref name="transpose"/> (B is then the transpose of what is stored).</summary>
    public unsafe void Pack(ReadOnlySpan<float> b, int depth, int n, bool transpose = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (b.Length < (long)depth * n) throw new ArgumentException($"B needs {depth}×{n} values, has {b.Length}.", nameof(b));
        (Depth, N) = (depth, n);
        var length = checked(Count * PaddedDepth * Width);
        if (_data.Length < length) _data = GC.AllocateArray<float>(length, pinned: true);
        fixed (float* source = b, panels = _data)
        {
            _job.Set(source, panels, depth, n, PaddedDepth, transpose);
            HelperThread.Run(_job, allowHelper: (long)depth * n >= ParallelThreshold);
        }
    }

    /// <summary>Pieces that each write their own part of the panels.</summary>
    private sealed unsafe class PackingJob : IPieces
    {
        private float* _source, _panels;
        private int _depth, _n, _paddedDepth;
        private bool _transpose;

        /// <summary>Laid out from B's rows: two halves of them. From Xᵀ's: one panel per piece.</summary>
        public int PieceCount => _transpose ? (_n + Width - 1) / Width : 2;

        public void Set(float* source, float* panels, int depth, int n, int paddedDepth, bool transpose)
        {
            _source = source;
            _panels = panels;
            (_depth, _n, _paddedDepth, _transpose) = (depth, n, paddedDepth, transpose);
        }

        public void Compute(int piece)
        {
            if (!_transpose)
            {
                CopyRows(piece);
                return;
            }
            var panel = _panels + (long)piece * _paddedDepth * Width;
            var j0 = piece * Width;
            var width = Math.Min(Width, _n - j0);
            ClearPadding(panel, width);
            CopyColumns(panel, j0, width);
        }

        private void ClearPadding(float* panel, int width)
        {
            if (width < Width) new Span<float>(panel, _depth * Width).Clear();
            new Span<float>(panel + _depth * Width, (_paddedDepth - _depth) * Width).Clear();
        }

        /// <summary>
        /// Rows k of one half of B into every panel: B is read row by row, front to back (one panel's 128 bytes from each
        /// row, n floats apart, were fetched at a quarter of the speed). Each piece writes whole panel rows, zeros past
        /// n included; the second also zeroes the rows past the depth.
        /// </summary>
        private void CopyRows(int piece)
        {
            var panelLength = (long)_paddedDepth * Width;
            var panelCount = (_n + Width - 1) / Width;
            var wholePanels = _n / Width;
            if (piece == 1)
                for (var j = 0; j < panelCount; j++)
                    new Span<float>(_panels + j * panelLength + _depth * Width, (_paddedDepth - _depth) * Width).Clear();
            var from = piece * _depth / 2;
            var to = (piece + 1) * _depth / 2;
            for (var k = from; k < to; k++)
            {
                var source = _source + (long)k * _n;
                var target = _panels + (long)k * Width;
                var j = 0;
                for (; j < wholePanels; j++, source += Width, target += panelLength)
                {
                    Vector256.Store(Vector256.Load(source), target);
                    Vector256.Store(Vector256.Load(source + 8), target + 8);
                    Vector256.Store(Vector256.Load(source + 16), target + 16);
                    Vector256.Store(Vector256.Load(source + 24), target + 24);
                }
                var rest = _n - j * Width;
                if (rest == 0) continue;
                new ReadOnlySpan<float>(source, rest).CopyTo(new Span<float>(target, rest));
                new Span<float>(target + rest, Width - rest).Clear();
            }
        }

        /// <summary>B = Xᵀ with X stored n × depth: panel[k, c] = X[j0 + c, k], in 8 × 8 tiles transposed on registers.</summary>
        private void CopyColumns(float* panel, int j0, int width)
        {
            var depth = _depth;
            var tiledDepth = Avx.IsSupported ? depth / 8 * 8 : 0;
            var tiledWidth = Avx.IsSupported ? width / 8 * 8 : 0;
            for (var c0 = 0; c0 < tiledWidth; c0 += 8)
                for (var k0 = 0; k0 < tiledDepth; k0 += 8)
                    TransposeTile8(_source + (long)(j0 + c0) * depth + k0, depth, panel + k0 * Width + c0, Width);
            for (var c = 0; c < width; c++)
            {
                var x = _source + (long)(j0 + c) * depth;
                var kStart = c < tiledWidth ? tiledDepth : 0;
                for (var k = kStart; k < depth; k++) panel[k * Width + c] = x[k];
            }
        }
    }

    /// <summary>
    /// Stores the transpose of the 8 × 8 tile whose row i is the 8 floats at src + i·srcStride: its column q goes to
    /// dst + q·dstStride. Interleave 32-bit pairs, then 64-bit pairs within each 128-bit lane, then swap lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void TransposeTile8(float* src, long srcStride, float* dst, long dstStride)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + srcStride);
        var r2 = Avx.LoadVector256(src + 2 * srcStride);
        var r3 = Avx.LoadVector256(src + 3 * srcStride);
        var r4 = Avx.LoadVector256(src + 4 * srcStride);
        var r5 = Avx.LoadVector256(src + 5 * srcStride);
        var r6 = Avx.LoadVector256(src + 6 * srcStride);
        var r7 = Avx.LoadVector256(src + 7 * srcStride);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(u3, u7, 0x31));
    }
}
