using System.Numerics.Tensors;

namespace Compute.Perceptron.Learning;

/// <summary>
/// Rosenblatt's perceptron rule with a margin, cycling through the patterns in order:
/// if y_μ J·ξ_μ ≤ κ |J| then J ← J + y_μ ξ_μ. From J = 0 it stops after the first epoch without an update
/// (all stabilities y J·ξ/|J| above κ) or after the epoch budget. For κ = 0 it converges whenever the
/// patterns are linearly separable (Novikoff), but the number of epochs grows without bound as α → α_c,
/// so a finite budget under-counts separable instances there. For κ &gt; 0 the condition with the running
/// |J| is the usual heuristic (it need not converge even when a solution with margin κ exists).
/// Ref: Rosenblatt (1962); Engel &amp; Van den Broeck (2001), §3.3 and §6.
/// </summary>
public static class PerceptronRule
{
    /// <summary>Trains J in place (start from the given J); returns (solved, epochs used).</summary>
    public static (bool Solved, int Epochs) Train(TrainingSet data, Span<float> j, double kappa, int maxEpochs, CancellationToken ct)
    {
        var n = data.N;
        var p = data.P;
        double norm2 = TensorPrimitives.Dot(j, j);
        for (var epoch = 1; epoch <= maxEpochs; epoch++)
        {
            if ((epoch & 7) == 0) ct.ThrowIfCancellationRequested();
            if (!Epoch(data.Z.AsSpan(0, p * n), n, j, kappa, ref norm2)) return (true, epoch);
        }
        return (false, maxEpochs);
    }

    /// <summary>One pass over the signed patterns z_μ (rows of <paramref name="z"/>); returns whether any update was made. Allocates nothing.</summary>
    public static bool Epoch(ReadOnlySpan<float> z, int n, Span<float> j, double kappa, ref double norm2)
    {
        var updated = false;
        var p = z.Length / n;
        for (var mu = 0; mu < p; mu++)
        {
            var row = z.Slice(mu * n, n);
            double h = TensorPrimitives.Dot(row, j);
            if (h <= kappa * Math.Sqrt(norm2))
            {
                TensorPrimitives.Add(j, row, j);
                // |J + z|² = |J|² + 2 J·z + |z|², kept incrementally (recomputed each epoch against drift).
                norm2 += 2 * h + TensorPrimitives.Dot(row, row);
                updated = true;
            }
        }
        if (updated) norm2 = TensorPrimitives.Dot(j, j);
        return updated;
    }
}
