using Compute.Numerics;

namespace Compute.Tests.Numerics;

/// <summary>
/// The transposing 16×16-tile packing paths (A row-major into 14-row panels, B transposed into 32-column panels)
/// against the scalar copy, bit for bit, over odd block sizes, offsets and depths (vector part plus scalar tail).
/// Without AVX-512 both calls take the scalar path.
/// </summary>
[Trait("Category", "Kernels")]
public class GemmPackingTests
{
    public static TheoryData<int, int, int, int> Blocks => new()
    {
        // outer extent, depth, outer offset, depth offset
        { 1, 1, 0, 0 }, { 13, 15, 0, 0 }, { 14, 16, 0, 0 }, { 15, 17, 1, 3 }, { 29, 33, 2, 5 },
        { 31, 47, 0, 16 }, { 33, 65, 3, 0 }, { 47, 127, 1, 1 }, { 64, 128, 0, 0 }, { 97, 257, 5, 7 },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void PackA_RowMajorA_VectorMatchesScalar(int rows, int depth, int rowOffset, int depthOffset)
    {
        var (m, k) = (rows + rowOffset + 2, depth + depthOffset + 3);
        var a = Fill(m * k, 1);
        var vector = Gemm.PackForTest(a, packA: true, m, 1, k, false, false, rowOffset, rows, depthOffset, depth, vectorized: true);
        var scalar = Gemm.PackForTest(a, packA: true, m, 1, k, false, false, rowOffset, rows, depthOffset, depth, vectorized: false);
        Assert.Equal(scalar, vector);
        // The scalar oracle itself: panel t, depth p, row r holds A[offset + 14t + r, depthOffset + p] (zero past the edge).
        for (var i = 0; i < rows; i++)
            for (var p = 0; p < depth; p++)
                Assert.Equal(a[(rowOffset + i) * k + depthOffset + p], scalar[i / 14 * 14 * depth + p * 14 + i % 14]);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void PackB_TransposedB_VectorMatchesScalar(int cols, int depth, int colOffset, int depthOffset)
    {
        var (n, k) = (cols + colOffset + 2, depth + depthOffset + 3);
        var b = Fill(n * k, 2);
        var vector = Gemm.PackForTest(b, packA: false, 1, n, k, false, true, colOffset, cols, depthOffset, depth, vectorized: true);
        var scalar = Gemm.PackForTest(b, packA: false, 1, n, k, false, true, colOffset, cols, depthOffset, depth, vectorized: false);
        Assert.Equal(scalar, vector);
        for (var j = 0; j < cols; j++)
            for (var p = 0; p < depth; p++)
                Assert.Equal(b[(colOffset + j) * k + depthOffset + p], scalar[j / 32 * 32 * depth + p * 32 + j % 32]);
    }

    private static float[] Fill(int length, ulong seed)
    {
        var rng = new Rng(seed, 0);
        var x = new float[length];
        rng.FillNormal(x);
        return x;
    }
}
