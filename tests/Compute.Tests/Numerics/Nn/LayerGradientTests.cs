using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Tests.Numerics.Nn;

/// <summary>
/// Every hand-written backward pass against central finite differences, in double precision (the layers are
/// generic; double is the same code the float runs use). Loss L = Σ c·y with random c, so ∂L/∂y = c.
/// </summary>
public class LayerGradientTests
{
    private const double H = 1e-6;

    private static double[] Random(int n, ulong seed, double scale = 1)
    {
        var rng = new Rng(seed, 99);
        var v = new double[n];
        for (var i = 0; i < n; i++) v[i] = scale * rng.NextGaussian();
        return v;
    }

    private static double Loss(Layer<double> layer, double[] x, double[] c, int batch)
    {
        var y = layer.Forward(x, batch);
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++) sum += c[i] * y[i];
        return sum;
    }

    /// <summary>Checks ∂L/∂x and ∂L/∂θ of <paramref name="layer"/> against central differences.</summary>
    private static void CheckLayer(Layer<double> layer, ParameterSet<double>? parameters, int batch, ulong seed)
    {
        if (parameters is not null)
        {
            var rng = new Rng(seed, 1);
            layer.Initialize(ref rng);
        }
        var x = Random(batch * layer.InputSize, seed + 1);
        var c = Random(batch * layer.OutputSize, seed + 2);
        layer.Forward(x, batch);
        parameters?.ZeroGradients();
        var dx = layer.Backward(x, c, batch).ToArray();
        for (var i = 0; i < x.Length; i++)
        {
            var keep = x[i];
            x[i] = keep + H;
            var plus = Loss(layer, x, c, batch);
            x[i] = keep - H;
            var minus = Loss(layer, x, c, batch);
            x[i] = keep;
            var fd = (plus - minus) / (2 * H);
            Assert.True(Math.Abs(fd - dx[i]) <= 1e-6 * (1 + Math.Abs(fd)), $"∂L/∂x[{i}]: backward {dx[i]}, finite difference {fd}");
        }
        if (parameters is null) return;
        var theta = parameters.Values;
        var grad = parameters.Gradients.ToArray();
        Assert.Equal(layer.ParameterCount, theta.Length);
        for (var i = 0; i < theta.Length; i++)
        {
            var keep = theta[i];
            theta[i] = keep + H;
            var plus = Loss(layer, x, c, batch);
            theta[i] = keep - H;
            var minus = Loss(layer, x, c, batch);
            theta[i] = keep;
            var fd = (plus - minus) / (2 * H);
            Assert.True(Math.Abs(fd - grad[i]) <= 1e-6 * (1 + Math.Abs(fd)), $"∂L/∂θ[{i}]: backward {grad[i]}, finite difference {fd}");
        }
    }

    [Fact]
    public void Dense_Backward_MatchesFiniteDifferences()
    {
        var p = new ParameterSet<double>();
        CheckLayer(new Dense<double>(p, 5, 3, 4), p, batch: 4, seed: 10);
    }

    [Fact]
    public void Dense_Backward_PartialBatch_MatchesFiniteDifferences()
    {
        var p = new ParameterSet<double>();
        CheckLayer(new Dense<double>(p, 4, 6, 8), p, batch: 3, seed: 11);
    }

    [Theory]
    [InlineData(4, 1, 3, 2)]
    [InlineData(4, 2, 2, 3)]
    [InlineData(3, 2, 1, 1)]
    public void CircularConv3x3_Backward_MatchesFiniteDifferences(int length, int inChannels, int outChannels, int batch)
    {
        var p = new ParameterSet<double>();
        CheckLayer(new CircularConv3x3<double>(p, length, inChannels, outChannels, batch + 1), p, batch, seed: 20);
    }

    [Fact]
    public void CircularConv3x3_Forward_EqualsDirectPeriodicSum()
    {
        const int l = 3, cin = 2, cout = 2, batch = 2;
        var p = new ParameterSet<double>();
        var conv = new CircularConv3x3<double>(p, l, cin, cout, batch);
        var rng = new Rng(5, 0);
        conv.Initialize(ref rng);
        var x = Random(batch * cin * l * l, 6);
        var y = conv.Forward(x, batch).ToArray();
        var w = p.Values;
        var plane = batch * l * l;
        for (var o = 0; o < cout; o++)
        for (var b = 0; b < batch; b++)
        for (var r = 0; r < l; r++)
        for (var c = 0; c < l; c++)
        {
            var expected = w[cout * cin * 9 + o];
            for (var i = 0; i < cin; i++)
            for (var dr = -1; dr <= 1; dr++)
            for (var dc = -1; dc <= 1; dc++)
                expected += w[((o * cin + i) * 3 + dr + 1) * 3 + dc + 1] * x[i * plane + b * l * l + (r + dr + l) % l * l + (c + dc + l) % l];
            Assert.Equal(expected, y[o * plane + b * l * l + r * l + c], 12);
        }
    }

    [Fact]
    public void LeakyRelu_Backward_MatchesFiniteDifferences() => CheckLayer(new LeakyRelu<double>(37, 3, 0.2), null, 3, 30);

    [Fact]
    public void Tanh_Backward_MatchesFiniteDifferences() => CheckLayer(new Tanh<double>(37, 3), null, 3, 31);

    [Fact]
    public void Softplus_Backward_MatchesFiniteDifferences() => CheckLayer(new Softplus<double>(37, 3), null, 3, 32);

    [Fact]
    public void Softplus_LargeArguments_DoNotOverflow()
    {
        var layer = new Softplus<float>(3, 1);
        var y = layer.Forward([100f, -100f, 0f], 1);
        Assert.Equal(100f, y[0]);
        Assert.True(y[1] is >= 0f and < 1e-40f);
        Assert.Equal(MathF.Log(2), y[2], 6);
    }

    [Fact]
    public void Sequential_Backward_MatchesFiniteDifferences()
    {
        var p = new ParameterSet<double>();
        var net = new Sequential<double>(new Dense<double>(p, 4, 6, 2), new Tanh<double>(6, 2), new Dense<double>(p, 6, 3, 2));
        var rng = new Rng(3, 0);
        net.Initialize(ref rng);
        var x = Random(8, 40);
        var c = Random(6, 41);
        double Loss()
        {
            var y = net.Forward(x, 2);
            var s = 0.0;
            for (var i = 0; i < y.Length; i++) s += c[i] * y[i];
            return s;
        }
        Loss();
        p.ZeroGradients();
        var dx = net.Backward(x, c, 2).ToArray();
        var grad = p.Gradients.ToArray();
        for (var i = 0; i < x.Length; i++)
            AssertClose(Central(() => Loss(), v => x[i] = v, x[i]), dx[i]);
        for (var i = 0; i < p.Count; i++)
            AssertClose(Central(() => Loss(), v => p.Values[i] = v, p.Values[i]), grad[i]);
    }

    /// <summary>|expected − actual| ≤ tolerance·(1 + |expected|): an absolute-or-relative bound with no rounding-boundary flakiness.</summary>
    internal static void AssertClose(double expected, double actual, double tolerance = 1e-6) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected)), $"expected {expected}, got {actual}");

    internal static double Central(Func<double> f, Action<double> set, double at)
    {
        set(at + H);
        var plus = f();
        set(at - H);
        var minus = f();
        set(at);
        return (plus - minus) / (2 * H);
    }
}
