using System.Runtime.Intrinsics;

namespace Compute.Numerics;

/// <summary>
/// The right operand op(B) of <see cref="Gemm.Multiply(ReadOnlySpan{float}, PackedMatrix, Span{float}, int, bool, float, float)"/>
/// packed once into the micro-kernel's panel layout, for a B that many products reuse unchanged: an RBM's W serves the
/// 2k + 2 conditionals of a training step. Without it every product repacks B on each thread that computes a piece of C,
/// which for the RBM's transposed W was about a quarter of a product's time. Repacking into the same storage
/// (<see cref="Pack"/>) allocates nothing once the storage has grown to the largest size seen.
/// The panels hold exactly the values a plain product would pack, so results are bit-identical to it.
/// </summary>
public sealed class PackedMatrix
{
    private float[] _panels = [];
    private float[] _plain = [];

    /// <summary>Rows of op(B), the depth of the products.</summary>
    public int K { get; private set; }

    /// <summary>Columns of op(B) and of the products' C.</summary>
    public int N { get; private set; }

    /// <summary>B was given stored n×k (op(B) = Bᵀ).</summary>
    public bool Transposed { get; private set; }

    /// <summary>Without SIMD the products take the reference loops, which read an unpacked copy.</summary>
    internal static bool Packs => Vector256.IsHardwareAccelerated;

    internal static Gemm.MicroKernel Shape => Vector512.IsHardwareAccelerated ? Gemm.MicroKernel.Avx512 : Gemm.MicroKernel.Avx2;

    internal float[] Panels => _panels;
    internal float[] Plain => _plain;

    /// <summary>Columns of each KC block: n rounded up to whole micro-panels of <paramref name="nr"/> columns.</summary>
    internal static long PaddedColumns(int n, int nr) => (n + nr - 1) / nr * nr;

    /// <summary>Packs op(B) for B stored k×n, or n×k when <paramref name="transposeB"/>; replaces what was packed before.</summary>
    public unsafe void Pack(ReadOnlySpan<float> b, int k, int n, bool transposeB = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (b.Length < (long)k * n) throw new ArgumentException($"B needs {(long)k * n} elements, has {b.Length}.", nameof(b));
        (K, N, Transposed) = (k, n, transposeB);
        if (!Packs)
        {
            if (_plain.Length < k * n) _plain = new float[k * n];
            b[..(k * n)].CopyTo(_plain);
            return;
        }
        var pr = new Gemm.Problem(0, n, k, false, transposeB, 1f, 0f, Shape);
        var length = checked((int)(k * PaddedColumns(n, pr.NR)));
        if (_panels.Length < length) _panels = GC.AllocateUninitializedArray<float>(length, pinned: true);
        fixed (float* source = b)
        fixed (float* panels = _panels)
        {
            _job.Set(source, panels, pr);
            HelperThread.Run(_job, allowHelper: (long)k * n >= ParallelThreshold);
        }
    }

    // Below this many values one thread packs faster than two can be handed the work.
    private const long ParallelThreshold = 1L << 16;

    private readonly PackingJob _job = new();

    /// <summary>
    /// Packing cut into pieces: each KC block of op(B), split at a micro-panel boundary into two column halves.
    /// Every piece writes its own panels, so the packed bits do not depend on who packed what.
    /// </summary>
    private sealed unsafe class PackingJob : IPieces
    {
        private float* _source, _panels;
        private Gemm.Problem _problem;
        private int _blocks;

        public int PieceCount => 2 * _blocks;

        public void Set(float* source, float* panels, Gemm.Problem problem)
        {
            _source = source;
            _panels = panels;
            _problem = problem;
            _blocks = (problem.K + problem.KC - 1) / problem.KC;
        }

        public void Compute(int piece)
        {
            var pr = _problem;
            var pc = piece / 2 * pr.KC;
            var kc = Math.Min(pr.KC, pr.K - pc);
            var panelsAcross = (pr.N + pr.NR - 1) / pr.NR;
            var from = piece % 2 == 0 ? 0 : panelsAcross / 2 * pr.NR;
            var to = piece % 2 == 0 ? panelsAcross / 2 * pr.NR : pr.N;
            var block = _panels + pc * PaddedColumns(pr.N, pr.NR);
            for (var jc = from; jc < to; jc += pr.NC)
                Gemm.PackB(_source, block + (long)jc * kc, pr, pc, kc, jc, Math.Min(pr.NC, to - jc), vectorized: true);
        }
    }
}
