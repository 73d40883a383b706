using Compute.Numerics;

namespace Compute.Tests.Numerics;

/// <summary>
/// Products of two-valued matrices by the method of four Russians against the same product summed in double, for 0/1
/// and ±1 states, S stored by row or transposed, every α/β case, and shapes with partial groups, partial column blocks,
/// odd row counts and several blocks of groups.
/// </summary>
[Trait("Category", "Kernels")]
public class TwoStateMatrixTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 2, 32, 4 }, { 17, 33, 65 }, { 9, 100, 49 }, { 128, 512, 784 }, { 784, 512, 128 },
        { 5, 7, 0 }, { 0, 7, 5 }, { 4, 0, 6 },
    };

    private static float[] States(int count, float down, float up, ulong seed)
    {
        var rng = new Rng(seed, 3);
        var s = new float[count];
        for (var i = 0; i < count; i++) s[i] = rng.NextDouble() < 0.4 ? up : down;
        return s;
    }

    /// <summary>C = α·S·B + β·C in double, with S[r, k] read from storage by row or transposed.</summary>
    private static double[] Reference(float[] stored, bool transpose, float[] b, float[] c, int rows, int n, int depth, float alpha, float beta,
        out double[] scale)
    {
        var result = new double[rows * n];
        scale = new double[rows * n];
        for (var r = 0; r < rows; r++)
        for (var j = 0; j < n; j++)
        {
            double sum = 0, size = 0;
            for (var k = 0; k < depth; k++)
            {
                var s = transpose ? stored[k * rows + r] : stored[r * depth + k];
                sum += (double)s * b[k * n + j];
                size += Math.Abs((double)s * b[k * n + j]);
            }
            result[r * n + j] = alpha * sum + (beta == 0f ? 0 : beta * (double)c[r * n + j]);
            scale[r * n + j] = Math.Abs(alpha) * size + (beta == 0f ? 0 : Math.Abs(beta * (double)c[r * n + j]));
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_MatchesTheProductSummedInDouble(int rows, int n, int depth)
    {
        var s = new TwoStateMatrix();
        foreach (var (down, up) in new[] { (0f, 1f), (-1f, 1f) })
        foreach (var transpose in new[] { false, true })
        foreach (var (alpha, beta) in new[] { (1f, 0f), (-0.5f, 1f), (0.25f, 0.75f), (0f, 0.5f) })
        {
            var stored = States(rows * depth, down, up, 1);
            var b = GemmTests.Random(depth * n, 2);
            var start = GemmTests.Random(rows * n, 3);
            if (beta == 0f) Array.Fill(start, float.NaN);
            Assert.True(s.Encode(stored, rows, depth, down, up, transpose));
            var c = (float[])start.Clone();
            s.Multiply(Panels(b, depth, n), c, alpha, beta);
            var expected = Reference(stored, transpose, b, start, rows, n, depth, alpha, beta, out var scale);
            for (var i = 0; i < c.Length; i++)
                Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-6 * (depth + 4) * scale[i] + 1e-30,
                    $"states {down}/{up}, transpose {transpose}, α {alpha}, β {beta}: C[{i}] = {c[i]}, expected {expected[i]}");
        }
    }

    private static ColumnPanels Panels(float[] b, int depth, int n)
    {
        var panels = new ColumnPanels();
        panels.Pack(b, depth, n);
        return panels;
    }

    [Theory]
    [InlineData(5, 7)]
    [InlineData(70, 33)]
    [InlineData(512, 784)]
    public void Pack_Transposed_GivesTheSameProductAsTheRowMajorOperand(int depth, int n)
    {
        var s = new TwoStateMatrix();
        Assert.True(s.Encode(States(9 * depth, -1f, 1f, 10), 9, depth, -1f, 1f));
        var b = GemmTests.Random(depth * n, 11);
        var stored = new float[n * depth];
        for (var k = 0; k < depth; k++)
            for (var j = 0; j < n; j++) stored[j * depth + k] = b[k * n + j];
        var transposed = new ColumnPanels();
        transposed.Pack(stored, depth, n, transpose: true);
        var expected = new float[9 * n];
        s.Multiply(Panels(b, depth, n), expected);
        var actual = new float[9 * n];
        s.Multiply(transposed, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Multiply_IsBitIdenticalWithOneThreadOrTwo()
    {
        const int rows = 128, n = 784, depth = 512;
        var s = new TwoStateMatrix();
        Assert.True(s.Encode(States(rows * depth, 0f, 1f, 4), rows, depth, 0f, 1f));
        var b = Panels(GemmTests.Random(depth * n, 5), depth, n);
        var one = new float[rows * n];
        var two = new float[rows * n];
        s.Multiply(b, one, 0.5f, 0f, allowHelper: false);
        s.Multiply(b, two, 0.5f, 0f, allowHelper: true);
        Assert.Equal(one, two);
    }

    [Fact]
    public void Multiply_ZeroOneStates_EqualsTheDenseProductToRounding()
    {
        const int rows = 64, n = 96, depth = 130;
        var stored = States(rows * depth, 0f, 1f, 6);
        var b = GemmTests.Random(depth * n, 7);
        var dense = new float[rows * n];
        Gemm.Multiply(stored, b, dense, rows, n, depth);
        var s = new TwoStateMatrix();
        Assert.True(s.Encode(stored, rows, depth, 0f, 1f));
        var c = new float[rows * n];
        s.Multiply(Panels(b, depth, n), c);
        for (var i = 0; i < c.Length; i++) Assert.Equal(dense[i], c[i], 1e-4f);
    }

    [Theory]
    [InlineData(false, 0.5f)]
    [InlineData(true, 0.5f)]
    [InlineData(false, float.NaN)]
    [InlineData(true, -1f)]
    public void Encode_ValueThatIsNeitherState_IsRefused(bool transpose, float stray)
    {
        const int rows = 13, depth = 22;
        var s = new TwoStateMatrix();
        Assert.True(s.Encode(States(3 * 4, 0f, 1f, 8), 3, 4, 0f, 1f));
        foreach (var position in new[] { 0, 9, rows * depth - 1 })
        {
            var stored = States(rows * depth, 0f, 1f, 9);
            stored[position] = stray;
            Assert.False(s.Encode(stored, rows, depth, 0f, 1f, transpose));
            Assert.Equal((0, 0), (s.Rows, s.Depth));
        }
    }

    [Fact]
    public void Encode_EqualStates_Throws() =>
        Assert.Throws<ArgumentException>(() => new TwoStateMatrix().Encode(new float[4], 2, 2, 1f, 1f));

    [Fact]
    public void Multiply_ShortOperands_Throw()
    {
        var s = new TwoStateMatrix();
        Assert.True(s.Encode(new float[6], 2, 3, 0f, 1f));
        Assert.Throws<ArgumentException>(() => s.Multiply(Panels(new float[8], 4, 2), new float[4]));
        Assert.Throws<ArgumentException>(() => s.Multiply(Panels(new float[6], 3, 2), new float[3]));
        Assert.Throws<ArgumentException>(() => new ColumnPanels().Pack(new float[5], 3, 2));
    }
}
