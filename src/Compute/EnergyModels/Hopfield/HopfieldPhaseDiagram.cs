namespace Compute.EnergyModels.Hopfield;

/// <summary>
/// The replica-symmetric phase diagram of the Hebbian Hopfield network in the (α, T) plane (Amit, Gutfreund &amp;
/// Sompolinsky). With h = m + √(αr) z, z standard normal, the saddle point is
///   m = ⟨tanh βh⟩,  q = ⟨tanh² βh⟩,  r = q / (1 − β(1 − q))²,
/// and the free energy per neuron
///   f = α/2 + m²/2 + (α/2β)[ln(1 − β(1 − q)) − βq/(1 − β(1 − q))] + (αβr/2)(1 − q) − (1/β)⟨ln 2cosh βh⟩.
/// Three lines: T_g(α) = 1 + √α, below which a spin-glass state (m = 0, q &gt; 0) exists; T_M(α), below which retrieval
/// states (m &gt; 0) exist (their spinodal; α_M(0) = 0.138); T_c(α), below which they are the global minima of f (f_R &lt;
/// f_SG; α_c(0) ≈ 0.051). Solved here by iterating the saddle-point equations from m = 1 (retrieval) or m = 0 (spin
/// glass), with the Gaussian averages by Simpson's rule on z ∈ [−8, 8], and bisection on α at fixed T.
/// Ref: D. J. Amit, H. Gutfreund &amp; H. Sompolinsky, PRL 55, 1530 (1985), Fig. 1; Ann. Phys. 173, 30 (1987), §4.
/// </summary>
public static class HopfieldPhaseDiagram
{
    /// <summary>A saddle point: overlap with the retrieved pattern, Edwards–Anderson order parameter, and r.</summary>
    public readonly record struct SaddlePoint(double M, double Q, double R);

    /// <summary>One temperature of the diagram: the largest load with retrieval states, and the load where they stop being global minima.</summary>
    public readonly record struct Row(double T, double RetrievalLimit, double GlobalMinimumLimit);

    private const int Intervals = 400;
    private const double ZMax = 8;
    private static readonly double[] Z = new double[Intervals + 1];
    private static readonly double[] Weight = new double[Intervals + 1];

    /// <summary>The temperatures of <see cref="Rows"/>: denser towards T = 1, where the lines bend.</summary>
    public static IReadOnlyList<double> Temperatures { get; } =
        [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98];

    // T = 0 from the zero-temperature theory (HopfieldTheory), T = 1 where both lines end at α = 0.
    private static readonly Lazy<IReadOnlyList<Row>> Grid = new(() =>
    [
        new Row(0, HopfieldTheory.CriticalAlpha, HopfieldTheory.GroundStateAlpha),
        .. Temperatures.Select(t => RetrievalLimit(t) is var alphaM ? new Row(t, alphaM, GlobalMinimumLimit(t, alphaM)) : default),
        new Row(1, 0, 0),
    ]);

    static HopfieldPhaseDiagram()
    {
        var h = 2 * ZMax / Intervals;
        for (var i = 0; i <= Intervals; i++)
        {
            Z[i] = -ZMax + i * h;
            var simpson = i == 0 || i == Intervals ? 1 : i % 2 == 1 ? 4 : 2;
            Weight[i] = simpson * h / 3 * Math.Exp(-0.5 * Z[i] * Z[i]) / Math.Sqrt(2 * Math.PI);
        }
    }

    /// <summary>α_M(T) and α_c(T) at T = 0, on <see cref="Temperatures"/> and at T = 1, computed once (seconds) when first asked for.</summary>
    public static IReadOnlyList<Row> Rows => Grid.Value;

    /// <summary>T_g(α) = 1 + √α: the spin-glass transition (exact within the RS theory).</summary>
    public static double SpinGlassTemperature(double alpha) => 1 + Math.Sqrt(alpha);

    /// <summary>The retrieval saddle point at (α, T), iterated from m = q = 1, or null where none exists.</summary>
    public static SaddlePoint? Retrieval(double alpha, double t) => Iterate(alpha, 1 / t) is { M: > 1e-4 } s ? s : null;

    /// <summary>
    /// The spin-glass saddle point (m = 0, q &gt; 0) at (α, T), or null above T_g. Iterating q is unstable at low T, so q is
    /// found by bisection on ⟨tanh² βσz⟩ − q, which is positive where 1 − β(1 − q) → 0⁺ (σ → ∞) and negative at q → 1.
    /// </summary>
    public static SaddlePoint? SpinGlass(double alpha, double t)
    {
        var beta = 1 / t;
        double Excess(double q) => Average(0, Math.Sqrt(alpha * R(q, beta)), beta).Q - q;
        double lo = Math.Max(0, 1 - t) + 1e-12, hi = 1 - 1e-15;
        if (Excess(lo) <= 0) return null;
        for (var it = 0; it < 200 && hi - lo > 1e-15; it++)
        {
            var mid = 0.5 * (lo + hi);
            if (Excess(mid) > 0) lo = mid;
            else hi = mid;
        }
        var q = 0.5 * (lo + hi);
        return q > 1e-6 ? new SaddlePoint(0, q, R(q, beta)) : null;
    }

    private static double R(double q, double beta) => q / ((1 - beta * (1 - q)) * (1 - beta * (1 - q)));

    /// <summary>⟨tanh βh⟩ and ⟨tanh² βh⟩ over h = m + σz.</summary>
    private static (double M, double Q) Average(double m, double sigma, double beta)
    {
        double mean = 0, square = 0;
        for (var i = 0; i <= Intervals; i++)
        {
            var th = Math.Tanh(beta * (m + sigma * Z[i]));
            mean += Weight[i] * th;
            square += Weight[i] * th * th;
        }
        return (mean, square);
    }

    public static double FreeEnergy(double alpha, double t, SaddlePoint s)
    {
        var beta = 1 / t;
        var c = beta * (1 - s.Q);
        var sigma = Math.Sqrt(alpha * s.R);
        var logCosh = 0.0;
        for (var i = 0; i <= Intervals; i++)
        {
            var x = Math.Abs(beta * (s.M + sigma * Z[i]));
            logCosh += Weight[i] * (x + Math.Log(1 + Math.Exp(-2 * x))); // ln 2cosh x, stable for large x
        }
        return alpha / 2 + s.M * s.M / 2 + alpha / (2 * beta) * (Math.Log(1 - c) - beta * s.Q / (1 - c))
             + alpha * beta * s.R / 2 * (1 - s.Q) - logCosh / beta;
    }

    /// <summary>α_M(T): the largest load at which retrieval states exist (0 at T ≥ 1).</summary>
    public static double RetrievalLimit(double t) =>
        t >= 1 ? 0 : Bisect(alpha => Retrieval(alpha, t) is not null, 1e-6, 0.2);

    /// <summary>α_c(T): the load above which retrieval states are no longer the global minima of the free energy.</summary>
    public static double GlobalMinimumLimit(double t) => GlobalMinimumLimit(t, RetrievalLimit(t));

    private static double GlobalMinimumLimit(double t, double retrievalLimit) => t >= 1 ? 0
        : Bisect(alpha => Retrieval(alpha, t) is { } r && SpinGlass(alpha, t) is { } g && FreeEnergy(alpha, t, r) < FreeEnergy(alpha, t, g),
            1e-6, retrievalLimit);

    /// <summary>The largest α in [lo, hi] at which <paramref name="holds"/> (true at lo, false beyond the answer), to 0.1 % or 10⁻⁵.</summary>
    private static double Bisect(Func<double, bool> holds, double lo, double hi)
    {
        if (!holds(lo)) return 0;
        while (hi - lo > Math.Max(1e-3 * hi, 1e-5))
        {
            var mid = 0.5 * (lo + hi);
            if (holds(mid)) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static SaddlePoint Iterate(double alpha, double beta)
    {
        double m = 1, q = 1;
        // Iterated from m = 1: the retrieval branch is attractive under the iteration wherever it exists.
        for (var iteration = 0; iteration < 5_000; iteration++)
        {
            var c = beta * (1 - q);
            if (c >= 1) return new SaddlePoint(0, 0, 0); // past the replica-symmetric instability: no solution on this branch
            var (mNext, qNext) = Average(m, Math.Sqrt(alpha * R(q, beta)), beta);
            // A full step can jump past 1 − β(1 − q) = 0, where r diverges; step back towards the current q until it does not.
            for (var halving = 0; halving < 60 && beta * (1 - qNext) >= 1; halving++) qNext = 0.5 * (qNext + q);
            var change = Math.Abs(mNext - m) + Math.Abs(qNext - q);
            (m, q) = (mNext, qNext);
            if (change < 1e-11) break;
        }
        return new SaddlePoint(m, q, R(q, beta));
    }
}
