using Compute.Numerics;

namespace Compute.Tests.Numerics;

[Trait("Category", "Kernels")]
public class KernelsTests
{
    private static float[] Uniform(int n, ulong seed, ulong stream)
    {
        var rng = new Rng(seed, stream);
        var x = new float[n];
        for (var i = 0; i < n; i++) x[i] = rng.NextFloat();
        return x;
    }

    [Theory]
    [MemberData(nameof(KernelLengths.All), MemberType = typeof(KernelLengths))]
    public void SampleBernoulli_AnyLength_MatchesScalarOracle(int n)
    {
        var p = Uniform(n, 1, (ulong)n);
        var u = Uniform(n, 2, (ulong)n);
        // Edge probabilities and ties: p = 0 never fires, p = 1 always, u == p does not fire.
        if (n > 3) { p[0] = 0f; p[1] = 1f; u[1] = 0.99999994f; u[2] = p[2]; }
        var s = new float[n + 1];
        s[n] = 42f; // sentinel: the kernel must not write past the length
        Kernels.SampleBernoulli(p, u, s.AsSpan(0, n));
        for (var i = 0; i < n; i++) Assert.Equal(u[i] < p[i] ? 1f : 0f, s[i]);
        Assert.Equal(42f, s[n]);
        if (n > 3) Assert.Equal([0f, 1f, 0f], s[..3]);
    }

    [Fact]
    public void SampleBernoulli_FiringRate_MatchesProbability()
    {
        const int n = 100_000;
        var p = new float[n];
        Array.Fill(p, 0.3f);
        var s = new float[n];
        Kernels.SampleBernoulli(p, Uniform(n, 3, 0), s);
        // Binomial: mean 0.3, σ = √(0.3·0.7/N) ≈ 0.00145.
        Assert.InRange(s.Average(), 0.3 - 5 * 0.00145, 0.3 + 5 * 0.00145);
    }

    [Fact]
    public void SampleBernoulli_ShortBuffers_Throw()
    {
        Assert.Throws<ArgumentException>(() => Kernels.SampleBernoulli(new float[4], new float[3], new float[4]));
        Assert.Throws<ArgumentException>(() => Kernels.SampleBernoulli(new float[4], new float[4], new float[3]));
    }

    [Theory]
    [MemberData(nameof(KernelLengths.All), MemberType = typeof(KernelLengths))]
    public void AddRowVector_AnyLength_MatchesScalarOracle(int columns)
    {
        foreach (var rows in (int[])[0, 1, 3])
        {
            var m = Uniform(rows * columns + 1, 4, (ulong)columns);
            var row = Uniform(columns, 5, (ulong)columns);
            var expected = (float[])m.Clone();
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < columns; j++) expected[i * columns + j] += row[j];
            Kernels.AddRowVector(m.AsSpan(0, rows * columns), row, rows);
            Assert.Equal(expected, m); // includes the untouched sentinel after the matrix
        }
    }

    [Theory]
    [MemberData(nameof(KernelLengths.All), MemberType = typeof(KernelLengths))]
    public void SumRows_AnyLength_MatchesScalarOracle(int columns)
    {
        foreach (var rows in (int[])[0, 1, 2, 7])
        {
            var m = Uniform(rows * columns, 6, (ulong)columns);
            var expected = new float[columns];
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < columns; j++) expected[j] += m[i * columns + j];
            var result = Uniform(columns, 7, 0); // stale content must be overwritten
            Kernels.SumRows(m, result, rows);
            Assert.Equal(expected, result);
        }
    }

    [Theory]
    [MemberData(nameof(KernelLengths.All), MemberType = typeof(KernelLengths))]
    public void Logistic_AnyLength_IsWithin3e7OfTheExactValue(int n)
    {
        foreach (var gain in (float[])[1f, 2f])
        {
            var x = Uniform(n, 10, (ulong)n);
            var bias = Uniform(n, 11, (ulong)n);
            for (var i = 0; i < n; i++)
            {
                x[i] = 60f * x[i] - 30f;
                bias[i] = 4f * bias[i] - 2f;
            }
            // Far tails, where e^z leaves the float range, and exact zeros.
            foreach (var (at, value) in new[] { (0, 95f), (3, -95f), (5, 1e30f), (6, -1e30f), (9, 0f) })
                if (at < n) (x[at], bias[at]) = (value, 0f);
            var y = (float[])x.Clone();
            Kernels.Logistic(y, bias, gain);
            for (var i = 0; i < n; i++)
            {
                var exact = 1 / (1 + Math.Exp(-gain * ((double)x[i] + bias[i])));
                Assert.True(Math.Abs(y[i] - exact) <= 3e-7, $"σ({gain}·({x[i]} + {bias[i]})) = {y[i]}, exact {exact}");
            }
        }
    }

    [Fact]
    public void Logistic_NaNField_StaysNaN()
    {
        var x = new float[17];
        x[2] = float.NaN;
        x[16] = float.NaN;
        Kernels.Logistic(x, new float[17], 1f);
        Assert.True(float.IsNaN(x[2]) && float.IsNaN(x[16]));
        Assert.Equal(0.5f, x[0]);
    }

    [Fact]
    public void RowKernels_ShapeMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => Kernels.AddRowVector(new float[5], new float[3], 2));
        Assert.Throws<ArgumentException>(() => Kernels.SumRows(new float[5], new float[3], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.SumRows(new float[5], new float[3], -1));
    }
}
