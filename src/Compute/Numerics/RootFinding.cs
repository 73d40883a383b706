namespace Compute.Numerics;

/// <summary>
/// Bracketing root finders in double precision.
/// Ref: Brent, Algorithms for Minimization without Derivatives (1973), ch. 4; Press et al., Numerical Recipes 3rd ed. §9.3.
/// </summary>
public static class RootFinding
{
    /// <summary>
    /// A root of f in [a, b] by Brent's method (inverse quadratic interpolation, secant and bisection),
    /// to an absolute x tolerance <paramref name="tol"/> (plus a few ulps). f(a) and f(b) must differ in sign
    /// (or one be zero); otherwise ArgumentException. NaN from f throws InvalidOperationException.
    /// </summary>
    public static double Brent(Func<double, double> f, double a, double b, double tol = 1e-12, int maxIterations = 200)
    {
        var fa = f(a);
        var fb = f(b);
        if (double.IsNaN(fa) || double.IsNaN(fb)) throw new InvalidOperationException($"Brent: f is NaN at a bracket end ({a}, {b}).");
        if (fa == 0) return a;
        if (fb == 0) return b;
        if (fa > 0 == fb > 0)
            throw new ArgumentException($"Brent: the root is not bracketed, f({a}) = {fa:g6} and f({b}) = {fb:g6} have the same sign.");
        double c = b, fc = fb, d = 0, e = 0;
        for (var iter = 0; iter < maxIterations; iter++)
        {
            if (fb > 0 == fc > 0)
            {
                // Keep the root between b and c.
                c = a;
                fc = fa;
                d = e = b - a;
            }
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                (a, b, c) = (b, c, b);
                (fa, fb, fc) = (fb, fc, fb);
            }
            var tol1 = 2 * double.Epsilon + 2e-16 * Math.Abs(b) + 0.5 * tol;
            var xm = 0.5 * (c - b);
            if (Math.Abs(xm) <= tol1 || fb == 0) return b;
            if (Math.Abs(e) >= tol1 && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q;
                var s = fb / fa;
                if (a == c)
                {
                    p = 2 * xm * s;
                    q = 1 - s;
                }
                else
                {
                    var qq = fa / fc;
                    var r = fb / fc;
                    p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
                    q = (qq - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) q = -q;
                p = Math.Abs(p);
                // Accept interpolation only if it stays inside the bracket and shrinks fast enough.
                if (2 * p < Math.Min(3 * xm * q - Math.Abs(tol1 * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = xm;
                    e = d;
                }
            }
            else
            {
                d = xm;
                e = d;
            }
            a = b;
            fa = fb;
            b += Math.Abs(d) > tol1 ? d : Math.CopySign(tol1, xm);
            fb = f(b);
            if (double.IsNaN(fb)) throw new InvalidOperationException($"Brent: f is NaN at x = {b}.");
        }
        throw new InvalidOperationException($"Brent: no convergence in {maxIterations} iterations (last x = {b}).");
    }
}
