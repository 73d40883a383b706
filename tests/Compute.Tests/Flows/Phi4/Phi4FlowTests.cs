using Compute.Flows.Phi4;
using Compute.Numerics;

namespace Compute.Tests.Flows.Phi4;

/// <summary>The RealNVP stack in double precision: invertibility, exact log-Jacobian, and the reverse-KL gradient.</summary>
public class Phi4FlowTests
{
    private static Phi4Flow<double> Flow(bool convolutional, int l = 4, int batch = 2)
    {
        var flow = new Phi4Flow<double>(new FlowArchitecture(l, 4, convolutional, 2, convolutional ? 3 : 6), batch, seed: 11);
        // Scale the default initialization up so that every coupling transforms visibly.
        var values = flow.Parameters.Values;
        for (var i = 0; i < values.Length; i++) values[i] *= 2;
        return flow;
    }

    private static double[] Gaussian(int n, ulong seed)
    {
        var rng = new Rng(seed, 0);
        var v = new double[n];
        rng.FillNormal(v);
        return v;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Inverse_ReconstructsInputAndLogDet(bool convolutional)
    {
        var flow = Flow(convolutional, batch: 3);
        var z = Gaussian(3 * 16, 1);
        var logDet = new double[3];
        var phi = flow.Forward(z, logDet, 3).ToArray();
        var back = new double[z.Length];
        var inverseLogDet = new double[3];
        flow.Inverse(phi, back, inverseLogDet, 3);
        for (var i = 0; i < z.Length; i++) Assert.Equal(z[i], back[i], 10);
        for (var b = 0; b < 3; b++) Assert.Equal(logDet[b], inverseLogDet[b], 10);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LogDet_MatchesFiniteDifferenceJacobian(bool convolutional)
    {
        const int v = 16;
        var flow = Flow(convolutional, batch: 1);
        var z = Gaussian(v, 2);
        var logDet = new double[1];
        flow.Forward(z, logDet, 1);
        var flowLogDet = logDet[0];
        var jacobian = new double[v, v];
        for (var j = 0; j < v; j++)
        {
            var keep = z[j];
            z[j] = keep + 1e-6;
            var plus = flow.Forward(z, logDet, 1).ToArray();
            z[j] = keep - 1e-6;
            var minus = flow.Forward(z, logDet, 1).ToArray();
            z[j] = keep;
            for (var i = 0; i < v; i++) jacobian[i, j] = (plus[i] - minus[i]) / 2e-6;
        }
        Assert.True(Math.Abs(flowLogDet) > 0.5, "the test flow should be far from the identity");
        Compute.Tests.Numerics.Nn.LayerGradientTests.AssertClose(LogAbsDet(jacobian, v), flowLogDet);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReverseKlGradient_MatchesFiniteDifferences(bool convolutional)
    {
        var flow = Flow(convolutional, batch: 2);
        var loss = new ReverseKl<double>(flow, new Phi4Action(4, -2, 1.5));
        var z = Gaussian(2 * 16, 3);
        flow.Parameters.ZeroGradients();
        loss.LossAndGradient(z, 2);
        var grad = flow.Parameters.Gradients.ToArray();
        var theta = flow.Parameters.Values;
        // Every 7th parameter keeps the test quick while touching every layer.
        for (var i = 0; i < theta.Length; i += 7)
        {
            var keep = theta[i];
            theta[i] = keep + 1e-6;
            var plus = loss.Draw(z, 2, out _);
            theta[i] = keep - 1e-6;
            var minus = loss.Draw(z, 2, out _);
            theta[i] = keep;
            var fd = (plus - minus) / 2e-6;
            Assert.True(Math.Abs(fd - grad[i]) <= 1e-5 * (1 + Math.Abs(fd)), $"θ[{i}]: backprop {grad[i]}, finite difference {fd}");
        }
    }

    /// <summary>ln|det J| by Gaussian elimination with partial pivoting.</summary>
    private static double LogAbsDet(double[,] m, int n)
    {
        var a = (double[,])m.Clone();
        var sum = 0.0;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (var j = 0; j < n; j++) (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            sum += Math.Log(Math.Abs(a[col, col]));
            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                for (var j = col; j < n; j++) a[r, j] -= f * a[col, j];
            }
        }
        return sum;
    }
}
