using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Tests.Numerics.Nn;

/// <summary>MaskedConv2d in double (the same generic code the float runs use) against finite differences and its causal mask.</summary>
public class MaskedConv2dTests
{
    private const double H = 1e-6;

    private static double[] Random(int n, ulong seed)
    {
        var rng = new Rng(seed, 99);
        var v = new double[n];
        for (var i = 0; i < n; i++) v[i] = rng.NextGaussian();
        return v;
    }

    private static double Loss(Layer<double> layer, double[] x, double[] c, int batch)
    {
        var y = layer.Forward(x, batch);
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++) sum += c[i] * Math.Tanh(y[i]);
        return sum;
    }

    [Theory]
    [InlineData(4, 2, 3, 1, true, 2)]
    [InlineData(3, 1, 2, 2, false, 3)]
    [InlineData(5, 2, 1, 1, false, 1)]
    public void Backward_MatchesFiniteDifferences(int size, int inChannels, int outChannels, int halfKernel, bool strict, int batch)
    {
        var p = new ParameterSet<double>();
        var layer = new MaskedConv2d<double>(p, size, inChannels, outChannels, halfKernel, strict, batch);
        // Nonzero values also on masked taps: the layer must ignore them.
        Random(p.Count, 4).CopyTo(p.Values, 0);
        var x = Random(batch * layer.InputSize, 6);
        var c = Random(batch * layer.OutputSize, 7);
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
        var theta = p.Values;
        var weights = outChannels * inChannels * (2 * halfKernel + 1) * (2 * halfKernel + 1);
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
            if (k < weights && !layer.IsLive(k)) Assert.Equal(0.0, grad[k]);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forward_OutputAtSite_DependsOnlyOnEarlierSites(bool strict)
    {
        const int size = 5, batch = 1;
        var p = new ParameterSet<double>();
        var layer = new MaskedConv2d<double>(p, size, 2, 2, 2, strict, batch);
        Random(p.Count, 8).CopyTo(p.Values, 0);
        var x = Random(layer.InputSize, 9);
        var reference = layer.Forward(x, batch).ToArray();
        const int sites = size * size;
        for (var q = 0; q < sites; q++)
        {
            var perturbed = (double[])x.Clone();
            perturbed[q] += 1;
            perturbed[sites + q] -= 2;
            var y = layer.Forward(perturbed, batch);
            for (var o = 0; o < 2; o++)
                for (var site = 0; site < sites; site++)
                {
                    var sees = strict ? q < site : q <= site;
                    if (!sees) Assert.True(reference[o * sites + site] == y[o * sites + site], $"output {o},{site} changed with input site {q}");
                }
            // The site right after q (same row) does see it.
            if (q % size + 1 < size) Assert.NotEqual(reference[q + 1], y[q + 1]);
        }
    }

    [Fact]
    public void ForwardSite_EverySite_MatchesFullForward()
    {
        const int size = 4, batch = 3;
        var p = new ParameterSet<float>();
        var layer = new MaskedConv2d<float>(p, size, 2, 3, 1, false, batch);
        var rng = new Rng(10);
        layer.Initialize(ref rng);
        var x = new float[batch * layer.InputSize];
        rng.FillNormal(x);
        var full = layer.Forward(x, batch).ToArray();
        var sites = new float[full.Length];
        for (var s = 0; s < size * size; s++) layer.ForwardSite(x, sites, batch, s);
        for (var k = 0; k < full.Length; k++) Assert.Equal(full[k], sites[k], 1e-5f * (1 + Math.Abs(full[k])));
    }
}
