namespace Compute.Tests.Numerics;

/// <summary>
/// The lengths every vector kernel is checked over against its scalar oracle: all short lengths (every tail
/// of a 512-bit and a 256-bit vector) and the neighbours of a few powers of two.
/// </summary>
public static class KernelLengths
{
    public static IEnumerable<int> Values =>
        Enumerable.Range(0, 67).Concat([127, 128, 129, 255, 256, 257, 1023, 1024, 1025]);

    public static TheoryData<int> All => new(Values);
}
