namespace Compute.Numerics;

public static partial class Gemm
{
    /// <summary>Same as <see cref="Multiply"/> but with an explicit thread limit (tests compare 1 and 2 threads bit for bit).</summary>
    internal static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool transposeA, bool transposeB, float alpha, float beta, int maxThreads)
    {
        CheckShapes(a.Length, b.Length, c.Length, m, n, k);
        if (m == 0 || n == 0) return;
        var shape = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? MicroKernel.Avx512 : MicroKernel.Avx2;
        if (!System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated || k == 0 || alpha == 0f)
        {
            MultiplySimple(a, b, c, m, n, k, transposeA, transposeB, alpha, beta);
            return;
        }
        Run(a, b, c, new Problem(m, n, k, transposeA, transposeB, alpha, beta, shape), maxThreads);
    }

    /// <summary>Bytes allocated so far by the persistent helper thread (0 before it exists).</summary>
    internal static long HelperAllocatedBytes => HelperThread.AllocatedBytes;

    /// <summary>Most pieces a shared product is cut into; claimed one at a time by the caller and the helper.</summary>
    private const int MaxPieces = 4;

    /// <summary>
    /// C cut into disjoint pieces along one side at tile boundaries: piece i covers tiles [i·T/P, (i+1)·T/P).
    /// Every piece packs the whole of the operand along the other side again, so the side is chosen to duplicate
    /// the cheaper packing (a contiguous copy costs about a quarter of a strided scalar gather per element, half of an
    /// AVX-512 transposed one), and four pieces are used only when each piece's multiply-adds (16 per cycle) outweigh
    /// that repacking 128-fold: on the RBM's 128×784×512 products two pieces measured 10–20 % faster than four, and at
    /// 1024³ (where a 32-fold rule chose four) two pieces are 8–12 % faster.
    /// </summary>

    private readonly record struct Split(bool ByRows, int Tiles, int Count)
    {
        public static Split For(in Problem pr)
        {
            var rowTiles = (pr.M + pr.MR - 1) / pr.MR;
            var colTiles = (pr.N + pr.NR - 1) / pr.NR;
            // Cycles (roughly) to pack op(B) again for a row piece, or op(A) again for a column piece.
            // The strided layouts go through 16×16 register transposes with AVX-512 (Gemm.Packing.cs): about twice a copy.
            var strided = pr.Shape == MicroKernel.Avx512 && System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? 0.5 : 1.0;
            var repackB = (double)pr.N * pr.K * (pr.TransposeB ? strided : 0.25);
            var repackA = (double)pr.M * pr.K * (pr.TransposeA ? 0.25 : strided);
            var byRows = rowTiles >= 2 && (repackB <= repackA || colTiles < 2);
            var tiles = byRows ? rowTiles : colTiles;
            var pieceCycles = (double)pr.M * pr.N * pr.K / 16 / MaxPieces;
            var count = pieceCycles >= 128 * (byRows ? repackB : repackA) ? MaxPieces : 2;
            return new Split(byRows, tiles, Math.Min(count, tiles));
        }

        public unsafe void Compute(float* a, float* b, float* c, in Problem pr, int piece)
        {
            var tile = ByRows ? pr.MR : pr.NR;
            var extent = ByRows ? pr.M : pr.N;
            var lo = Math.Min(extent, piece * Tiles / Count * tile);
            var hi = Math.Min(extent, (piece + 1) * Tiles / Count * tile);
            if (ByRows) ComputeRegion(a, b, c, pr, lo, hi, 0, pr.N);
            else ComputeRegion(a, b, c, pr, 0, pr.M, lo, hi);
        }
    }

    private static unsafe void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, in Problem pr, int maxThreads)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            var work = (long)pr.M * pr.N * pr.K;
            var split = Split.For(pr);
            if (maxThreads < 2 || work < ParallelThreshold || split.Count < 2)
            {
                ComputeRegion(pa, pb, pc, pr, 0, pr.M, 0, pr.N);
                return;
            }
            // Each C element is accumulated in the same order whoever computes its piece, so the result does not
            // depend on the sharing. HelperThread.Run returns only once no thread reads through these pointers.
            var job = Job.ForThisThread();
            job.Set(pa, pb, pc, pr, split);
            HelperThread.Run(job);
        }
    }

    /// <summary>One product's pieces, reused by each calling thread so a steady-state call allocates nothing.</summary>
    private sealed unsafe class Job : IPieces
    {
        [ThreadStatic] private static Job? _current;
        private float* _a, _b, _c;
        private Problem _problem;
        private Split _split;

        public static Job ForThisThread() => _current ??= new Job();

        public int PieceCount => _split.Count;

        public void Set(float* a, float* b, float* c, in Problem problem, Split split)
        {
            _a = a;
            _b = b;
            _c = c;
            _problem = problem;
            _split = split;
        }

        public void Compute(int piece) => _split.Compute(_a, _b, _c, _problem, piece);
    }
}
