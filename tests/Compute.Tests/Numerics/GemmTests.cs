using Compute.Numerics;

namespace Compute.Tests.Numerics;

/// <summary>
/// The packed GEMM and the GEMV against a naive reference accumulated in double, on odd shapes that cut
/// every register tile and cache block, all transpose combinations and several (α, β).
/// </summary>
[Trait("Category", "Kernels")]
public class GemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 17, 33, 65 }, { 129, 257, 31 }, { 255, 1, 300 }, { 1, 300, 255 },
        { 0, 3, 4 }, { 3, 0, 4 }, { 3, 4, 0 },
        // Past the blocking: m > MC (112, 120), n > NC (1024), k > KC (512), and large enough for the two-thread split.
        { 450, 70, 200 }, { 31, 2100, 20 }, { 40, 50, 1100 }, { 150, 140, 400 },
    };

    internal static float[] Random(int count, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[count];
        for (var i = 0; i < count; i++) x[i] = 2 * rng.NextFloat() - 1;
        return x;
    }

    /// <summary>op(A)·op(B) in double, and Σ_p |op(A)_ip op(B)_pj| per element for the round-off bound.</summary>
    private static (double[] Product, double[] Abs) Reference(float[] a, float[] b, int m, int n, int k, bool ta, bool tb)
    {
        var product = new double[m * n];
        var abs = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double sum = 0, sumAbs = 0;
                for (var p = 0; p < k; p++)
                {
                    var term = (double)(ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                    sum += term;
                    sumAbs += Math.Abs(term);
                }
                product[i * n + j] = sum;
                abs[i * n + j] = sumAbs;
            }
        return (product, abs);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_AllTransposes_MatchDoubleReference(int m, int n, int k)
    {
        var a = Random(m * k, 1);
        var b = Random(k * n, 2);
        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var (product, abs) = Reference(a, b, m, n, k, ta, tb);
            foreach (var (alpha, beta) in new[] { (1f, 0f), (0.5f, -1.5f), (-2f, 1f) })
            {
                var c = Random(m * n, 3);
                if (beta == 0f && c.Length > 0) c[^1] = float.NaN; // β = 0 must overwrite C, not multiply it
                var prior = c.Select(v => beta == 0f ? 0.0 : (double)beta * v).ToArray();
                Gemm.Multiply(a, b, c, m, n, k, ta, tb, alpha, beta);
                // fp32 round-off of a k-term sum grows like √k·ε relative to Σ|terms|.
                var tolerance = 1e-5 * Math.Sqrt(k + 1);
                for (var e = 0; e < m * n; e++)
                {
                    var expected = alpha * product[e] + prior[e];
                    var scale = Math.Abs(alpha) * abs[e] + Math.Abs(prior[e]);
                    Assert.True(Math.Abs(c[e] - expected) <= tolerance * scale + 1e-30,
                        $"{m}×{n}×{k} tA={ta} tB={tb} α={alpha} β={beta} at {e}: {c[e]} vs {expected}");
                }
            }
        }
    }

    [Fact]
    public void Multiply_ZeroAlphaOrZeroDepth_ScalesC()
    {
        var c = new[] { 1f, 2f, 3f, 4f };
        Gemm.Multiply(new float[6], new float[6], c, 2, 2, 3, alpha: 0f, beta: 2f);
        Assert.Equal([2f, 4f, 6f, 8f], c);
        Gemm.Multiply([], [], c, 2, 2, 0, beta: 0.5f);
        Assert.Equal([1f, 2f, 3f, 4f], c);
    }

    [Fact]
    public void Multiply_OneAndTwoThreads_AreBitIdentical()
    {
        const int m = 301, n = 257, k = 410;
        foreach (var (ta, tb) in new[] { (false, false), (true, true) })
        {
            var a = Random(m * k, 4);
            var b = Random(k * n, 5);
            var c1 = Random(m * n, 6);
            var c2 = (float[])c1.Clone();
            Gemm.Multiply(a, b, c1, m, n, k, ta, tb, 0.75f, 0.25f, maxThreads: 1);
            Gemm.Multiply(a, b, c2, m, n, k, ta, tb, 0.75f, 0.25f, maxThreads: 2);
            Assert.Equal(c1, c2);
        }
        // A wide product is split by columns instead of rows: still the same bits.
        var aw = Random(20 * 300, 7);
        var bw = Random(300 * 1000, 8);
        var w1 = new float[20 * 1000];
        var w2 = new float[20 * 1000];
        Gemm.Multiply(aw, bw, w1, 20, 1000, 300, false, false, 1f, 0f, maxThreads: 1);
        Gemm.Multiply(aw, bw, w2, 20, 1000, 300, false, false, 1f, 0f, maxThreads: 2);
        Assert.Equal(w1, w2);
    }

    [Fact]
    public void Multiply_ConcurrentCallers_GetTheSingleThreadBits()
    {
        // Three callers compete for the one helper: some products share it, others run alone; the bits must not care.
        const int m = 160, n = 150, k = 200;
        var a = Random(m * k, 20);
        var b = Random(k * n, 21);
        var expected = new float[m * n];
        Gemm.Multiply(a, b, expected, m, n, k, false, false, 1f, 0f, maxThreads: 1);
        var results = new float[3][];
        Parallel.For(0, 3, t =>
        {
            var c = new float[m * n];
            var same = true;
            for (var r = 0; r < 20; r++)
            {
                Gemm.Multiply(a, b, c, m, n, k);
                same &= c.AsSpan().SequenceEqual(expected);
            }
            results[t] = same ? c : [];
        });
        foreach (var r in results) Assert.Equal(expected, r);
    }

    [Fact]
    public void Multiply_SteadyState_AllocatesNothing()
    {
        // Caller thread: GC.GetAllocatedBytesForCurrentThread; helper thread: its own counter, read after each job.
        var small = (a: Random(40 * 50, 9), b: Random(50 * 30, 10), c: new float[40 * 30]);
        var large = (a: Random(200 * 300, 11), b: Random(300 * 250, 12), c: new float[200 * 250]);
        void Step()
        {
            Gemm.Multiply(small.a, small.b, small.c, 40, 30, 50);
            Gemm.Multiply(large.a, large.b, large.c, 200, 250, 300);
            Gemm.Multiply(large.a, large.b, large.c, 200, 250, 300, transposeA: false, transposeB: false, alpha: 1f, beta: 1f);
        }
        Step();
        // Which thread computes which piece varies from call to call, so a one-time initialization can land on the
        // helper in any early window. Steady state means: some window of three steps allocates nothing on either
        // thread; an allocation per step would show in every window.
        var windows = new List<(long Caller, long Helper)>();
        for (var w = 0; w < 6; w++)
        {
            var helperBefore = Gemm.HelperAllocatedBytes; // first, so that its own type initialization is not counted
            var callerBefore = GC.GetAllocatedBytesForCurrentThread();
            for (var r = 0; r < 3; r++) Step();
            windows.Add((GC.GetAllocatedBytesForCurrentThread() - callerBefore, Gemm.HelperAllocatedBytes - helperBefore));
            if (windows[^1] == (0, 0)) break;
        }
        Assert.Equal((0L, 0L), windows[^1]);
    }

    [Fact]
    public void Multiply_ShortBuffers_Throw()
    {
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], new float[6], new float[4], 2, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(new float[6], new float[6], new float[4], -2, 2, 3));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(17, 65)]
    [InlineData(129, 257)]
    [InlineData(255, 1)]
    [InlineData(1, 300)]
    [InlineData(0, 7)]
    [InlineData(7, 0)]
    [InlineData(1023, 1025)]
    public void Gemv_BothOrientations_MatchDoubleReference(int m, int n)
    {
        foreach (var transpose in new[] { false, true })
        foreach (var (alpha, beta) in new[] { (1f, 0f), (0.5f, -1.5f), (-2f, 1f) })
        {
            var a = Random(m * n, 13);
            var rows = transpose ? n : m;
            var cols = transpose ? m : n;
            var x = Random(cols, 14);
            var y = Random(rows + 1, 15);
            var sentinel = y[rows];
            if (beta == 0f && rows > 0) y[0] = float.NaN;
            var expected = new double[rows];
            var scale = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                double sum = 0, abs = 0;
                for (var j = 0; j < cols; j++)
                {
                    var term = (double)(transpose ? a[j * n + i] : a[i * n + j]) * x[j];
                    sum += term;
                    abs += Math.Abs(term);
                }
                var prior = beta == 0f ? 0.0 : (double)beta * y[i];
                expected[i] = alpha * sum + prior;
                scale[i] = Math.Abs(alpha) * abs + Math.Abs(prior);
            }
            Gemm.Gemv(a, x, y.AsSpan(0, rows), m, n, transpose, alpha, beta);
            var tolerance = 1e-5 * Math.Sqrt(cols + 1);
            for (var i = 0; i < rows; i++)
                Assert.True(Math.Abs(y[i] - expected[i]) <= tolerance * scale[i] + 1e-30, $"{m}×{n} T={transpose} α={alpha} β={beta} at {i}: {y[i]} vs {expected[i]}");
            Assert.Equal(sentinel, y[rows]);
        }
    }

    [Theory]
    [MemberData(nameof(KernelLengths.All), MemberType = typeof(KernelLengths))]
    public void Gemv_AnyRowLength_MatchesDoubleReference(int n)
    {
        // Six rows: one four-row block plus two single rows; every vector tail of the row length.
        const int m = 6;
        var a = Random(m * n, 18);
        var x = Random(Math.Max(m, n), 19);
        var y = new float[Math.Max(m, n)];
        Gemm.Gemv(a, x, y, m, n);
        for (var i = 0; i < m; i++)
        {
            double sum = 0, abs = 0;
            for (var j = 0; j < n; j++) { sum += (double)a[i * n + j] * x[j]; abs += Math.Abs((double)a[i * n + j] * x[j]); }
            Assert.True(Math.Abs(y[i] - sum) <= 1e-5 * Math.Sqrt(n + 1) * abs + 1e-30, $"row {i} of {m}×{n}: {y[i]} vs {sum}");
        }
        Gemm.Gemv(a, x, y, m, n, transposeA: true);
        for (var j = 0; j < n; j++)
        {
            double sum = 0, abs = 0;
            for (var i = 0; i < m; i++) { sum += (double)a[i * n + j] * x[i]; abs += Math.Abs((double)a[i * n + j] * x[i]); }
            Assert.True(Math.Abs(y[j] - sum) <= 1e-5 * Math.Sqrt(m + 1) * abs + 1e-30, $"column {j} of {m}×{n}: {y[j]} vs {sum}");
        }
    }

    [Fact]
    public void Gemv_SteadyState_AllocatesNothing()
    {
        var a = Random(300 * 200, 16);
        var x = Random(300, 17);
        var y = new float[300];
        Gemm.Gemv(a, x, y, 300, 200);
        Gemm.Gemv(a, x, y, 300, 200, transposeA: true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Gemm.Gemv(a, x, y, 300, 200);
        Gemm.Gemv(a, x, y, 300, 200, transposeA: true, beta: 1f);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
