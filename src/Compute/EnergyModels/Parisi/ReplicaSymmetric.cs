using Compute.Numerics;

namespace Compute.EnergyModels.Parisi;

/// <summary>
/// The replica-symmetric solution of the SK model (J_ij ~ N(0, 1/N), field h): q = E_z tanh²(β(h + √q z)),
/// −βf = β²(1 − q)²/4 + E_z ln 2cosh(β(h + √q z)), u = −(β/2)(1 − q²) − h m with m = E_z tanh(β(h + √q z)), s = β(u − f);
/// at T = 0 (q → 1) u = f = −E_z|h + z| (−√(2/π) at h = 0). It is stable while λ = 1 − β² E_z sech⁴(β(h + √q z)) &gt; 0;
/// λ = 0 is the de Almeida-Thouless line, through T = 1 at h = 0.
/// Ref: Sherrington &amp; Kirkpatrick, PRL 35, 1792 (1975); de Almeida &amp; Thouless, J. Phys. A 11, 983 (1978).
/// </summary>
public static class ReplicaSymmetric
{
    public readonly record struct Point(double Temperature, double Q, double FreeEnergy, double Energy, double Entropy, double Magnetization, double Stability);

    public static Point Solve(double temperature, double field)
    {
        if (temperature == 0)
        {
            var e = -Gaussian(z => Math.Abs(field + z));
            return new Point(0, 1, e, e, 0, 1 - 2 * Special.H(field), double.NegativeInfinity);
        }
        var beta = 1 / temperature;
        var q = Overlap(beta, field);
        var sq = Math.Sqrt(q);
        var logCosh = Gaussian(z => Perceptron.Amp.AmpPriors.LogCosh(beta * (field + sq * z)));
        var m = Gaussian(z => Math.Tanh(beta * (field + sq * z)));
        var f = -beta * (1 - q) * (1 - q) / 4 - (Math.Log(2) + logCosh) / beta;
        var u = -beta / 2 * (1 - q * q) - field * m;
        return new Point(temperature, q, f, u, beta * (u - f), m, Stability(beta, field, q));
    }

    /// <summary>The RS overlap: the largest root of q = E tanh²(β(h + √q z)) (0 in the paramagnet at h = 0).</summary>
    public static double Overlap(double beta, double field)
    {
        double G(double q) { var sq = Math.Sqrt(q); return Gaussian(z => { var th = Math.Tanh(beta * (field + sq * z)); return th * th; }) - q; }
        const double low = 1e-12;
        if (G(low) <= 0) return 0;
        return RootFinding.Brent(G, low, 1, 1e-14);
    }

    /// <summary>λ = 1 − β² E sech⁴(β(h + √q z)): the replicon eigenvalue, positive where RS is stable.</summary>
    public static double Stability(double beta, double field, double q)
    {
        var sq = Math.Sqrt(q);
        return 1 - beta * beta * Gaussian(z => { var c = 1 / Math.Cosh(beta * (field + sq * z)); return c * c * c * c; });
    }

    /// <summary>The AT temperature at field h: the T where the RS solution's replicon eigenvalue vanishes.</summary>
    public static double AlmeidaThoulessTemperature(double field) =>
        RootFinding.Brent(t => Stability(1 / t, field, Overlap(1 / t, field)), 0.05, 1.5, 1e-12);

    private static double Gaussian(Func<double, double> f) =>
        Quadrature.Integrate(z => Special.Phi(z) * f(z), double.NegativeInfinity, double.PositiveInfinity, 1e-13);
}
