using Compute.EnergyModels.Rbm;
using Compute.Numerics;

namespace Compute.Tests.EnergyModels.Rbm;

/// <summary>
/// The block-Gibbs conditionals at batch sizes large enough that their elementwise passes are shared with the
/// helper thread, against direct double-precision sums.
/// </summary>
public class RbmGibbsTests
{
    [Theory]
    [InlineData(RbmUnits.Binary, 64)]
    [InlineData(RbmUnits.Spin, 37)]
    public void Conditionals_MatchDirectSums(RbmUnits units, int rows)
    {
        const int nv = 300, nh = 200;
        var m = new RestrictedBoltzmannMachine(nv, nh, units);
        var rng = new Rng(4, 1);
        m.InitializeRandom(ref rng, 0.1);
        for (var j = 0; j < nh; j++) m.B[j] = (float)(0.3 * rng.NextGaussian());
        for (var i = 0; i < nv; i++) m.A[i] = (float)(0.3 * rng.NextGaussian());
        var v = new float[rows * nv];
        for (var k = 0; k < v.Length; k++) v[k] = rng.NextDouble() < 0.5 ? 1f : m.Down;
        var h = new float[rows * nh];
        for (var k = 0; k < h.Length; k++) h[k] = rng.NextDouble() < 0.5 ? 1f : m.Down;

        var hp = new float[rows * nh];
        RbmGibbs.HiddenProbabilities(m, v, hp, rows);
        var vp = new float[rows * nv];
        RbmGibbs.VisibleProbabilities(m, h, vp, rows);

        var gain = units == RbmUnits.Spin ? 2.0 : 1.0;
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < nh; j++)
            {
                double field = m.B[j];
                for (var i = 0; i < nv; i++) field += v[r * nv + i] * (double)m.W[i * nh + j];
                Assert.Equal(1 / (1 + Math.Exp(-gain * field)), hp[r * nh + j], 2e-6);
            }
            for (var i = 0; i < nv; i++)
            {
                double field = m.A[i];
                for (var j = 0; j < nh; j++) field += h[r * nh + j] * (double)m.W[i * nh + j];
                Assert.Equal(1 / (1 + Math.Exp(-gain * field)), vp[r * nv + i], 2e-6);
            }
        }
    }

    [Theory]
    [InlineData(RbmUnits.Binary)]
    [InlineData(RbmUnits.Spin)]
    public void Sample_IsUpExactlyWhereUniformBelowProbability(RbmUnits units)
    {
        const int n = 50_001;
        var rng = new Rng(9, 2);
        var p = new float[n];
        var u = new float[n];
        rng.FillUniform(p);
        rng.FillUniform(u);
        var s = new float[n];
        RbmGibbs.Sample(p, u, s, units);
        var down = units == RbmUnits.Spin ? -1f : 0f;
        for (var k = 0; k < n; k++) Assert.Equal(u[k] < p[k] ? 1f : down, s[k]);
    }

    [Theory]
    [InlineData(RbmUnits.Binary, 128, 784)]
    [InlineData(RbmUnits.Spin, 7, 13)]
    public void Sample_WithStates_EncodesWhatItSampled(RbmUnits units, int rows, int columns)
    {
        var rng = new Rng(10, 2);
        var p = new float[rows * columns];
        var u = new float[rows * columns];
        rng.FillUniform(p);
        rng.FillUniform(u);
        var s = new float[rows * columns];
        var states = new TwoStateMatrix();
        RbmGibbs.Sample(p, u, s, units, rows, states);
        var down = units == RbmUnits.Spin ? -1f : 0f;
        for (var k = 0; k < s.Length; k++) Assert.Equal(u[k] < p[k] ? 1f : down, s[k]);

        // The encoded batch multiplies like the sampled one encoded afresh.
        var b = new float[columns * 40];
        rng.FillNormal(b);
        var panels = new ColumnPanels();
        panels.Pack(b, columns, 40);
        var fromSampling = new float[rows * 40];
        states.Multiply(panels, fromSampling);
        var afresh = new TwoStateMatrix();
        Assert.True(afresh.Encode(s, rows, columns, down, 1f));
        var expected = new float[rows * 40];
        afresh.Multiply(panels, expected);
        Assert.Equal(expected, fromSampling);
    }
}
