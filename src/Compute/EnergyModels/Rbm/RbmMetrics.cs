namespace Compute.EnergyModels.Rbm;

/// <summary>
/// Cheap training monitors on a fixed evaluation set (rows of unit values):
/// the mean-field reconstruction error and the pseudo-log-likelihood.
/// </summary>
public static class RbmMetrics
{
    /// <summary>
    /// Mean squared difference per unit between v and its mean-field reconstruction
    /// v' = E[v | h = E[h | v]]; for ±1 units divided by 4 so that both unit types range over [0, 1].
    /// </summary>
    public static double ReconstructionError(RestrictedBoltzmannMachine m, ReadOnlySpan<float> rowsData, int rows)
    {
        var h = new float[rows * m.Hidden];
        var v = new float[rows * m.Visible];
        RbmGibbs.HiddenProbabilities(m, rowsData, h, rows);
        RbmGibbs.ToMean(h, m.Units);
        RbmGibbs.VisibleProbabilities(m, h, v, rows);
        RbmGibbs.ToMean(v, m.Units);
        double sum = 0;
        for (var i = 0; i < rows * m.Visible; i++)
        {
            var d = (double)rowsData[i] - v[i];
            sum += d * d;
        }
        var perUnit = sum / ((double)rows * m.Visible);
        return m.Units == RbmUnits.Spin ? perUnit / 4 : perUnit;
    }

    /// <summary>
    /// Pseudo-log-likelihood per sample, Σ_i ln p(v_i | v_{−i}) averaged over rows, in nats, with every
    /// unit flipped (no single-unit estimate): ln p(v_i | v_{−i}) = −softplus(F(v) − F(v̄⁽ⁱ⁾)),
    /// where v̄⁽ⁱ⁾ has unit i flipped. Ref: Besag (1975).
    /// </summary>
    public static double PseudoLogLikelihood(RestrictedBoltzmannMachine m, ReadOnlySpan<float> rowsData, int rows, CancellationToken ct = default)
    {
        int nv = m.Visible, nh = m.Hidden;
        var field = new double[nh];
        double total = 0;
        for (var r = 0; r < rows; r++)
        {
            ct.ThrowIfCancellationRequested();
            var v = rowsData.Slice(r * nv, nv);
            var minusF = RbmExact.NegativeFreeEnergy(m, v, field);
            double hiddenTerm = 0;
            for (var j = 0; j < nh; j++) hiddenTerm += RbmUnitMath.LogSum(m.Units, field[j]);
            for (var i = 0; i < nv; i++)
            {
                // Flipping v_i changes it by δ (±1 for 0/1 units, ±2 for spins).
                var delta = v[i] > 0 ? (double)m.Down - 1 : 1 - (double)m.Down;
                var row = m.W.AsSpan(i * nh, nh);
                var flippedHidden = 0.0;
                for (var j = 0; j < nh; j++) flippedHidden += RbmUnitMath.LogSum(m.Units, field[j] + delta * row[j]);
                var minusFFlipped = minusF + delta * m.A[i] + flippedHidden - hiddenTerm;
                total -= RbmUnitMath.LogSum(RbmUnits.Binary, minusFFlipped - minusF);
            }
        }
        return total / rows;
    }
}
