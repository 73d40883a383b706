namespace Compute.Numerics.Optim;

/// <summary>Outcome of an L-BFGS minimization.</summary>
public readonly record struct LbfgsResult(double Value, double GradientNorm, int Iterations, bool Converged);

/// <summary>
/// Limited-memory BFGS minimization of a smooth function f(x) given as value-and-gradient, with the
/// two-loop recursion over the last <c>memory</c> pairs (s, y), the initial Hessian scaled by sᵀy/yᵀy,
/// and a backtracking Armijo line search (pairs with sᵀy ≤ 0 are skipped, keeping the metric positive).
/// Stops when ‖∇f‖_∞ ≤ tolerance or after the iteration limit. Double precision, allocates per call only.
/// Ref: Nocedal &amp; Wright, Numerical Optimization (2nd ed.), Alg. 7.4-7.5 and §3.1.
/// </summary>
public static class Lbfgs
{
    /// <summary>Computes f(x) and writes ∇f(x) into the second argument.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    public static LbfgsResult Minimize(Objective f, Span<double> x, double tolerance, int maxIterations, int memory = 10, CancellationToken ct = default)
    {
        var n = x.Length;
        var g = new double[n];
        var direction = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var s = new double[memory][];
        var y = new double[memory][];
        var rho = new double[memory];
        var alpha = new double[memory];
        for (var k = 0; k < memory; k++)
        {
            s[k] = new double[n];
            y[k] = new double[n];
        }
        var value = f(x, g);
        if (!double.IsFinite(value)) throw new InvalidOperationException("L-BFGS: the objective is not finite at the starting point.");
        int stored = 0, head = 0, iteration = 0;
        while (true)
        {
            var gradientNorm = MaxAbs(g);
            if (gradientNorm <= tolerance) return new LbfgsResult(value, gradientNorm, iteration, true);
            if (iteration == maxIterations) return new LbfgsResult(value, gradientNorm, iteration, false);
            ct.ThrowIfCancellationRequested();
            iteration++;

            // Two-loop recursion: direction = −H·g.
            for (var i = 0; i < n; i++) direction[i] = -g[i];
            for (var k = 0; k < stored; k++)
            {
                var idx = (head - 1 - k + memory) % memory;
                alpha[idx] = rho[idx] * Dot(s[idx], direction);
                Axpy(-alpha[idx], y[idx], direction);
            }
            if (stored > 0)
            {
                var last = (head - 1 + memory) % memory;
                var gamma = Dot(s[last], y[last]) / Dot(y[last], y[last]);
                for (var i = 0; i < n; i++) direction[i] *= gamma;
            }
            for (var k = stored - 1; k >= 0; k--)
            {
                var idx = (head - 1 - k + memory) % memory;
                var beta = rho[idx] * Dot(y[idx], direction);
                Axpy(alpha[idx] - beta, s[idx], direction);
            }
            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction (curvature information went stale): restart from steepest descent.
                for (var i = 0; i < n; i++) direction[i] = -g[i];
                slope = Dot(g, direction);
                stored = 0;
            }

            // Backtracking line search with the Armijo condition; the first step of the very first iteration is scaled to unit length.
            var step = stored == 0 && iteration == 1 ? Math.Min(1.0, 1.0 / Math.Sqrt(Dot(direction, direction))) : 1.0;
            double newValue;
            var accepted = false;
            for (var trial = 0; trial < 60; trial++)
            {
                for (var i = 0; i < n; i++) xNew[i] = x[i] + step * direction[i];
                newValue = f(xNew, gNew);
                if (double.IsFinite(newValue) && newValue <= value + 1e-4 * step * slope)
                {
                    for (var i = 0; i < n; i++)
                    {
                        s[head][i] = xNew[i] - x[i];
                        y[head][i] = gNew[i] - g[i];
                    }
                    var sy = Dot(s[head], y[head]);
                    if (sy > 1e-12 * Math.Sqrt(Dot(s[head], s[head]) * Dot(y[head], y[head])))
                    {
                        rho[head] = 1 / sy;
                        head = (head + 1) % memory;
                        stored = Math.Min(stored + 1, memory);
                    }
                    xNew.CopyTo(x);
                    gNew.CopyTo(g, 0);
                    value = newValue;
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) return new LbfgsResult(value, MaxAbs(g), iteration, MaxAbs(g) <= tolerance);
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < x.Length; i++) y[i] += a * x[i];
    }

    private static double MaxAbs(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (var x in v) m = Math.Max(m, Math.Abs(x));
        return m;
    }
}
