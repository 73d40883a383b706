using System.Runtime.CompilerServices;
namespace Compute.Numerics;

public static partial class Gemm
{
    internal enum MicroKernel { None, Avx512, Avx2 }

    /// <summary>Shapes, operand layout and the register tile of one product.</summary>
    internal readonly record struct Problem(int M, int N, int K, bool TransposeA, bool TransposeB, float Alpha, float Beta, MicroKernel Shape)
    {
        /// <summary>Rows of the register tile (broadcast A values).</summary>
        public int MR => Shape == MicroKernel.Avx512 ? 14 : 6;

        /// <summary>Columns of the register tile (two SIMD vectors of B).</summary>
        public int NR => Shape == MicroKernel.Avx512 ? 32 : 16;

        /// <summary>
        /// Depth of a packed block. Long blocks amortize the load and store of the C tile and the call of the
        /// micro-kernel; 512 measured best on Zen 5 among 128…1024 (a KC×NR micro-panel of B, 64 KiB, then
        /// streams from L2 together with A).
        /// </summary>
        public int KC => MaxKC;

        /// <summary>Rows of a packed A block, a multiple of MR: MC×KC·4 bytes = 224 KiB (240 KiB for 6×16), held in L2.</summary>
        public int MC => Shape == MicroKernel.Avx512 ? 112 : 120;

        /// <summary>Columns of a packed B panel, a multiple of NR: KC×NC·4 bytes = 2 MiB, held in L3 (1024…4096 measured alike).</summary>
        public int NC => MaxNC;
    }

    internal const int MaxKC = 512;
    internal const int MaxMC = 120;

    /// <summary>
    /// Rows that may still share one packed A block when they would otherwise leave a short last block: 128 rows
    /// (the RBM's batch) as 112 + 16 sweep every B micro-panel twice, the second time for two micro-tiles only.
    /// </summary>
    internal const int MaxMergedMC = 140;
    internal const int MaxNC = 1024;
    private const int MaxMR = 14;
    private const int MaxNR = 32;

    /// <summary>
    /// Computes the rows [i0, i1) × columns [j0, j1) of C with this thread's packing buffers. The region's
    /// C elements receive β·C first (nothing for β = 1; for β = 0 the first KC block overwrites them), then α·(op(A)·op(B))
    /// one KC block at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ComputeRegion(float* a, float* b, float* c, in Problem pr, int i0, int i1, int j0, int j1)
    {
        var n = pr.N;
        // β = 0 needs no pass over C: the first depth block writes it (see Out).
        if (pr.Beta is not (1f or 0f))
        {
            for (var i = i0; i < i1; i++)
            {
                var row = new Span<float>(c + (long)i * n + j0, j1 - j0);
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, pr.Beta, row);
            }
        }
        var buffers = PackBuffers.ForThisThread();
        fixed (float* packedA = buffers.A, packedB = buffers.B, edge = buffers.Edge)
        {
            var (mr, nr, kcMax, mcMax, ncMax) = (pr.MR, pr.NR, pr.KC, pr.MC, pr.NC);
            for (var jc = j0; jc < j1; jc += ncMax)
            {
                var nc = Math.Min(ncMax, j1 - jc);
                for (var pc = 0; pc < pr.K; pc += kcMax)
                {
                    var kc = Math.Min(kcMax, pr.K - pc);
                    var overwrite = pc == 0 && pr.Beta == 0f;
                    PackB(b, packedB, pr, pc, kc, jc, nc);
                    for (var ic = i0; ic < i1;)
                    {
                        var mc = i1 - ic <= MaxMergedMC ? i1 - ic : Math.Min(mcMax, i1 - ic);
                        PackA(a, packedA, pr, ic, mc, pc, kc);
                        for (var jr = 0; jr < nc; jr += nr)
                        {
                            var bPanel = packedB + (long)jr * kc;
                            var cols = Math.Min(nr, nc - jr);
                            for (var ir = 0; ir < mc; ir += mr)
                            {
                                var aPanel = packedA + (long)ir * kc;
                                var rows = Math.Min(mr, mc - ir);
                                var cTile = c + (long)(ic + ir) * n + jc + jr;
                                if (rows == mr && cols == nr)
                                {
                                    Kernel(pr.Shape, aPanel, bPanel, kc, cTile, n, pr.Alpha, overwrite);
                                }
                                else
                                {
                                    // Edge tile: the kernel works on a zeroed full tile, and only its valid part is added to C.
                                    new Span<float>(edge, mr * nr).Clear();
                                    if (pr.Shape == MicroKernel.Avx512 && rows <= 4) Kernel4x32(aPanel, bPanel, kc, edge, nr, pr.Alpha);
                                    else Kernel(pr.Shape, aPanel, bPanel, kc, edge, nr, pr.Alpha, overwrite: false);
                                    for (var r = 0; r < rows; r++)
                                    {
                                        var src = edge + r * nr;
                                        var dst = cTile + (long)r * n;
                                        if (overwrite) new ReadOnlySpan<float>(src, cols).CopyTo(new Span<float>(dst, cols));
                                        else for (var j = 0; j < cols; j++) dst[j] += src[j];
                                    }
                                }
                            }
                        }
                        ic += mc;
                    }
                }
            }
        }
    }

    private static unsafe void Kernel(MicroKernel shape, float* aPanel, float* bPanel, int kc, float* c, long ldc, float alpha, bool overwrite)
    {
        if (shape == MicroKernel.Avx512) Kernel14x32(aPanel, bPanel, kc, c, ldc, alpha, overwrite);
        else Kernel6x16(aPanel, bPanel, kc, c, ldc, alpha, overwrite);
    }

    /// <summary>Per-thread packing buffers, allocated once at the largest block size (pinned, so pointers stay valid).</summary>
    private sealed class PackBuffers
    {
        [ThreadStatic] private static PackBuffers? _current;

        public float[] A { get; } = GC.AllocateUninitializedArray<float>((MaxMergedMC + MaxMR) * MaxKC, pinned: true);
        public float[] B { get; } = GC.AllocateUninitializedArray<float>((MaxNC + MaxNR) * MaxKC, pinned: true);
        public float[] Edge { get; } = GC.AllocateUninitializedArray<float>(MaxMR * MaxNR, pinned: true);

        public static PackBuffers ForThisThread() => _current ??= new PackBuffers();
    }
}
