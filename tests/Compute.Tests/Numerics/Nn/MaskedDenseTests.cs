using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Tests.Numerics.Nn;

/// <summary>
/// MaskedDense in double (the same generic code the float runs use) against central finite differences,
/// and its sampling helper against the full forward pass.
/// </summary>
public class MaskedDenseTests
{
    private const double H = 1e-6;

    private static float[] RandomMask(int inputs, int outputs, ulong seed)
    {
        var rng = new Rng(seed, 5);
        var mask = new float[inputs * outputs];
        for (var k = 0; k < mask.Length; k++) mask[k] = rng.NextDouble() < 0.6 ? 1f : 0f;
        return mask;
    }

    private static double[] Random(int n, ulong seed)
    {
        var rng = new Rng(seed, 99);
        var v = new double[n];
        for (var i = 0; i < n; i++) v[i] = rng.NextGaussian();
        return v;
    }

    /// <summary>L = Σ c·tanh(y): nonlinear in θ and x, so the central difference is a real test of the backward pass.</summary>
    private static double Loss(Layer<double> layer, double[] x, double[] c, int batch)
    {
        var y = layer.Forward(x, batch);
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++) sum += c[i] * Math.Tanh(y[i]);
        return sum;
    }

    [Theory]
    [InlineData(9, 6, 4, 4)]
    [InlineData(7, 11, 5, 3)]
    [InlineData(1, 1, 2, 2)]
    public void Backward_RandomMask_MatchesFiniteDifferences(int inputs, int outputs, int maxBatch, int batch)
    {
        var p = new ParameterSet<double>();
        var mask = RandomMask(inputs, outputs, 3);
        var layer = new MaskedDense<double>(p, inputs, outputs, mask, maxBatch);
        // Nonzero values also under the mask: the layer must ignore them.
        var theta = p.Values;
        for (var k = 0; k < theta.Length; k++) theta[k] = Random(theta.Length, 4)[k];
        var x = Random(batch * inputs, 6);
        var c = Random(batch * outputs, 7);
        var y = layer.Forward(x, batch).ToArray();
        var dy = new double[y.Length];
        for (var k = 0; k < y.Length; k++) dy[k] = c[k] * (1 - Math.Tanh(y[k]) * Math.Tanh(y[k]));
        p.ZeroGradients();
        var dx = layer.Backward(x, dy, batch).ToArray();
        var grad = p.Gradients.ToArray();

        for (var k = 0; k < x.Length; k++)
        {
            var keep = x[k];
            x[k] = keep + H;
            var plus = Loss(layer, x, c, batch);
            x[k] = keep - H;
            var minus = Loss(layer, x, c, batch);
            x[k] = keep;
            var fd = (plus - minus) / (2 * H);
            Assert.True(Math.Abs(fd - dx[k]) <= 1e-6 * (1 + Math.Abs(fd)), $"∂L/∂x[{k}]: backward {dx[k]}, finite difference {fd}");
        }
        for (var k = 0; k < theta.Length; k++)
        {
            var keep = theta[k];
            theta[k] = keep + H;
            var plus = Loss(layer, x, c, batch);
            theta[k] = keep - H;
            var minus = Loss(layer, x, c, batch);
            theta[k] = keep;
            var fd = (plus - minus) / (2 * H);
            Assert.True(Math.Abs(fd - grad[k]) <= 1e-6 * (1 + Math.Abs(fd)), $"∂L/∂θ[{k}]: backward {grad[k]}, finite difference {fd}");
            if (k < inputs * outputs && mask[k] == 0) Assert.Equal(0.0, grad[k]);
        }
    }

    [Fact]
    public void Forward_MaskedWeights_HaveNoEffect()
    {
        const int inputs = 5, outputs = 4, batch = 3;
        var mask = RandomMask(inputs, outputs, 8);
        var p = new ParameterSet<double>();
        var layer = new MaskedDense<double>(p, inputs, outputs, mask, batch);
        Random(p.Count, 9).CopyTo(p.Values, 0);
        var x = Random(batch * inputs, 10);
        var y = layer.Forward(x, batch).ToArray();
        for (var k = 0; k < inputs * outputs; k++)
            if (mask[k] == 0) p.Values[k] += 100;
        var y2 = layer.Forward(x, batch).ToArray();
        Assert.Equal(y, y2);
        // And the kept weights do act: y = x·(M∘W) + b computed directly.
        for (var s = 0; s < batch; s++)
            for (var o = 0; o < outputs; o++)
            {
                var expected = p.Values[inputs * outputs + o];
                for (var i = 0; i < inputs; i++) expected += mask[i * outputs + o] * p.Values[i * outputs + o] * x[s * inputs + i];
                Assert.Equal(expected, y[s * outputs + o], 12);
            }
    }

    [Fact]
    public void ForwardColumns_PrefixOfStrictMask_MatchesFullForward()
    {
        const int n = 6, batch = 3;
        var degrees = Enumerable.Range(0, n).ToArray();
        var p = new ParameterSet<float>();
        var layer = new MaskedDense<float>(p, n, n, MaskedDense<float>.DegreeMask(degrees, degrees, strict: true), batch);
        var rng = new Rng(11);
        layer.Initialize(ref rng);
        var x = new float[batch * n];
        rng.FillNormal(x);
        var full = layer.Forward(x, batch).ToArray();
        var columns = new float[batch * n];
        for (var o = 0; o < n; o++) layer.ForwardColumns(x, columns, batch, o, 1, o);
        for (var k = 0; k < full.Length; k++) Assert.Equal(full[k], columns[k], 1e-5f * (1 + Math.Abs(full[k])));
    }

    [Fact]
    public void DegreeMask_StrictAndInclusive_FollowDegrees()
    {
        // Layout in × out: row i lists the outputs input i feeds.
        int[] degrees = [0, 1, 2];
        Assert.Equal([0, 1, 1, 0, 0, 1, 0, 0, 0], MaskedDense<float>.DegreeMask(degrees, degrees, strict: true));
        Assert.Equal([1, 1, 1, 0, 1, 1, 0, 0, 1], MaskedDense<float>.DegreeMask(degrees, degrees, strict: false));
    }

    [Fact]
    public void Initialize_MaskedWeightsZeroAndScaleFollowsFanIn()
    {
        var degrees = Enumerable.Range(0, 20).ToArray();
        var p = new ParameterSet<double>();
        var layer = new MaskedDense<double>(p, 20, 20, MaskedDense<double>.DegreeMask(degrees, degrees, strict: true), 1);
        var rng = new Rng(12);
        layer.Initialize(ref rng);
        for (var i = 0; i < 20; i++)
            for (var o = 0; o < 20; o++)
            {
                var w = p.Values[i * 20 + o];
                if (i >= o) Assert.Equal(0.0, w);
                else Assert.InRange(Math.Abs(w), 0, 1 / Math.Sqrt(o));
            }
    }

    [Fact]
    public void Constructor_NonBinaryMask_Throws() =>
        Assert.Throws<ArgumentException>(() => new MaskedDense<float>(new ParameterSet<float>(), 2, 1, [1f, 0.5f], 1));
}
