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

    private static unsafe void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, in Problem pr, int maxThreads)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            var work = (long)pr.M * pr.N * pr.K;
            if (maxThreads < 2 || work < ParallelThreshold || !Helper.TryAcquire(out var helper))
            {
                ComputeRegion(pa, pb, pc, pr, 0, pr.M, 0, pr.N);
                return;
            }
            try
            {
                // Two disjoint parts of C, cut at a tile boundary. Cutting the rows duplicates only the cheap packing of B
                // (vector copies), so rows are cut unless that leaves clearly less balanced parts than cutting the columns.
                var rowCut = (pr.M / pr.MR + 1) / 2 * pr.MR;
                var colCut = (pr.N / pr.NR + 1) / 2 * pr.NR;
                var rowShare = Math.Max(rowCut, pr.M - rowCut) / (double)pr.M;
                var colShare = Math.Max(colCut, pr.N - colCut) / (double)pr.N;
                if (rowCut > 0 && rowCut < pr.M && (rowShare <= colShare + 0.03 || colCut <= 0 || colCut >= pr.N))
                {
                    helper.Start(pa, pb, pc, pr, rowCut, pr.M, 0, pr.N);
                    ComputeRegion(pa, pb, pc, pr, 0, rowCut, 0, pr.N);
                }
                else if (colCut > 0 && colCut < pr.N)
                {
                    helper.Start(pa, pb, pc, pr, 0, pr.M, colCut, pr.N);
                    ComputeRegion(pa, pb, pc, pr, 0, pr.M, 0, colCut);
                }
                else
                {
                    // Too narrow both ways for two tiles (e.g. m ≤ MR with n ≤ NR, but k huge): one thread.
                    ComputeRegion(pa, pb, pc, pr, 0, pr.M, 0, pr.N);
                }
            }
            finally
            {
                // Always wait: the helper reads through pointers that are only pinned inside this fixed block.
                helper.FinishAndRelease();
            }
        }
    }

    /// <summary>
    /// One persistent background thread that computes a region of C for whichever caller holds it. A caller that
    /// finds it busy computes everything itself, so concurrent products never wait for each other. The hand-off
    /// uses two reusable events, so a steady-state call allocates nothing.
    /// </summary>
    private sealed unsafe class Helper
    {
        private static readonly Lazy<Helper> Instance = new(() => new Helper(), LazyThreadSafetyMode.ExecutionAndPublication);

        private readonly ManualResetEventSlim _start = new(false);
        private readonly ManualResetEventSlim _done = new(false);
        private int _busy;
        private float* _a, _b, _c;
        private Problem _problem;
        private int _i0, _i1, _j0, _j1;
        private ExceptionDispatchInfo? _error;
        private bool _started;
        private long _allocatedBytes;

        /// <summary>Bytes the helper thread has allocated so far, as of its last finished job (the zero-allocation test reads it).</summary>
        public static long AllocatedBytes => Instance.IsValueCreated ? Volatile.Read(ref Instance.Value._allocatedBytes) : 0;

        private Helper()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "Gemm helper" };
            thread.Start();
        }

        public static bool TryAcquire(out Helper helper)
        {
            helper = Instance.Value;
            return Interlocked.CompareExchange(ref helper._busy, 1, 0) == 0;
        }

        public void Start(float* a, float* b, float* c, in Problem problem, int i0, int i1, int j0, int j1)
        {
            _a = a;
            _b = b;
            _c = c;
            (_problem, _i0, _i1, _j0, _j1, _error) = (problem, i0, i1, j0, j1, null);
            _started = true;
            _done.Reset();
            _start.Set();
        }

        public void FinishAndRelease()
        {
            if (_started) _done.Wait();
            _started = false;
            var error = _error;
            _error = null;
            Volatile.Write(ref _busy, 0);
            error?.Throw();
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                _start.Reset();
                try
                {
                    ComputeRegion(_a, _b, _c, _problem, _i0, _i1, _j0, _j1);
                }
                catch (Exception e)
                {
                    _error = ExceptionDispatchInfo.Capture(e);
                }
                Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                _done.Set();
            }
        }
    }
}
