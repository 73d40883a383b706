using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Tests.Numerics.Nn;

[Trait("Category", "Kernels")]
public class NnKernelsTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 67).Concat([127, 128, 129, 255, 256, 257, 1023, 1024, 1025])) data.Add(n);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MultiplyFewRows_AnyColumnCount_MatchesScalarOracle(int n)
    {
        var rng = new Rng(7, (ulong)n);
        foreach (var (m, k) in new[] { (8, 9), (2, 72), (5, 3), (4, 1) })
        foreach (var transposeA in new[] { false, true })
        foreach (var beta in new[] { 0f, 1f, 0.5f })
        {
            var a = new float[m * k];
            var b = new float[k * n];
            var c = new float[m * n];
            rng.FillNormal(a);
            rng.FillNormal(b);
            rng.FillNormal(c);
            var expected = new double[m * n];
            for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < k; p++) sum += (double)(transposeA ? a[p * m + i] : a[i * k + p]) * b[p * n + j];
                expected[i * n + j] = 1.5 * sum + beta * c[i * n + j];
            }
            if (beta == 0f) Array.Fill(c, float.NaN); // β = 0 must ignore whatever C held
            NnKernels.MultiplyFewRows(a, b, c, m, n, k, transposeA, 1.5f, beta);
            for (var i = 0; i < c.Length; i++)
                Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"m={m} k={k} tA={transposeA} β={beta} at {i}: {c[i]} vs {expected[i]}");
        }
    }
}
