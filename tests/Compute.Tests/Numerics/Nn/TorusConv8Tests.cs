using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Tests.Numerics.Nn;

/// <summary>
/// The float convolution on the 8×8 torus (the direct kernel where AVX2+FMA exist, im2col otherwise) against the
/// double layer, whose forward is checked against the periodic sum and whose backward against finite differences.
/// </summary>
[Trait("Category", "Kernels")]
public class TorusConv8Tests
{
    [Theory]
    [InlineData(1, 8, 5)]
    [InlineData(8, 8, 3)]
    [InlineData(8, 2, 4)]
    [InlineData(3, 5, 2)]
    [InlineData(2, 1, 1)]
    public void FloatForwardAndBackward_MatchDoubleLayer(int inChannels, int outChannels, int batch)
    {
        var pd = new ParameterSet<double>();
        var convD = new CircularConv3x3<double>(pd, 8, inChannels, outChannels, batch);
        var rng = new Rng(7, (ulong)(inChannels * 10 + outChannels));
        convD.Initialize(ref rng);
        var pf = new ParameterSet<float>();
        var convF = new CircularConv3x3<float>(pf, 8, inChannels, outChannels, batch);
        for (var k = 0; k < pd.Count; k++) pf.Values[k] = (float)pd.Values[k];
        for (var k = 0; k < pd.Count; k++) pd.Values[k] = pf.Values[k];

        var x = Gaussians(batch * inChannels * 64, 11, out var xf);
        var dy = Gaussians(batch * outChannels * 64, 12, out var dyf);
        var yD = convD.Forward(x, batch).ToArray();
        var yF = convF.Forward(xf, batch).ToArray();
        AssertClose(yD, yF, "y");

        pd.ZeroGradients();
        pf.ZeroGradients();
        var dxD = convD.Backward(x, dy, batch).ToArray();
        var dxF = convF.Backward(xf, dyf, batch).ToArray();
        AssertClose(dxD, dxF, "∂x");
        AssertClose(pd.Gradients, pf.Gradients, "∂θ");

        // Gradients accumulate: a second backward doubles them.
        convF.Backward(xf, dyf, batch);
        var doubled = pd.Gradients.Select(g => 2 * g).ToArray();
        AssertClose(doubled, pf.Gradients, "2·∂θ");
    }

    [Fact]
    public void Float_IsReproducibleBitForBit()
    {
        static float[] Run()
        {
            var p = new ParameterSet<float>();
            var conv = new CircularConv3x3<float>(p, 8, 8, 8, 6);
            var rng = new Rng(3, 0);
            conv.Initialize(ref rng);
            Gaussians(6 * 8 * 64, 4, out var x);
            Gaussians(6 * 8 * 64, 5, out var dy);
            var y = conv.Forward(x, 6).ToArray();
            p.ZeroGradients();
            var dx = conv.Backward(x, dy, 6).ToArray();
            return [.. y, .. dx, .. p.Gradients];
        }
        Assert.Equal(Run(), Run());
    }

    private static double[] Gaussians(int n, ulong seed, out float[] asFloat)
    {
        var rng = new Rng(seed, 3);
        var d = new double[n];
        asFloat = new float[n];
        for (var i = 0; i < n; i++)
        {
            asFloat[i] = (float)rng.NextGaussian();
            d[i] = asFloat[i];
        }
        return d;
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<float> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        var scale = expected.Max(Math.Abs);
        for (var k = 0; k < expected.Count; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= 2e-5 * (1 + scale),
                $"{what}[{k}]: double {expected[k]}, float {actual[k]}");
    }
}
