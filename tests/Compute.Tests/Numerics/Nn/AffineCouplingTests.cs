using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Tests.Numerics.Nn;

public class AffineCouplingTests
{
    private static (AffineCoupling<double> Coupling, ParameterSet<double> Parameters) Build(ConditionerShape shape, int l, int batch, int parity)
    {
        var p = new ParameterSet<double>();
        var mask = new CheckerboardMask(l, parity);
        var v = l * l;
        Sequential<double> net = shape == ConditionerShape.Planar
            ? new(new CircularConv3x3<double>(p, l, 1, 3, batch), new LeakyRelu<double>(3 * v, batch),
                  new CircularConv3x3<double>(p, l, 3, 2, batch))
            : new(new Dense<double>(p, v / 2, 5, batch), new LeakyRelu<double>(5, batch), new Dense<double>(p, 5, v, batch));
        var rng = new Rng(17, 0);
        net.Initialize(ref rng);
        // Larger weights than the default make s and t far from zero, so every term of the backward pass matters.
        for (var i = 0; i < p.Count; i++) p.Values[i] *= 2.5;
        return (new AffineCoupling<double>(mask, net, shape, batch), p);
    }

    private static double[] Gaussian(int n, ulong seed)
    {
        var rng = new Rng(seed, 0);
        var v = new double[n];
        rng.FillNormal(v);
        return v;
    }

    [Theory]
    [InlineData(ConditionerShape.Planar, 0)]
    [InlineData(ConditionerShape.Planar, 1)]
    [InlineData(ConditionerShape.Compact, 0)]
    [InlineData(ConditionerShape.Compact, 1)]
    public void Backward_MatchesFiniteDifferences(ConditionerShape shape, int parity)
    {
        const int l = 4, batch = 2, v = l * l;
        var (coupling, p) = Build(shape, l, batch, parity);
        var x = Gaussian(batch * v, 1);
        var c = Gaussian(batch * v, 2);
        double[] g = [0.7, -1.3];
        var y = new double[batch * v];
        double Loss()
        {
            var logDet = new double[batch];
            coupling.Forward(x, y, logDet, batch);
            var sum = g[0] * logDet[0] + g[1] * logDet[1];
            for (var i = 0; i < y.Length; i++) sum += c[i] * y[i];
            return sum;
        }
        Loss();
        p.ZeroGradients();
        var dx = new double[batch * v];
        coupling.Backward(c, g, dx, batch);
        var grad = p.Gradients.ToArray();
        for (var i = 0; i < x.Length; i++)
            LayerGradientTests.AssertClose(LayerGradientTests.Central(Loss, a => x[i] = a, x[i]), dx[i]);
        for (var i = 0; i < p.Count; i++)
            LayerGradientTests.AssertClose(LayerGradientTests.Central(Loss, a => p.Values[i] = a, p.Values[i]), grad[i]);
    }

    [Theory]
    [InlineData(ConditionerShape.Planar)]
    [InlineData(ConditionerShape.Compact)]
    public void Inverse_ReconstructsInputAndUndoesLogDet(ConditionerShape shape)
    {
        const int l = 4, batch = 3, v = l * l;
        var (coupling, _) = Build(shape, l, batch, 1);
        var x = Gaussian(batch * v, 5);
        var y = new double[batch * v];
        var back = new double[batch * v];
        var logDet = new double[batch];
        coupling.Forward(x, y, logDet, batch);
        Assert.Contains(logDet, d => Math.Abs(d) > 1e-3);
        coupling.Inverse(y, back, logDet, batch);
        for (var i = 0; i < x.Length; i++) Assert.Equal(x[i], back[i], 12);
        foreach (var d in logDet) Assert.Equal(0, d, 12);
    }

    [Fact]
    public void Forward_FrozenHalfUnchanged()
    {
        const int l = 4, v = l * l;
        var (coupling, _) = Build(ConditionerShape.Planar, l, 1, 0);
        var x = Gaussian(v, 8);
        var y = new double[v];
        coupling.Forward(x, y, new double[1], 1);
        foreach (var f in new CheckerboardMask(l, 0).Frozen) Assert.Equal(x[f], y[f]);
    }

    [Fact]
    public void CheckerboardMask_OddLength_Throws() =>
        Assert.Throws<ArgumentException>(() => new CheckerboardMask(5, 0));
}
