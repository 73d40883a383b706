namespace Compute.Numerics;

/// <summary>Right-hand side of dy/dt = f(t, y): writes f(t, y) into <c>dydt</c> (same length as y).</summary>
public delegate void OdeRightHandSide(double t, ReadOnlySpan<double> y, Span<double> dydt);

/// <summary>
/// Adaptive Dormand-Prince 5(4) integration of systems dy/dt = f(t, y) in double precision, with local error
/// control err_i ≤ atol + rtol·max(|y_i|, |y_i,new|) (RMS norm), FSAL, and step-size control
/// h ← h·clamp(0.9·err^{−1/5}, 0.2, 5). Output is produced exactly at the requested times (steps are clipped).
/// Ref: Dormand &amp; Prince, J. Comput. Appl. Math. 6 (1980); Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.4-5.
/// </summary>
public static class Ode
{
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;
    // Difference between the 5th- and embedded 4th-order weights: the local error estimate.
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;

    /// <summary>
    /// Integrates from (<paramref name="t0"/>, <paramref name="y0"/>) and returns y at each of the ascending
    /// <paramref name="times"/> (all ≥ t0), one row per time. Throws InvalidOperationException naming t when the
    /// solution becomes NaN/∞ or the step size underflows, and when more than <paramref name="maxSteps"/> steps are needed.
    /// </summary>
    public static double[][] Solve(OdeRightHandSide f, double t0, ReadOnlySpan<double> y0, ReadOnlySpan<double> times,
        double rtol = 1e-8, double atol = 1e-10, int maxSteps = 1_000_000)
    {
        if (!(rtol > 0) || !(atol >= 0)) throw new ArgumentOutOfRangeException(nameof(rtol), "Tolerances must be positive.");
        var n = y0.Length;
        var y = y0.ToArray();
        var yNew = new double[n];
        var yTmp = new double[n];
        var k1 = new double[n];
        var k2 = new double[n];
        var k3 = new double[n];
        var k4 = new double[n];
        var k5 = new double[n];
        var k6 = new double[n];
        var k7 = new double[n];
        var result = new double[times.Length][];
        var t = t0;
        f(t, y, k1);
        var h = InitialStep(times.Length > 0 ? times[^1] - t0 : 0, y, k1, rtol, atol);
        var steps = 0;
        for (var m = 0; m < times.Length; m++)
        {
            var target = times[m];
            if (target < t) throw new ArgumentException($"Output times must be ascending and ≥ t0 (got {target} after {t}).", nameof(times));
            while (t < target)
            {
                if (++steps > maxSteps) throw new InvalidOperationException($"ODE: more than {maxSteps} steps needed before t = {target}.");
                var last = t + h >= target;
                var hStep = last ? target - t : h;
                for (var i = 0; i < n; i++) yTmp[i] = y[i] + hStep * A21 * k1[i];
                f(t + C2 * hStep, yTmp, k2);
                for (var i = 0; i < n; i++) yTmp[i] = y[i] + hStep * (A31 * k1[i] + A32 * k2[i]);
                f(t + C3 * hStep, yTmp, k3);
                for (var i = 0; i < n; i++) yTmp[i] = y[i] + hStep * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
                f(t + C4 * hStep, yTmp, k4);
                for (var i = 0; i < n; i++) yTmp[i] = y[i] + hStep * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
                f(t + C5 * hStep, yTmp, k5);
                for (var i = 0; i < n; i++) yTmp[i] = y[i] + hStep * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
                f(t + hStep, yTmp, k6);
                for (var i = 0; i < n; i++) yNew[i] = y[i] + hStep * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
                f(t + hStep, yNew, k7);
                var err = 0.0;
                for (var i = 0; i < n; i++)
                {
                    var ei = hStep * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
                    var scale = atol + rtol * Math.Max(Math.Abs(y[i]), Math.Abs(yNew[i]));
                    err += ei / scale * (ei / scale);
                }
                err = n == 0 ? 0 : Math.Sqrt(err / n);
                if (double.IsNaN(err) || double.IsInfinity(err))
                    throw new InvalidOperationException($"ODE: the solution became NaN or infinite near t = {t:g6}.");
                var factor = err == 0 ? 5 : Math.Clamp(0.9 * Math.Pow(err, -0.2), 0.2, 5);
                if (err <= 1)
                {
                    t = last ? target : t + hStep;
                    (y, yNew) = (yNew, y);
                    (k1, k7) = (k7, k1);
                    // A clipped final step says nothing about the natural step size; keep h unless it grows.
                    h = last ? Math.Max(h, hStep * factor) : hStep * factor;
                }
                else
                {
                    h = hStep * factor;
                }
                if (h < 1e-14 * Math.Max(1, Math.Abs(t)))
                    throw new InvalidOperationException($"ODE: step size underflow at t = {t:g6} (stiff or singular right-hand side).");
            }
            result[m] = (double[])y.Clone();
        }
        return result;
    }

    // Hairer-Wanner's starting step: h = 0.01·‖y‖/‖f‖ bounded by the span, so the first step is rarely rejected twice.
    private static double InitialStep(double span, ReadOnlySpan<double> y, ReadOnlySpan<double> f0, double rtol, double atol)
    {
        double d0 = 0, d1 = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var scale = atol + rtol * Math.Abs(y[i]);
            d0 += y[i] / scale * (y[i] / scale);
            d1 += f0[i] / scale * (f0[i] / scale);
        }
        var h = d0 < 1e-10 || d1 < 1e-10 ? 1e-6 : 0.01 * Math.Sqrt(d0 / d1);
        return span > 0 ? Math.Min(h, span) : Math.Max(h, 1e-6);
    }
}
