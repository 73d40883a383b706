using System.Runtime.ExceptionServices;

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
    internal static long HelperAllocatedBytes => Helper.AllocatedBytes;

    /// <summary>Most pieces a shared product is cut into; claimed one at a time by the caller and the helper.</summary>
    private const int MaxPieces = 4;

    /// <summary>
    /// C cut into disjoint pieces along one side at tile boundaries: piece i covers tiles [i·T/P, (i+1)·T/P).
    /// Every piece packs the whole of the operand along the other side again, so the side is chosen to duplicate
    /// the cheaper packing (a contiguous copy costs about a quarter of a strided scalar gather per element, half of an
    /// AVX-512 transposed one), and four pieces are used only when each piece's multiply-adds (16 per cycle) outweigh
    /// that repacking 32-fold: on the RBM's 128×784×512 products two pieces measured 10–20 % faster than four.
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
            var count = pieceCycles >= 32 * (byRows ? repackB : repackA) ? MaxPieces : 2;
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
            if (maxThreads < 2 || work < ParallelThreshold || split.Count < 2 || !Helper.TryAcquire(out var helper))
            {
                ComputeRegion(pa, pb, pc, pr, 0, pr.M, 0, pr.N);
                return;
            }
            // Both threads claim pieces until none is left, so a helper that the OS schedules late (other processes
            // on the cores) costs nothing: the caller then computes every piece itself. Whoever computes a piece,
            // each C element is accumulated in the same order, so the result does not depend on the sharing.
            helper.Publish(pa, pb, pc, pr, split);
            try
            {
                while (helper.TryClaim(out var piece)) split.Compute(pa, pb, pc, pr, piece);
            }
            finally
            {
                // Returns only once the helper no longer reads through these pointers (pinned only inside this block).
                helper.FinishAndRelease();
            }
        }
    }

    /// <summary>
    /// One persistent background thread that helps whichever caller holds it. A caller that finds it busy computes
    /// everything itself, so concurrent products never wait for each other. A job is Pending until the helper
    /// wakes and takes it (Running); a caller that runs out of pieces while the job is still Pending cancels it and
    /// leaves without waiting. The hand-off uses two reusable events, so a steady-state call allocates nothing.
    /// </summary>
    private sealed unsafe class Helper
    {
        private const int Idle = 0, Pending = 1, Running = 2, Cancelled = 3;

        private static readonly Lazy<Helper> Instance = new(() => new Helper(), LazyThreadSafetyMode.ExecutionAndPublication);

        private readonly ManualResetEventSlim _start = new(false);
        private readonly ManualResetEventSlim _done = new(false);
        private int _busy;
        private int _state;
        private int _next;
        private float* _a, _b, _c;
        private Problem _problem;
        private Split _split;
        private ExceptionDispatchInfo? _error;
        private long _allocatedBytes;

        /// <summary>Bytes the helper thread has allocated so far, as of its last finished job (the zero-allocation test reads it).</summary>
        public static long AllocatedBytes => Instance.IsValueCreated ? Volatile.Read(ref Instance.Value._allocatedBytes) : 0;

        private Helper()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "Gemm helper" };
            thread.Start();
            // Returns once the helper has its buffers and has published its allocation baseline.
            _ready.Wait();
        }

        private readonly ManualResetEventSlim _ready = new();

        public static bool TryAcquire(out Helper helper)
        {
            helper = Instance.Value;
            return Interlocked.CompareExchange(ref helper._busy, 1, 0) == 0;
        }

        public void Publish(float* a, float* b, float* c, in Problem problem, Split split)
        {
            _a = a;
            _b = b;
            _c = c;
            _problem = problem;
            _split = split;
            _error = null;
            _next = 0;
            _done.Reset();
            // The job's fields are written before the state that makes them visible to the helper.
            Volatile.Write(ref _state, Pending);
            _start.Set();
        }

        public bool TryClaim(out int piece)
        {
            piece = Interlocked.Increment(ref _next) - 1;
            return piece < _split.Count;
        }

        public void FinishAndRelease()
        {
            // Still Pending: the helper never took the job and will not touch it. Otherwise wait for it to finish.
            if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) != Pending) _done.Wait();
            var error = _error;
            _error = null;
            Volatile.Write(ref _state, Idle);
            Volatile.Write(ref _busy, 0);
            error?.Throw();
        }

        private void Loop()
        {
            // Thread-static packing buffers are created here, not on the first job, and the allocation counter is
            // published once: a steady-state job is then measured from this baseline even if the helper was idle
            // until now.
            _ = PackBuffers.ForThisThread();
            Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
            _ready.Set();
            while (true)
            {
                _start.Wait();
                _start.Reset();
                // A job cancelled (or finished) before this thread woke is not ours to touch.
                if (Interlocked.CompareExchange(ref _state, Running, Pending) != Pending) continue;
                try
                {
                    while (TryClaim(out var piece)) _split.Compute(_a, _b, _c, _problem, piece);
                }
                catch (Exception e)
                {
                    _error = ExceptionDispatchInfo.Capture(e);
                    // Leave no piece unclaimed behind a failure: the caller's loop then ends too.
                    Interlocked.Exchange(ref _next, int.MaxValue / 2);
                }
                Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                _done.Set();
            }
        }
    }
}
