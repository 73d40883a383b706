using Compute.Numerics;

namespace Compute.Tests.Numerics;

public class RootFindingTests
{
    [Fact]
    public void Brent_KnownRoots_FoundToTolerance()
    {
        Assert.Equal(Math.Sqrt(2), RootFinding.Brent(x => x * x - 2, 0, 2, 1e-14), 13);
        // Dottie number: cos x = x.
        Assert.Equal(0.7390851332151607, RootFinding.Brent(x => Math.Cos(x) - x, 0, 1, 1e-14), 13);
        Assert.Equal(Math.PI, RootFinding.Brent(Math.Sin, 3, 4, 1e-14), 13);
        // A flat, badly scaled function: (x − 1)^3 has a triple root.
        Assert.Equal(1.0, RootFinding.Brent(x => Math.Pow(x - 1, 3), -3, 2, 1e-12), 8);
        // H(x) = 0.1 at x = 1.2815515655446004.
        Assert.Equal(1.2815515655446004, RootFinding.Brent(x => Special.H(x) - 0.1, 0, 5, 1e-14), 12);
    }

    [Fact]
    public void Brent_NotBracketed_ThrowsWithValues()
    {
        var e = Assert.Throws<ArgumentException>(() => RootFinding.Brent(x => x * x + 1, -1, 1));
        Assert.Contains("not bracketed", e.Message);
    }
}
