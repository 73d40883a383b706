using Compute.Numerics;

namespace Compute.Tests.Numerics;

public class OdeTests
{
    [Fact]
    public void Solve_ExponentialDecay_MatchesExactSolution()
    {
        double[] times = [0.5, 1, 2, 5, 10];
        var y = Ode.Solve((t, y, d) => d[0] = -0.7 * y[0], 0, [3.0], times, 1e-10, 1e-12);
        for (var i = 0; i < times.Length; i++)
            Assert.Equal(3 * Math.Exp(-0.7 * times[i]), y[i][0], 9);
    }

    [Fact]
    public void Solve_HarmonicOscillator_ConservesEnergyAndPhase()
    {
        // x'' = −ω² x from (1, 0): x = cos ωt, energy ½(v² + ω² x²) = ω²/2.
        const double omega = 2.0;
        var times = Enumerable.Range(1, 20).Select(k => 5.0 * k).ToArray();
        var y = Ode.Solve((t, y, d) => { d[0] = y[1]; d[1] = -omega * omega * y[0]; }, 0, [1.0, 0.0], times, 1e-11, 1e-13);
        for (var i = 0; i < times.Length; i++)
        {
            Assert.Equal(Math.Cos(omega * times[i]), y[i][0], 7);
            Assert.Equal(omega * omega / 2, 0.5 * (y[i][1] * y[i][1] + omega * omega * y[i][0] * y[i][0]), 7);
        }
    }

    [Fact]
    public void Solve_TimeDependentLinear_MatchesExactSolution()
    {
        // y' = t y, y(0) = 1 → y = e^{t²/2}; also checks output at t0 itself.
        var y = Ode.Solve((t, y, d) => d[0] = t * y[0], 0, [1.0], [0.0, 1.0, 2.0], 1e-10, 1e-12);
        Assert.Equal(1.0, y[0][0]);
        Assert.Equal(Math.Exp(0.5), y[1][0], 9);
        Assert.Equal(Math.Exp(2.0), y[2][0], 8);
    }

    [Fact]
    public void Solve_BlowUp_ThrowsNamingTime()
    {
        // y' = y², y(0) = 1 blows up at t = 1.
        var e = Assert.Throws<InvalidOperationException>(() => Ode.Solve((t, y, d) => d[0] = y[0] * y[0], 0, [1.0], [2.0]));
        Assert.Contains("t =", e.Message);
    }
}
