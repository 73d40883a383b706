using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.EnergyModels.Hopfield;

/// <summary>
/// A Hopfield network stored through its patterns ξ^μ (float ±1, row i holds ξ_i^1…ξ_i^P) and the overlaps
/// m_μ = Σ_i ξ_i^μ σ_i of the current state σ. The energy change of flipping σ_i follows from the overlaps:
/// Hebbian (J_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ, J_ii = 0): ΔE = 2σ_i h_i with h_i = (Σ_μ ξ_i^μ m_μ − Pσ_i)/N (one vectorized dot
/// product); dense: ΔE = −Σ_μ [F(m_μ − 2σ_iξ_i^μ) − F(m_μ)]. A flip moves every overlap by −2σ_iξ_i^μ (one vectorized
/// multiply-add), so a sweep costs O(NP) and allocates nothing.
/// Ref: J. J. Hopfield, PNAS 79, 2554 (1982); D. Krotov &amp; J. J. Hopfield, NIPS 29 (2016); M. Demircigil et al., J. Stat. Phys. 168, 288 (2017).
/// </summary>
public sealed class HopfieldNetwork
{
    private readonly float[] _patterns;
    private readonly float[] _overlaps;
    private readonly float[] _state;

    public HopfieldNetwork(int n, int maxPatterns, string variant, int power)
    {
        N = n;
        Variant = variant;
        Power = power;
        _patterns = new float[(long)n * maxPatterns];
        _overlaps = new float[maxPatterns];
        _state = new float[n];
    }

    public int N { get; }

    public int P { get; private set; }

    public string Variant { get; }

    public int Power { get; }

    public ReadOnlySpan<float> State => _state;

    private Span<float> Row(int i) => _patterns.AsSpan(i * P, P);

    private Span<float> Overlaps => _overlaps.AsSpan(0, P);

    /// <summary>Draws P random ±1 patterns.</summary>
    public void StorePatterns(int p, ref Rng rng)
    {
        if (p < 1 || (long)p * N > _patterns.Length) throw new ArgumentOutOfRangeException(nameof(p));
        P = p;
        var all = _patterns.AsSpan(0, N * p);
        for (var k = 0; k < all.Length; k++) all[k] = rng.NextSign();
    }

    /// <summary>σ = ξ^μ with each spin flipped with probability <paramref name="noise"/>.</summary>
    public void SetState(int mu, double noise, ref Rng rng)
    {
        for (var i = 0; i < N; i++)
        {
            var s = _patterns[i * P + mu];
            _state[i] = noise > 0 && rng.NextDouble() < noise ? -s : s;
        }
        RecomputeOverlaps();
    }

    public void RecomputeOverlaps()
    {
        var m = Overlaps;
        m.Clear();
        for (var i = 0; i < N; i++) TensorPrimitives.MultiplyAdd(Row(i), _state[i], m, m);
    }

    /// <summary>Overlap m = ξ^μ·σ / N with pattern μ.</summary>
    public double Overlap(int mu) => _overlaps[mu] / (double)N;

    /// <summary>Energy change ΔE of flipping σ_i (T = 0 flips iff ΔE &lt; 0). For dense-exp, ±∞ where eˣ overflows.</summary>
    public double DeltaE(int i)
    {
        var s = _state[i];
        var row = Row(i);
        var m = Overlaps;
        switch (Variant)
        {
            case HopfieldParameters.Hebbian:
                return 2.0 * s * (TensorPrimitives.Dot(row, m) - P * s) / N;
            case HopfieldParameters.DensePower:
            {
                // F(x) = xⁿ/(n N^{n−1}); (m + d)ⁿ − mⁿ by repeated multiplication (exact for the integers involved up to 2^53).
                var sum = 0.0;
                for (var mu = 0; mu < row.Length; mu++)
                {
                    double x = m[mu], y = x - 2 * s * row[mu], xn = 1, yn = 1;
                    for (var k = 0; k < Power; k++)
                    {
                        xn *= x;
                        yn *= y;
                    }
                    sum += yn - xn;
                }
                return -sum / (Power * Math.Pow(N, Power - 1));
            }
            default:
            {
                // F(x) = eˣ: ΔE = −e^M Σ_μ e^{m_μ − M}(e^{−2σ_iξ_i^μ} − 1), M = max_μ m_μ, so the sum cannot overflow.
                var top = TensorPrimitives.Max(m);
                double up = Math.Exp(2) - 1, down = Math.Exp(-2) - 1, d = 0;
                for (var mu = 0; mu < row.Length; mu++) d += Math.Exp(m[mu] - top) * (s * row[mu] > 0 ? down : up);
                if (d == 0) return 0;
                var log = top + Math.Log(Math.Abs(d));
                return -Math.Sign(d) * (log > 700 ? double.PositiveInfinity : Math.Exp(log));
            }
        }
    }

    private void Flip(int i)
    {
        var s = _state[i];
        _state[i] = -s;
        var m = Overlaps;
        TensorPrimitives.MultiplyAdd(Row(i), -2 * s, m, m);
    }

    /// <summary>
    /// One asynchronous sweep in the order i = 0 … N−1. β = ∞ (T = 0): flip iff ΔE &lt; 0; otherwise Glauber:
    /// flip with probability 1/(1 + e^{βΔE}). Returns the number of flips.
    /// </summary>
    public int Sweep(double beta, ref Rng rng)
    {
        var flips = 0;
        for (var i = 0; i < N; i++)
        {
            var deltaE = DeltaE(i);
            bool flip;
            if (double.IsPositiveInfinity(beta)) flip = deltaE < 0;
            else
            {
                var x = beta * deltaE;
                flip = rng.NextDouble() < (double.IsNaN(x) ? 0.5 : 1 / (1 + Math.Exp(x)));
            }
            if (!flip) continue;
            Flip(i);
            flips++;
        }
        return flips;
    }

    /// <summary>Number of spins of the stored pattern μ that T = 0 dynamics would flip (ΔE &lt; 0) when σ = ξ^μ exactly.</summary>
    public int UnstableBits(int mu)
    {
        for (var i = 0; i < N; i++) _state[i] = _patterns[i * P + mu];
        RecomputeOverlaps();
        var unstable = 0;
        for (var i = 0; i < N; i++)
            if (DeltaE(i) < 0) unstable++;
        return unstable;
    }
}
