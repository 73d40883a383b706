using Compute.Numerics;

namespace Compute.Tests.Numerics;

/// <summary>Products with a pre-packed right operand against the plain product on the same operands, bit for bit.</summary>
[Trait("Category", "Kernels")]
public class PackedMatrixTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 17, 33, 65 }, { 129, 257, 31 }, { 3, 4, 0 }, { 0, 3, 4 },
        // Past KC (512) and NC (1024), and large enough for the two-thread split: rows and columns.
        { 40, 50, 1100 }, { 31, 2100, 20 }, { 128, 512, 784 }, { 128, 784, 512 }, { 3, 1500, 900 },
    };

    private static float[] Random(int count, ulong seed) => GemmTests.Random(count, seed);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_EqualsPlainProductBitForBit(int m, int n, int k)
    {
        var packed = new PackedMatrix();
        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        foreach (var (alpha, beta) in new[] { (1f, 0f), (-0.5f, 1f), (0.25f, 0.75f), (0f, 0.5f) })
        {
            var a = Random(m * k, 1);
            var b = Random(k * n, 2);
            var start = Random(m * n, 3);
            var expected = (float[])start.Clone();
            Gemm.Multiply(a, b, expected, m, n, k, ta, tb, alpha, beta);
            packed.Pack(b, k, n, tb);
            var actual = (float[])start.Clone();
            Gemm.Multiply(a, packed, actual, m, ta, alpha, beta);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Repack_ReplacesTheOperand()
    {
        var packed = new PackedMatrix();
        packed.Pack(Random(600 * 700, 4), 600, 700);
        var b = Random(20 * 30, 5);
        packed.Pack(b, 20, 30, transposeB: true);
        Assert.Equal((20, 30, true), (packed.K, packed.N, packed.Transposed));
        var a = Random(7 * 20, 6);
        var expected = new float[7 * 30];
        Gemm.Multiply(a, b, expected, 7, 30, 20, transposeB: true);
        var actual = new float[7 * 30];
        Gemm.Multiply(a, packed, actual, 7);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Pack_ShortOperand_Throws() =>
        Assert.Throws<ArgumentException>(() => new PackedMatrix().Pack(new float[5], 2, 3));
}
