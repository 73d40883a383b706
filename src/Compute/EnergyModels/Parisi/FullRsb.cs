using Compute.Numerics.Optim;

namespace Compute.EnergyModels.Parisi;

/// <summary>
/// Full replica symmetry breaking, numerically: the order parameter x(q) piecewise constant on M equal intervals of
/// [0, 1], its values chosen by L-BFGS to maximize f (the Parisi functional is convex in x). μ_j = βx_j is written as
/// a cumulative sum of positive increments so that it stays nondecreasing, and at T &gt; 0 as β times a cumulative
/// softmax so that it stays ≤ β. As M grows this converges to the solution of the Parisi PDE.
/// </summary>
internal static class FullRsb
{
    public sealed record Solution(double FreeEnergy, double[] Levels, double[] Mu, int Iterations);

    public static Solution Solve(double beta, double field, int intervals, double[]? startMu = null, CancellationToken ct = default)
    {
        var q = Enumerable.Range(0, intervals + 1).Select(j => (double)j / intervals).ToArray();
        var functional = new ParisiFunctional(field);
        var zeroT = double.IsPositiveInfinity(beta);
        var theta = new double[zeroT ? intervals : intervals + 1];
        // The T = 0 solution is close to μ(q) ≈ 1.3q/(1 − 0.6q); at T > 0, x(q) rises to 1 near q_EA.
        var start = startMu ?? q[..intervals].Select(x => zeroT ? 1.3 * x / (1 - 0.6 * x) : Math.Min(beta * 0.999, 1.3 * x / (1 - 0.6 * x))).ToArray();
        Encode(start, beta, theta);
        var mu = new double[intervals];
        var dMu = new double[intervals];
        double Objective(ReadOnlySpan<double> t, Span<double> gradient)
        {
            ct.ThrowIfCancellationRequested();
            Decode(t, beta, mu);
            var g = functional.G(q, mu, beta, dMu);
            Chain(t, beta, dMu, gradient);
            return g;
        }
        var result = Lbfgs.Minimize(Objective, theta, 1e-7, 200, ct: ct);
        Decode(theta, beta, mu);
        return new Solution(functional.FreeEnergy(q, mu, beta), q, (double[])mu.Clone(), result.Iterations);
    }

    private static double Softplus(double t) => t > 30 ? t : Math.Log(1 + Math.Exp(t));

    private static double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));

    /// <summary>θ → μ: T = 0, μ_j = Σ_{i≤j} softplus(θ_i); T &gt; 0, μ_j = β Σ_{i≤j} softmax(θ)_i (the last weight stays out).</summary>
    private static void Decode(ReadOnlySpan<double> theta, double beta, Span<double> mu)
    {
        if (double.IsPositiveInfinity(beta))
        {
            var s = 0.0;
            for (var j = 0; j < mu.Length; j++) mu[j] = s += Softplus(theta[j]);
            return;
        }
        var max = double.NegativeInfinity;
        foreach (var t in theta) max = Math.Max(max, t);
        var z = 0.0;
        foreach (var t in theta) z += Math.Exp(t - max);
        var c = 0.0;
        for (var j = 0; j < mu.Length; j++) mu[j] = beta * (c += Math.Exp(theta[j] - max) / z);
    }

    private static void Encode(ReadOnlySpan<double> mu, double beta, Span<double> theta)
    {
        if (double.IsPositiveInfinity(beta))
        {
            var previous = 0.0;
            for (var j = 0; j < mu.Length; j++)
            {
                var increment = Math.Max(1e-6, mu[j] - previous);
                theta[j] = increment > 30 ? increment : Math.Log(Math.Exp(increment) - 1);
                previous = Math.Max(previous, mu[j]);
            }
            return;
        }
        var last = 0.0;
        for (var j = 0; j < mu.Length; j++)
        {
            var x = Math.Clamp(mu[j] / beta, 0, 1 - 1e-9);
            theta[j] = Math.Log(Math.Max(1e-9, x - last));
            last = Math.Max(last, x);
        }
        theta[^1] = Math.Log(Math.Max(1e-9, 1 - last));
    }

    /// <summary>∂G/∂θ from ∂G/∂μ through the parametrization.</summary>
    private static void Chain(ReadOnlySpan<double> theta, double beta, ReadOnlySpan<double> dMu, Span<double> dTheta)
    {
        var m = dMu.Length;
        if (double.IsPositiveInfinity(beta))
        {
            // μ_j depends on θ_i (i ≤ j) through softplus′(θ_i) = σ(θ_i).
            var tail = 0.0;
            for (var i = m - 1; i >= 0; i--)
            {
                tail += dMu[i];
                dTheta[i] = tail * Sigmoid(theta[i]);
            }
            return;
        }
        var max = double.NegativeInfinity;
        foreach (var t in theta) max = Math.Max(max, t);
        var z = 0.0;
        foreach (var t in theta) z += Math.Exp(t - max);
        // μ_j = β Σ_{i≤j} p_i with p = softmax(θ): ∂μ_j/∂θ_k = β (p_k [k ≤ j] − p_k Σ_{i≤j} p_i).
        Span<double> p = stackalloc double[theta.Length];
        for (var k = 0; k < theta.Length; k++) p[k] = Math.Exp(theta[k] - max) / z;
        double cumulative = 0, weighted = 0;
        Span<double> suffix = stackalloc double[m + 1];
        for (var j = m - 1; j >= 0; j--) suffix[j] = suffix[j + 1] + dMu[j];
        for (var j = 0; j < m; j++)
        {
            cumulative += p[j];
            weighted += dMu[j] * cumulative;
        }
        for (var k = 0; k < theta.Length; k++)
            dTheta[k] = beta * p[k] * ((k < m ? suffix[k] : 0) - weighted);
    }
}
