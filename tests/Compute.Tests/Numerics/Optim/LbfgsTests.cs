using Compute.Numerics.Optim;

namespace Compute.Tests.Numerics.Optim;

public class LbfgsTests
{
    [Fact]
    public void Minimize_Rosenbrock_FindsTheValley()
    {
        static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
        {
            double f = 0;
            g.Clear();
            for (var i = 0; i < x.Length - 1; i++)
            {
                var a = x[i + 1] - x[i] * x[i];
                var b = 1 - x[i];
                f += 100 * a * a + b * b;
                g[i] += -400 * a * x[i] - 2 * b;
                g[i + 1] += 200 * a;
            }
            return f;
        }
        var x = new double[] { -1.2, 1, -1.2, 1, 0.5, -0.3 };
        var result = Lbfgs.Minimize(Rosenbrock, x, tolerance: 1e-9, maxIterations: 2000, ct: TestContext.Current.CancellationToken);
        Assert.True(result.Converged, $"{result}");
        Assert.All(x, xi => Assert.Equal(1.0, xi, 6));
    }

    [Fact]
    public void Minimize_Quadratic_ConvergesInFewIterations()
    {
        // f = ½ xᵀAx − bᵀx with A = diag(1…20): minimum at x_i = b_i / A_ii.
        double Quadratic(ReadOnlySpan<double> x, Span<double> g)
        {
            double f = 0;
            for (var i = 0; i < x.Length; i++)
            {
                f += 0.5 * (i + 1) * x[i] * x[i] - x[i];
                g[i] = (i + 1) * x[i] - 1;
            }
            return f;
        }
        var x = new double[20];
        var result = Lbfgs.Minimize(Quadratic, x, 1e-10, 200, ct: TestContext.Current.CancellationToken);
        Assert.True(result.Converged);
        Assert.True(result.Iterations < 60, $"{result.Iterations} iterations");
        for (var i = 0; i < 20; i++) Assert.Equal(1.0 / (i + 1), x[i], 9);
    }
}
