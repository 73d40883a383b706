using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.Perceptron.Learning;

/// <summary>Loss minimized by <see cref="SgdRule"/>, as a function of the stability m = y J·ξ/√N.</summary>
public enum SgdLoss
{
    /// <summary>max(0, 1 − m).</summary>
    Hinge,
    /// <summary>ln(1 + e^{−m}).</summary>
    Logistic,
}

/// <summary>
/// Stochastic gradient descent on Σ_μ loss(y_μ J·ξ_μ/√N), one pattern at a time in a fresh random order every epoch,
/// learning rate η, from J = 0, no regularization: J ← J − η ∂loss/∂J = J + η (−loss′(m)) y ξ/√N.
/// No replica curve is drawn for it (its fixed point depends on η and the budget; logistic SGD drifts toward the
/// maximum-margin direction only logarithmically slowly on separable data).
/// Ref: Engel &amp; Van den Broeck (2001), §3.5 and §4; Soudry et al., JMLR 19 (2018).
/// </summary>
public static class SgdRule
{
    /// <summary>Trains J in place; <paramref name="order"/> (length ≥ P) is scratch for the permutation.</summary>
    public static void Train(TrainingSet data, Span<float> j, SgdLoss loss, double eta, int epochs, Span<int> order, ref Rng rng, CancellationToken ct)
    {
        var n = data.N;
        var p = data.P;
        var perm = order[..p];
        for (var mu = 0; mu < p; mu++) perm[mu] = mu;
        var invSqrtN = 1 / Math.Sqrt(n);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            if ((epoch & 7) == 0) ct.ThrowIfCancellationRequested();
            // Fisher-Yates shuffle with the run's generator (deterministic for a given seed).
            for (var k = p - 1; k > 0; k--)
            {
                var r = rng.NextInt(k + 1);
                (perm[k], perm[r]) = (perm[r], perm[k]);
            }
            Epoch(data.Z.AsSpan(0, p * n), n, j, loss, eta * invSqrtN, perm);
        }
    }

    /// <summary>One pass in the given order. Allocates nothing.</summary>
    public static void Epoch(ReadOnlySpan<float> z, int n, Span<float> j, SgdLoss loss, double etaOverSqrtN, ReadOnlySpan<int> order)
    {
        var invSqrtN = 1 / Math.Sqrt(n);
        foreach (var mu in order)
        {
            var row = z.Slice(mu * n, n);
            var m = TensorPrimitives.Dot(row, j) * invSqrtN;
            // −loss′(m): 1 below the hinge, σ(−m) for the logistic loss.
            var force = loss == SgdLoss.Hinge ? (m < 1 ? 1.0 : 0.0) : 1 / (1 + Math.Exp(m));
            if (force == 0) continue;
            TensorPrimitives.MultiplyAdd(row, (float)(etaOverSqrtN * force), j, j);
        }
    }
}
