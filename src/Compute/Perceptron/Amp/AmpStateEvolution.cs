using Compute.Numerics;

namespace Compute.Perceptron.Amp;

/// <summary>
/// State evolution of Bayes-optimal GAMP for the teacher-student perceptron y = sign(F w*) with F_μi ~ N(0, 1/N), P = αN:
/// q_{t+1} = Q_in(q̂(q_t)) with q̂ from <see cref="SignChannel.Precision"/> and Q_in from <see cref="AmpPriors.Overlap"/>,
/// q_0 = 0. By Nishimori symmetry the estimate's overlap with the teacher equals its norm q, so the student sign(x̂·ξ)
/// errs with ε = arccos(√q)/π. The replica-symmetric free entropy at a fixed point is
/// f(q) = ψ(q̂) + α Ψ_out(q) − q q̂/2; the Bayes-optimal (information-theoretic) state is the fixed point of largest f.
/// For the ±1 teacher the perfect state q = 1 has f = −ln 2: it becomes optimal at α_IT, where AMP's branch reaches that
/// free entropy, and AMP itself reaches it only above the spinodal α_alg where its branch ceases to exist.
/// Ref: Barbier, Krzakala, Macris, Miolane &amp; Zdeborová, PNAS 116, 5451 (2019); Györgyi, PRA 41, 7097 (1990).
/// </summary>
public static class AmpStateEvolution
{
    /// <summary>1 − q below this counts as perfect learning (q = 1).</summary>
    private const double Perfect = 1e-12;

    private static readonly Lazy<(double InformationTheoretic, double Algorithmic)> BinaryThresholds = new(() =>
    {
        var algorithmic = AlgorithmicThreshold();
        return (InformationTheoreticThreshold(algorithmic), algorithmic);
    });

    /// <summary>
    /// The ±1 teacher's thresholds, computed once per process (they depend on nothing but the model): α_IT, where
    /// perfect learning becomes Bayes-optimal, and α_alg, where AMP reaches it.
    /// </summary>
    public static (double InformationTheoretic, double Algorithmic) BinaryTeacherThresholds => BinaryThresholds.Value;

    /// <summary>One step of state evolution.</summary>
    public static double Step(AmpPrior prior, double alpha, double q)
    {
        var qHat = SignChannel.Precision(q, alpha);
        return double.IsPositiveInfinity(qHat) || qHat > 1e6 ? 1 : Math.Min(1, AmpPriors.Overlap(prior, qHat));
    }

    /// <summary>q_0 = 0, q_1, …, q_steps.</summary>
    public static double[] Trajectory(AmpPrior prior, double alpha, int steps)
    {
        var q = new double[steps + 1];
        for (var t = 0; t < steps; t++) q[t + 1] = q[t] >= 1 - Perfect ? 1 : Step(prior, alpha, q[t]);
        return q;
    }

    /// <summary>The fixed point AMP reaches from q = 0 (1 for perfect learning).</summary>
    public static double FixedPoint(AmpPrior prior, double alpha, int maxSteps = 100_000)
    {
        var q = 0.0;
        for (var t = 0; t < maxSteps; t++)
        {
            var next = Step(prior, alpha, q);
            if (next >= 1 - Perfect) return 1;
            if (Math.Abs(next - q) < 1e-13) return next;
            q = next;
        }
        throw new InvalidOperationException($"State evolution did not converge within {maxSteps} steps at α = {alpha}.");
    }

    /// <summary>ε = arccos(√q)/π of the student sign(x̂·ξ) at overlap q.</summary>
    public static double Error(double q) => Math.Acos(Math.Sqrt(Math.Clamp(q, 0, 1))) / Math.PI;

    /// <summary>The replica-symmetric free entropy f(q) = ψ(q̂) + α Ψ_out(q) − q q̂/2 at a fixed point q.</summary>
    public static double FreeEntropy(AmpPrior prior, double alpha, double q)
    {
        if (q >= 1)
        {
            if (prior == AmpPrior.Binary) return -Math.Log(2);
            throw new ArgumentOutOfRangeException(nameof(q), "A Gaussian teacher is never learned perfectly at finite α.");
        }
        var qHat = SignChannel.Precision(q, alpha);
        return AmpPriors.FreeEntropy(prior, qHat) + alpha * SignChannel.FreeEntropy(q) - q * qHat / 2;
    }

    /// <summary>
    /// The ±1 teacher's algorithmic threshold α_alg: the spinodal where the AMP branch disappears, i.e. where the dip of
    /// Step(q) − q over q first stays above zero (then SE from q = 0 runs to q = 1).
    /// </summary>
    public static double AlgorithmicThreshold() => RootFinding.Brent(a => Dip(AmpPrior.Binary, a), 1.2, 2.0, 1e-7);

    /// <summary>
    /// The ±1 teacher's information-theoretic threshold α_IT: where the free entropy of AMP's branch falls to −ln 2, that
    /// of the perfect state (below it the poor-generalization state is optimal, above it perfect learning).
    /// </summary>
    public static double InformationTheoreticThreshold(double algorithmic) =>
        RootFinding.Brent(a => FreeEntropy(AmpPrior.Binary, a, FixedPoint(AmpPrior.Binary, a)) + Math.Log(2), 1.0, algorithmic - 1e-3, 1e-7);

    /// <summary>The Bayes-optimal overlap: AMP's fixed point unless the perfect state has a larger free entropy (α &gt; α_IT).</summary>
    public static double OptimalOverlap(AmpPrior prior, double alpha, double informationTheoretic) =>
        prior == AmpPrior.Binary && alpha > informationTheoretic ? 1 : FixedPoint(prior, alpha);

    /// <summary>min over q ∈ [0, 0.995] of Step(q) − q: negative while SE has a fixed point short of q = 1.</summary>
    private static double Dip(AmpPrior prior, double alpha)
    {
        const int grid = 50;
        double D(double q) => Step(prior, alpha, q) - q;
        var best = 0;
        var bestValue = double.PositiveInfinity;
        for (var i = 0; i <= grid; i++)
        {
            var value = D(0.995 * i / grid);
            if (value < bestValue) (best, bestValue) = (i, value);
        }
        // Golden-section refinement of the minimum in the neighbouring grid cells.
        double lo = 0.995 * Math.Max(0, best - 1) / grid, hi = 0.995 * Math.Min(grid, best + 1) / grid;
        const double golden = 0.6180339887498949;
        double x1 = hi - golden * (hi - lo), x2 = lo + golden * (hi - lo), f1 = D(x1), f2 = D(x2);
        for (var k = 0; k < 60 && hi - lo > 1e-10; k++)
        {
            if (f1 < f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - golden * (hi - lo); f1 = D(x1); }
            else { lo = x1; x1 = x2; f1 = f2; x2 = lo + golden * (hi - lo); f2 = D(x2); }
        }
        return Math.Min(bestValue, Math.Min(f1, f2));
    }
}
