using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.Perceptron.Learning;

/// <summary>
/// Learning rules for binary weights J_i = ±1 that keep a hidden real (clipped perceptron) or discrete (SBPI) variable
/// h_i per weight and use J_i = sign(h_i).
/// <list type="bullet">
/// <item>Clipped perceptron: on an error (y J·ξ ≤ 0), h ← h + y ξ; J = sign(h).</item>
/// <item>SBPI (stochastic belief-propagation-inspired): h_i odd integers in [−(2K−1), 2K−1], started at ±1 at random.
///   With s_i = y sign(ξ_i) and Δ = y J·ξ: on an error (Δ ≤ 0) h ← h + 2s; if correct but barely (0 &lt; Δ ≤ θ_m),
///   with probability p_s the weights already agreeing (J_i = s_i) are reinforced, h_i ← h_i + 2 s_i, written
///   branch-free as h ← h + J + s. Then h is clipped to ±(2K−1) and J = sign(h). Constants: K = 20, θ_m = 1 (in units
///   of J·ξ), p_s = 0.3.</item>
/// </list>
/// Ref: Baldassi, Braunstein, Brunel &amp; Zecchina, PNAS 104, 11079 (2007); Engel &amp; Van den Broeck (2001), §7.
/// </summary>
public static class BinaryWeightRules
{
    public const int HiddenLevels = 20;
    public const double StochasticThreshold = 1;
    public const double ReinforceProbability = 0.3;

    /// <summary>Clipped perceptron from h = 0 (J = +1). Returns (solved, epochs). <paramref name="hidden"/>: N floats.</summary>
    public static (bool Solved, int Epochs) TrainClipped(TrainingSet data, Span<float> j, Span<float> hidden, int maxEpochs, CancellationToken ct)
    {
        hidden.Clear();
        j.Fill(1f);
        for (var epoch = 1; epoch <= maxEpochs; epoch++)
        {
            if ((epoch & 7) == 0) ct.ThrowIfCancellationRequested();
            var errors = 0;
            for (var mu = 0; mu < data.P; mu++)
            {
                var z = data.SignedRow(mu);
                if (TensorPrimitives.Dot(z, j) > 0) continue;
                errors++;
                TensorPrimitives.Add(hidden, z, hidden);
                // |J_i| = 1, so copying the sign of h leaves J = sign(h) (sign(+0) = +1).
                TensorPrimitives.CopySign(j, hidden, j);
            }
            if (errors == 0) return (true, epoch);
        }
        return (false, maxEpochs);
    }

    /// <summary>SBPI. <paramref name="hidden"/> and <paramref name="signs"/>: N floats each. Returns (solved, epochs).</summary>
    public static (bool Solved, int Epochs) TrainSbpi(TrainingSet data, Span<float> j, Span<float> hidden, Span<float> signs, int maxEpochs, ref Rng rng, CancellationToken ct)
    {
        var n = data.N;
        for (var i = 0; i < n; i++) hidden[i] = rng.NextSign();
        hidden[..n].CopyTo(j);
        signs.Fill(1f);
        for (var epoch = 1; epoch <= maxEpochs; epoch++)
        {
            if ((epoch & 7) == 0) ct.ThrowIfCancellationRequested();
            if (SbpiEpoch(data, j, hidden, signs, ref rng) == 0) return (true, epoch);
        }
        return (false, maxEpochs);
    }

    /// <summary>One SBPI pass; returns the number of errors met. Allocates nothing.</summary>
    public static int SbpiEpoch(TrainingSet data, Span<float> j, Span<float> hidden, Span<float> signs, ref Rng rng)
    {
        const float limit = 2 * HiddenLevels - 1;
        var errors = 0;
        for (var mu = 0; mu < data.P; mu++)
        {
            var z = data.SignedRow(mu);
            double delta = TensorPrimitives.Dot(z, j);
            if (delta > StochasticThreshold) continue;
            // |s_i| = 1 already, so this sets s = sign(z).
            TensorPrimitives.CopySign(signs, z, signs);
            if (delta <= 0)
            {
                errors++;
                TensorPrimitives.MultiplyAdd(signs, 2f, hidden, hidden);
            }
            else if (rng.NextDouble() < ReinforceProbability)
            {
                // h + J + s adds 2 s_i where J_i = s_i and 0 where they differ.
                TensorPrimitives.Add(hidden, j, hidden);
                TensorPrimitives.Add(hidden, signs, hidden);
            }
            else
            {
                continue;
            }
            TensorPrimitives.Min(hidden, limit, hidden);
            TensorPrimitives.Max(hidden, -limit, hidden);
            TensorPrimitives.CopySign(j, hidden, j);
        }
        return errors;
    }
}
