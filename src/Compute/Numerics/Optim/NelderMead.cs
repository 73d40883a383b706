namespace Compute.Numerics.Optim;

/// <summary>
/// Derivative-free minimization of a few parameters by the Nelder-Mead simplex (reflection 1, expansion 2, contraction ½,
/// shrink ½), from a start point with initial steps <c>scale</c>; stops when the simplex's values differ by less than
/// <c>tolerance</c> or after the evaluation limit. Ref: Nelder &amp; Mead, Comput. J. 7, 308 (1965); Lagarias et al., SIAM J. Optim. 9 (1998).
/// </summary>
public static class NelderMead
{
    public static (double[] X, double Value) Minimize(Func<double[], double> f, double[] start, double scale, double tolerance, int maxEvaluations, CancellationToken ct = default)
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            points[i] = (double[])start.Clone();
            if (i > 0) points[i][i - 1] += scale;
            values[i] = f(points[i]);
        }
        var evaluations = n + 1;
        while (evaluations < maxEvaluations)
        {
            ct.ThrowIfCancellationRequested();
            Array.Sort(values, points);
            if (values[n] - values[0] <= tolerance) break;
            var centroid = new double[n];
            for (var i = 0; i < n; i++)
                for (var d = 0; d < n; d++) centroid[d] += points[i][d] / n;
            double[] Along(double t) => centroid.Select((c, d) => c + t * (points[n][d] - c)).ToArray();
            var reflected = Along(-1);
            var fr = f(reflected);
            evaluations++;
            if (fr < values[0])
            {
                var expanded = Along(-2);
                var fe = f(expanded);
                evaluations++;
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (points[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = fr < values[n] ? Along(-0.5) : Along(0.5);
                var fc = f(contracted);
                evaluations++;
                if (fc < Math.Min(fr, values[n]))
                {
                    (points[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        for (var d = 0; d < n; d++) points[i][d] = points[0][d] + 0.5 * (points[i][d] - points[0][d]);
                        values[i] = f(points[i]);
                    }
                    evaluations += n;
                }
            }
        }
        Array.Sort(values, points);
        return (points[0], values[0]);
    }
}
