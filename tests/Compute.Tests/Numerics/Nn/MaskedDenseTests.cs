using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Tests.Numerics.Nn;

public class MaskedDenseTests
{
    private static (MaskedDense Layer, float[] Parameters) RandomLayer(int inputs, int outputs, ulong seed)
    {
        var rng = new Rng(seed);
        var mask = new float[inputs * outputs];
        for (var k = 0; k < mask.Length; k++) mask[k] = rng.NextDouble() < 0.6 ? 1f : 0f;
        var layer = new MaskedDense(inputs, outputs, mask);
        var p = new float[layer.ParameterCount];
        rng.FillNormal(p);
        return (layer, p);
    }

    /// <summary>Y = X·(M∘W)ᵀ + b in double, the oracle.</summary>
    private static double[] ForwardDouble(MaskedDense layer, ReadOnlySpan<double> p, ReadOnlySpan<double> x, int batch)
    {
        var y = new double[batch * layer.Outputs];
        var m = layer.Mask;
        for (var r = 0; r < batch; r++)
            for (var o = 0; o < layer.Outputs; o++)
            {
                var sum = p[layer.Outputs * layer.Inputs + o];
                for (var i = 0; i < layer.Inputs; i++)
                    sum += m[o * layer.Inputs + i] * p[o * layer.Inputs + i] * x[r * layer.Inputs + i];
                y[r * layer.Outputs + o] = sum;
            }
        return y;
    }

    [Fact]
    public void Forward_RandomMask_MatchesDoubleOracle()
    {
        var (layer, p) = RandomLayer(13, 7, 1);
        const int batch = 5;
        var x = new float[batch * 13];
        new Rng(2).FillNormal(x);
        var y = new float[batch * 7];
        layer.Forward(p, x, y, batch);
        var expected = ForwardDouble(layer, p.Select(v => (double)v).ToArray(), x.Select(v => (double)v).ToArray(), batch);
        for (var k = 0; k < y.Length; k++) Assert.Equal(expected[k], y[k], 4);
    }

    [Fact]
    public void Backward_RandomMask_MatchesFiniteDifferencesInDouble()
    {
        // L = Σ C∘tanh(Y): nonlinear in the parameters and inputs, so the central difference (h = 1e-5 in double) is a real check.
        const int inputs = 9, outputs = 6, batch = 4;
        var (layer, p) = RandomLayer(inputs, outputs, 3);
        var rng = new Rng(4);
        var x = new float[batch * inputs];
        var c = new float[batch * outputs];
        rng.FillNormal(x);
        rng.FillNormal(c);
        var y = new float[batch * outputs];
        layer.Forward(p, x, y, batch);
        var dy = new float[y.Length];
        for (var k = 0; k < y.Length; k++) dy[k] = c[k] * (1 - MathF.Tanh(y[k]) * MathF.Tanh(y[k]));
        var grad = new float[layer.ParameterCount];
        var dx = new float[x.Length];
        layer.Backward(p, x, dy, grad, dx, batch);

        double Loss(double[] pd, double[] xd) =>
            ForwardDouble(layer, pd, xd, batch).Select((v, k) => c[k] * Math.Tanh(v)).Sum();

        var pd0 = p.Select(v => (double)v).ToArray();
        var xd0 = x.Select(v => (double)v).ToArray();
        const double h = 1e-5;
        for (var k = 0; k < p.Length; k++)
        {
            var plus = (double[])pd0.Clone();
            var minus = (double[])pd0.Clone();
            plus[k] += h;
            minus[k] -= h;
            var fd = (Loss(plus, xd0) - Loss(minus, xd0)) / (2 * h);
            Assert.True(Math.Abs(fd - grad[k]) <= 1e-4 * (1 + Math.Abs(fd)), $"dL/dθ[{k}]: backward {grad[k]}, finite difference {fd}");
            if (k < outputs * inputs && layer.Mask[k] == 0) Assert.Equal(0f, grad[k]);
        }
        for (var k = 0; k < x.Length; k++)
        {
            var plus = (double[])xd0.Clone();
            var minus = (double[])xd0.Clone();
            plus[k] += h;
            minus[k] -= h;
            var fd = (Loss(pd0, plus) - Loss(pd0, minus)) / (2 * h);
            Assert.True(Math.Abs(fd - dx[k]) <= 1e-4 * (1 + Math.Abs(fd)), $"dL/dx[{k}]: backward {dx[k]}, finite difference {fd}");
        }
    }

    [Fact]
    public void Backward_CalledTwice_AccumulatesGradients()
    {
        var (layer, p) = RandomLayer(5, 4, 5);
        var x = new float[2 * 5];
        var dy = new float[2 * 4];
        new Rng(6).FillNormal(x);
        new Rng(7).FillNormal(dy);
        var once = new float[layer.ParameterCount];
        layer.Backward(p, x, dy, once, [], 2);
        var twice = new float[layer.ParameterCount];
        layer.Backward(p, x, dy, twice, [], 2);
        layer.Backward(p, x, dy, twice, [], 2);
        for (var k = 0; k < once.Length; k++) Assert.Equal(2 * once[k], twice[k], 5);
    }

    [Fact]
    public void ForwardRows_PrefixOfStrictMask_MatchesFullForward()
    {
        const int n = 6, batch = 3;
        var degrees = Enumerable.Range(0, n).ToArray();
        var layer = new MaskedDense(n, n, MaskedDense.DegreeMask(degrees, degrees, strict: true));
        var p = new float[layer.ParameterCount];
        new Rng(8).FillNormal(p);
        var x = new float[batch * n];
        new Rng(9).FillNormal(x);
        var full = new float[batch * n];
        layer.Forward(p, x, full, batch);
        var rows = new float[batch * n];
        for (var o = 0; o < n; o++) layer.ForwardRows(p, x, rows, batch, o, 1, o);
        for (var k = 0; k < full.Length; k++) Assert.Equal(full[k], rows[k], 5);
    }

    [Fact]
    public void DegreeMask_StrictAndInclusive_FollowDegrees()
    {
        int[] inDeg = [0, 1, 2], outDeg = [0, 1, 2];
        Assert.Equal([0, 0, 0, 1, 0, 0, 1, 1, 0], MaskedDense.DegreeMask(inDeg, outDeg, strict: true));
        Assert.Equal([1, 0, 0, 1, 1, 0, 1, 1, 1], MaskedDense.DegreeMask(inDeg, outDeg, strict: false));
    }

    [Fact]
    public void Constructor_NonBinaryMask_Throws() =>
        Assert.Throws<ArgumentException>(() => new MaskedDense(2, 1, [1f, 0.5f]));
}
