using Compute.Numerics;

namespace Compute.EnergyModels.Rbm;

/// <summary>An AIS estimate of ln Z with its one-sigma spread and the normalized effective sample size of the weights.</summary>
public readonly record struct AisResult(double LogZ, double Error, double LogZBase, double EffectiveSampleFraction);

/// <summary>
/// Annealed importance sampling of ln Z along the geometric path p_β ∝ p_A^{1−β} p*^β from the base
/// model A (W = 0, hidden biases 0, visible biases a_A fitted to the data marginals, exactly solvable:
/// ln Z_A = Σ_i u(a_A,i) + nh ln 2) to the RBM, with the hidden layer summed out:
/// ln p*_β(v) = ((1−β)a_A + βa)·v + Σ_j u(β(b_j + (vᵀW)_j)). M chains start from p_A, each step adds
/// ln p*_{β_k}(v) − ln p*_{β_{k−1}}(v) to the chain's log weight, then does one block-Gibbs step that
/// leaves p_{β_k} invariant. ln Ẑ = ln Z_A + ln mean(w); the error is the delta-method spread
/// std(w)/(√M mean(w)). The β schedule follows the paper's proportions: ¼ of the steps on [0, 0.5],
/// ¼ on [0.5, 0.9], ½ on [0.9, 1]. Chains are rows of one batch; each run uses its own Rng stream.
/// Ref: Salakhutdinov &amp; Murray, ICML (2008), §3-4; Neal, Statistics and Computing 11 (2001).
/// </summary>
public static class AisEstimator
{
    public static AisResult Estimate(RestrictedBoltzmannMachine m, ReadOnlySpan<double> baseVisibleBias, int chains, int steps, ulong seed,
        ulong stream = 0, CancellationToken ct = default)
    {
        if (chains < 2 || steps < 4) throw new ArgumentOutOfRangeException(nameof(chains), "AIS needs at least 2 chains and 4 steps.");
        int nv = m.Visible, nh = m.Hidden;
        var units = m.Units;
        var rng = new Rng(seed, 0xA1500000UL + stream);
        var v = new float[chains * nv];
        var h = new float[chains * nh];
        var field = new float[chains * nh];
        var vField = new float[chains * nv];
        var uniforms = new float[chains * Math.Max(nv, nh)];
        var logWeight = new double[chains];
        var aBase = baseVisibleBias.ToArray();
        var mixedBias = new float[nv];

        double logZBase = nh * Math.Log(2);
        for (var i = 0; i < nv; i++) logZBase += RbmUnitMath.LogSum(units, aBase[i]);

        // v ~ p_A: independent units with field a_A.
        for (var i = 0; i < nv; i++) vField[i] = (float)aBase[i];
        for (var c = 1; c < chains; c++) vField.AsSpan(0, nv).CopyTo(vField.AsSpan(c * nv, nv));
        RbmGibbs.ProbabilityUp(vField, units);
        rng.FillUniform(uniforms.AsSpan(0, chains * nv));
        RbmGibbs.Sample(vField, uniforms.AsSpan(0, chains * nv), v, units);

        var betaPrevious = 0.0;
        for (var k = 1; k <= steps; k++)
        {
            if ((k & 15) == 0) ct.ThrowIfCancellationRequested();
            var beta = Beta(k, steps);
            // field = vW + b at β = 1; the β-dependence enters through u(β·field).
            Gemm.Multiply(v, m.W, field, chains, nh, nv);
            Kernels.AddRowVector(field, m.B, chains);
            for (var c = 0; c < chains; c++)
            {
                var vc = v.AsSpan(c * nv, nv);
                double aDotV = 0, aBaseDotV = 0;
                for (var i = 0; i < nv; i++)
                {
                    aDotV += (double)m.A[i] * vc[i];
                    aBaseDotV += aBase[i] * vc[i];
                }
                var fc = field.AsSpan(c * nh, nh);
                double hidden = 0;
                for (var j = 0; j < nh; j++) hidden += RbmUnitMath.LogSum(units, beta * fc[j]) - RbmUnitMath.LogSum(units, betaPrevious * fc[j]);
                logWeight[c] += (beta - betaPrevious) * (aDotV - aBaseDotV) + hidden;
            }
            if (!double.IsFinite(logWeight[0])) throw new InvalidOperationException($"AIS log weight became {logWeight[0]} at step {k} (β = {beta}).");
            if (k == steps) break;

            // One Gibbs sweep at β: h ~ P(h | v; β), then v ~ P(v | h; β).
            var bf = (float)beta;
            System.Numerics.Tensors.TensorPrimitives.Multiply(field, bf, field);
            RbmGibbs.ProbabilityUp(field, units);
            rng.FillUniform(uniforms.AsSpan(0, chains * nh));
            RbmGibbs.Sample(field, uniforms.AsSpan(0, chains * nh), h, units);
            for (var i = 0; i < nv; i++) mixedBias[i] = (float)((1 - beta) * aBase[i] + beta * m.A[i]);
            Gemm.Multiply(h, m.W, vField, chains, nv, nh, transposeB: true, alpha: bf);
            Kernels.AddRowVector(vField, mixedBias, chains);
            RbmGibbs.ProbabilityUp(vField, units);
            rng.FillUniform(uniforms.AsSpan(0, chains * nv));
            RbmGibbs.Sample(vField, uniforms.AsSpan(0, chains * nv), v, units);
            betaPrevious = beta;
        }

        var max = logWeight.Max();
        double sw = 0, sw2 = 0;
        foreach (var lw in logWeight)
        {
            var w = Math.Exp(lw - max);
            sw += w;
            sw2 += w * w;
        }
        var mean = sw / chains;
        var variance = Math.Max(0, sw2 / chains - mean * mean) * chains / (chains - 1);
        var logZ = logZBase + max + Math.Log(mean);
        var error = Math.Sqrt(variance / chains) / mean;
        var ess = sw * sw / (chains * sw2);
        return new AisResult(logZ, error, logZBase, ess);
    }

    /// <summary>β_k of the piecewise-linear schedule (k = 0 … K, β_0 = 0, β_K = 1).</summary>
    public static double Beta(int k, int steps)
    {
        var q1 = steps / 4;
        var q2 = steps / 2;
        if (k <= q1) return 0.5 * k / q1;
        if (k <= q2) return 0.5 + 0.4 * (k - q1) / (q2 - q1);
        return 0.9 + 0.1 * (k - q2) / (steps - q2);
    }
}
