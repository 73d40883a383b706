using Compute.Flows.Phi4;
using Compute.Numerics;

namespace Compute.Tests.Flows.Phi4;

public class Phi4ActionTests
{
    [Fact]
    public void FreeFieldLogZ_L8M1_MatchesPublishedValue() =>
        // SCIENCE.md 3.1: L = 8, m² = 1, no-½ convention.
        Assert.Equal(-11.6228852573, Phi4Action.FreeFieldLogZ(8, 1.0), 9);

    [Fact]
    public void FreeFieldLogZ_OneSite_IsGaussianIntegral()
    {
        // L = 1: S = m²φ² (the gradient term vanishes on a 1×1 torus), Z = √(π/m²).
        Assert.Equal(0.5 * Math.Log(Math.PI / 2.5), Phi4Action.FreeFieldLogZ(1, 2.5), 12);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        var action = new Phi4Action(4, -1.3, 0.7);
        var rng = new Rng(1, 0);
        var phi = new double[16];
        rng.FillNormal(phi);
        var grad = new double[16];
        action.Gradient<double>(phi, grad, 1.0);
        for (var i = 0; i < phi.Length; i++)
        {
            var keep = phi[i];
            phi[i] = keep + 1e-6;
            var plus = action.Evaluate<double>(phi);
            phi[i] = keep - 1e-6;
            var minus = action.Evaluate<double>(phi);
            phi[i] = keep;
            Compute.Tests.Numerics.Nn.LayerGradientTests.AssertClose((plus - minus) / 2e-6, grad[i]);
        }
    }

    [Fact]
    public void FromHopping_GivesSameActionAsHoppingForm()
    {
        const int l = 4;
        const double kappa = 0.28, lambdaH = 0.03;
        var action = Phi4Action.FromHopping(l, kappa, lambdaH);
        var rng = new Rng(2, 0);
        var phiH = new double[l * l];
        rng.FillNormal(phiH);
        var hopping = 0.0;
        for (var r = 0; r < l; r++)
        for (var c = 0; c < l; c++)
        {
            var x = phiH[r * l + c];
            hopping += -2 * kappa * x * (phiH[r * l + (c + 1) % l] + phiH[(r + 1) % l * l + c]) + (1 - 2 * lambdaH) * x * x + lambdaH * x * x * x * x;
        }
        var phi = phiH.Select(x => Math.Sqrt(kappa) * x).ToArray();
        Assert.Equal(hopping, action.Evaluate<double>(phi), 10);
    }

    [Fact]
    public void FreeFieldTwoPoint_EqualsInverseOfActionMatrix()
    {
        // e^{−φᵀAφ} with A = −Δ + m² has covariance (2A)⁻¹; build A for L = 4 and invert it directly.
        const int l = 4, v = l * l;
        const double m2 = 0.8;
        var a = new double[v, 2 * v];
        for (var r = 0; r < l; r++)
        for (var c = 0; c < l; c++)
        {
            var x = r * l + c;
            a[x, x] += 2 * (4 + m2);
            foreach (var y in new[] { r * l + (c + 1) % l, r * l + (c + l - 1) % l, (r + 1) % l * l + c, (r + l - 1) % l * l + c })
                a[x, y] -= 2;
            a[x, v + x] = 1;
        }
        for (var col = 0; col < v; col++)
        {
            var pivot = a[col, col];
            for (var j = 0; j < 2 * v; j++) a[col, j] /= pivot;
            for (var row = 0; row < v; row++)
            {
                if (row == col) continue;
                var f = a[row, col];
                for (var j = 0; j < 2 * v; j++) a[row, j] -= f * a[col, j];
            }
        }
        for (var r = 0; r <= l / 2; r++)
            Assert.Equal(a[0, v + r], Phi4Observables.FreeFieldTwoPoint(l, m2, r), 12);
    }
}
