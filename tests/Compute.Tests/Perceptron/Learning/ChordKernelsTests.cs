using Compute.Numerics;
using Compute.Perceptron.Learning;

namespace Compute.Tests.Perceptron.Learning;

[Trait("Category", "Kernels")]
public class ChordKernelsTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 67).Concat([127, 128, 129, 255, 256, 257, 1023, 1024, 1025])) data.Add(n);
        return data;
    }

    private static (double[] Z, double[] G) Inputs(int n)
    {
        var rng = new Rng(17, (ulong)n);
        var z = new double[n];
        var g = new double[n];
        rng.FillNormal(z);
        for (var i = 0; i < n; i++) g[i] = 1e-3 + rng.NextDouble() * 5;
        return (z, g);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RatioRange_AnyLength_EqualsScalarOracle(int n)
    {
        var (z, g) = Inputs(n);
        double max = double.NegativeInfinity, min = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            max = Math.Max(max, z[i] / g[i]);
            min = Math.Min(min, z[i] / g[i]);
        }
        var (vMax, vMin) = ChordKernels.RatioRange(z, g);
        Assert.Equal(max, vMax);
        Assert.Equal(min, vMin);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddScaledReturnMin_AnyLength_EqualsScalarOracle(int n)
    {
        var (z, g) = Inputs(n);
        var expected = (double[])g.Clone();
        var min = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            expected[i] += -0.37 * z[i];
            min = Math.Min(min, expected[i]);
        }
        Assert.Equal(min, ChordKernels.AddScaledReturnMin(z, -0.37, g));
        Assert.Equal(expected, g);
    }
}
