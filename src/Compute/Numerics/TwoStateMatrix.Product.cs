using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Compute.Numerics;

public sealed partial class TwoStateMatrix
{
    // C is computed in column blocks of 32 (four Vector256 per table entry) and row slabs of 128. The tables of 8 groups
    // (8 × 16 entries × 32 floats = 16 KiB) and the slab's running sums (128 × 32 floats = 16 KiB, contiguous) share L1
    // while every row of the slab looks the tables up. Summing into C itself between blocks of groups made the RBM's
    // products about 1.5× slower: C's rows are n floats apart, so for n = 512 a block's rows all fall into four L1 sets.
    private const int BlockColumns = ColumnPanels.Width;
    private const int BlockGroups = 8;
    private const int SlabRows = 128;
    private const int Entries = 16;
    private const int TableLength = BlockGroups * Entries * BlockColumns;
    private const int SumsLength = SlabRows * BlockColumns;

    // Below this many vector look-ups (≈ 15 µs) one thread is faster than handing half to the helper.
    private const long ParallelThreshold = 1L << 15;

    /// <summary>
    /// C = α·S·B + β·C for B laid out in <see cref="ColumnPanels"/> (depth × n) and C stored rows × n, row-major. Each entry of
    /// C is one running sum over the groups of four in ascending order, scaled by α at the end, whatever the thread split:
    /// results are bit-identical with one thread or two. β = 0 ignores what C held. A call allocates nothing once each
    /// thread has its table storage.
    /// </summary>
    public void Multiply(ColumnPanels b, Span<float> c, float alpha = 1f, float beta = 0f) =>
        Multiply(b, c, alpha, beta, allowHelper: true);

    /// <summary>As the public overload; <paramref name="allowHelper"/> false keeps every column block on the calling thread.</summary>
    internal unsafe void Multiply(ColumnPanels b, Span<float> c, float alpha, float beta, bool allowHelper)
    {
        var n = b.N;
        if (b.Depth != Depth) throw new ArgumentException($"B has {b.Depth} rows, S has {Depth} columns.", nameof(b));
        if (c.Length < (long)Rows * n) throw new ArgumentException($"C needs {Rows}×{n} values, has {c.Length}.", nameof(c));
        if (Rows == 0 || n == 0) return;
        var cm = c[..(Rows * n)];
        if (Depth == 0 || alpha == 0f)
        {
            if (beta == 0f) cm.Clear();
            else System.Numerics.Tensors.TensorPrimitives.Multiply(cm, beta, cm);
            return;
        }
        fixed (float* pb = b.Data, pc = c)
        fixed (byte* patterns = _patterns)
        {
            var job = _job ??= new ProductJob();
            job.Set(this, patterns, pb, pc, n, alpha, beta);
            HelperThread.Run(job, allowHelper && (long)Rows * Groups * ((n + 7) / 8) >= ParallelThreshold);
        }
    }

    [ThreadStatic] private static ProductJob? _job;
    [ThreadStatic] private static float[]? _scratch;

    /// <summary>One column block of C per piece; each piece writes only its own columns.</summary>
    private sealed unsafe class ProductJob : IPieces
    {
        private byte* _patterns;
        private float* _b, _c;
        private int _rows, _depth, _n;
        private float _alpha, _beta, _down, _up;

        public int PieceCount => (_n + BlockColumns - 1) / BlockColumns;

        public void Set(TwoStateMatrix s, byte* patterns, float* b, float* c, int n, float alpha, float beta)
        {
            _patterns = patterns;
            _b = b;
            _c = c;
            (_n, _alpha, _beta) = (n, alpha, beta);
            (_rows, _depth, _down, _up) = (s.Rows, s.Depth, s.Down, s.Up);
        }

        public void Compute(int piece)
        {
            // Tables and sums start on a cache line: a 32-byte load that straddled two lines would cost two.
            var scratch = _scratch ??= GC.AllocateArray<float>(TableLength + SumsLength + 16, pinned: true);
            var j0 = piece * BlockColumns;
            var width = Math.Min(BlockColumns, _n - j0);
            var groups = (_depth + 3) / 4;
            fixed (float* unaligned = scratch)
            {
                var table = (float*)(((nint)unaligned + 63) & ~(nint)63);
                var sums = table + TableLength;
                for (var r0 = 0; r0 < _rows; r0 += SlabRows)
                {
                    var slabEnd = Math.Min(_rows, r0 + SlabRows);
                    for (var g0 = 0; g0 < groups; g0 += BlockGroups)
                    {
                        var count = Math.Min(BlockGroups, groups - g0);
                        BuildTables(table, _b + (long)piece * groups * 4 * BlockColumns + g0 * 4 * BlockColumns, count);
                        var block = new Block(table, count, _rows, _n, width, _alpha, _beta, first: g0 == 0, last: g0 + count == groups);
                        var patterns = _patterns + (long)g0 * _rows;
                        var r = r0;
                        for (; r + 2 <= slabEnd; r += 2)
                            SumPair(block, patterns + r, sums + (r - r0) * BlockColumns, _c + (long)r * _n + j0);
                        if (r < slabEnd)
                            SumOne(block, patterns + r, sums + (r - r0) * BlockColumns, _c + (long)r * _n + j0);
                    }
                }
            }
        }

        /// <summary>
        /// For each group g of the block and each pattern p, entry p holds Σ_b s_b(p)·B[4g + b, j0 .. j0 + 32) with
        /// s_b = up where bit b of p is set, else down, read from the panel (zero past B's depth and width).
        /// Built as down·ΣB plus (up − down)·B_b for each set bit, one addition per entry.
        /// </summary>
        private void BuildTables(float* table, float* rowsOfB, int count)
        {
            var step = Vector256.Create(_up - _down);
            var down = Vector256.Create(_down);
            for (var gl = 0; gl < count; gl++, rowsOfB += 4 * BlockColumns)
            {
                var entries = table + gl * Entries * BlockColumns;
                for (var q = 0; q < BlockColumns; q += 8)
                {
                    var b0 = Vector256.Load(rowsOfB + q);
                    var b1 = Vector256.Load(rowsOfB + BlockColumns + q);
                    var b2 = Vector256.Load(rowsOfB + 2 * BlockColumns + q);
                    var b3 = Vector256.Load(rowsOfB + 3 * BlockColumns + q);
                    var t0 = down * ((b0 + b1) + (b2 + b3));
                    b0 *= step;
                    b1 *= step;
                    b2 *= step;
                    b3 *= step;
                    var t1 = t0 + b0;
                    var t2 = t0 + b1;
                    var t3 = t2 + b0;
                    var t4 = t0 + b2;
                    var t5 = t4 + b0;
                    var t6 = t4 + b1;
                    var t7 = t6 + b0;
                    var e = entries + q;
                    t0.Store(e);
                    t1.Store(e + BlockColumns);
                    t2.Store(e + 2 * BlockColumns);
                    t3.Store(e + 3 * BlockColumns);
                    t4.Store(e + 4 * BlockColumns);
                    t5.Store(e + 5 * BlockColumns);
                    t6.Store(e + 6 * BlockColumns);
                    t7.Store(e + 7 * BlockColumns);
                    (t0 + b3).Store(e + 8 * BlockColumns);
                    (t1 + b3).Store(e + 9 * BlockColumns);
                    (t2 + b3).Store(e + 10 * BlockColumns);
                    (t3 + b3).Store(e + 11 * BlockColumns);
                    (t4 + b3).Store(e + 12 * BlockColumns);
                    (t5 + b3).Store(e + 13 * BlockColumns);
                    (t6 + b3).Store(e + 14 * BlockColumns);
                    (t7 + b3).Store(e + 15 * BlockColumns);
                }
            }
        }
    }

    /// <summary>One block of groups of one column block: its tables and what to do with the sums at its end.</summary>
    private readonly unsafe struct Block(float* table, int count, int stride, int n, int width, float alpha, float beta, bool first, bool last)
    {
        public readonly float* Table = table;
        public readonly int Count = count, Stride = stride, N = n, Width = width;
        public readonly float Alpha = alpha, Beta = beta;
        public readonly bool First = first, Last = last;
    }

    /// <summary>Two rows over one block of groups: eight independent accumulators keep both adders busy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void SumPair(in Block block, byte* patterns, float* sums, float* c)
    {
        Vector256<float> a0, a1, a2, a3, b0, b1, b2, b3;
        if (block.First)
        {
            a0 = a1 = a2 = a3 = b0 = b1 = b2 = b3 = Vector256<float>.Zero;
        }
        else
        {
            a0 = Vector256.Load(sums);
            a1 = Vector256.Load(sums + 8);
            a2 = Vector256.Load(sums + 16);
            a3 = Vector256.Load(sums + 24);
            b0 = Vector256.Load(sums + 32);
            b1 = Vector256.Load(sums + 40);
            b2 = Vector256.Load(sums + 48);
            b3 = Vector256.Load(sums + 56);
        }
        var t = block.Table;
        var stride = block.Stride;
        for (var gl = 0; gl < block.Count; gl++)
        {
            var e = t + (nuint)patterns[0] * BlockColumns;
            var f = t + (nuint)patterns[1] * BlockColumns;
            a0 += Vector256.Load(e);
            a1 += Vector256.Load(e + 8);
            a2 += Vector256.Load(e + 16);
            a3 += Vector256.Load(e + 24);
            b0 += Vector256.Load(f);
            b1 += Vector256.Load(f + 8);
            b2 += Vector256.Load(f + 16);
            b3 += Vector256.Load(f + 24);
            patterns += stride;
            t += Entries * BlockColumns;
        }
        if (!block.Last)
        {
            a0.Store(sums);
            a1.Store(sums + 8);
            a2.Store(sums + 16);
            a3.Store(sums + 24);
            b0.Store(sums + 32);
            b1.Store(sums + 40);
            b2.Store(sums + 48);
            b3.Store(sums + 56);
            return;
        }
        Finish(block, c, a0, a1, a2, a3, sums);
        Finish(block, c + block.N, b0, b1, b2, b3, sums + BlockColumns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void SumOne(in Block block, byte* patterns, float* sums, float* c)
    {
        Vector256<float> a0, a1, a2, a3;
        if (block.First)
        {
            a0 = a1 = a2 = a3 = Vector256<float>.Zero;
        }
        else
        {
            a0 = Vector256.Load(sums);
            a1 = Vector256.Load(sums + 8);
            a2 = Vector256.Load(sums + 16);
            a3 = Vector256.Load(sums + 24);
        }
        var t = block.Table;
        for (var gl = 0; gl < block.Count; gl++)
        {
            var e = t + (nuint)patterns[0] * BlockColumns;
            a0 += Vector256.Load(e);
            a1 += Vector256.Load(e + 8);
            a2 += Vector256.Load(e + 16);
            a3 += Vector256.Load(e + 24);
            patterns += block.Stride;
            t += Entries * BlockColumns;
        }
        if (!block.Last)
        {
            a0.Store(sums);
            a1.Store(sums + 8);
            a2.Store(sums + 16);
            a3.Store(sums + 24);
            return;
        }
        Finish(block, c, a0, a1, a2, a3, sums);
    }

    /// <summary>C = α·sum + β·C (β = 0: C = α·sum) over the block's width; <paramref name="spill"/> holds a partial width's sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Finish(in Block block, float* c, Vector256<float> s0, Vector256<float> s1, Vector256<float> s2,
        Vector256<float> s3, float* spill)
    {
        var a = Vector256.Create(block.Alpha);
        var beta = block.Beta;
        if (block.Width == BlockColumns)
        {
            if (beta == 0f)
            {
                (a * s0).Store(c);
                (a * s1).Store(c + 8);
                (a * s2).Store(c + 16);
                (a * s3).Store(c + 24);
                return;
            }
            var keep = Vector256.Create(beta);
            (a * s0 + keep * Vector256.Load(c)).Store(c);
            (a * s1 + keep * Vector256.Load(c + 8)).Store(c + 8);
            (a * s2 + keep * Vector256.Load(c + 16)).Store(c + 16);
            (a * s3 + keep * Vector256.Load(c + 24)).Store(c + 24);
            return;
        }
        s0.Store(spill);
        s1.Store(spill + 8);
        s2.Store(spill + 16);
        s3.Store(spill + 24);
        for (var j = 0; j < block.Width; j++)
            c[j] = beta == 0f ? block.Alpha * spill[j] : block.Alpha * spill[j] + beta * c[j];
    }
}
