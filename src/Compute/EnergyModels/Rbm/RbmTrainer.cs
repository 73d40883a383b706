using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.EnergyModels.Rbm;

/// <summary>
/// One minibatch update of the log-likelihood gradient
/// ∂⟨ln p(v)⟩/∂W = ⟨v hᵀ⟩_data − ⟨v hᵀ⟩_model, with the data term Rao-Blackwellised (hidden means
/// E[h | v⁰]) and the model term from k block-Gibbs steps (CD, PCD or random restarts), followed by
/// SGD with momentum μ and weight decay λ: Δ ← μΔ + η(∇ − λW), W ← W + Δ (λ on W only).
/// Every product of a step has a factor of unit states (a batch of configurations), so all of them go through
/// <see cref="TwoStateMatrix"/> tables; a data batch holding any other value takes dense products.
/// Allocation-free: every buffer lives in <see cref="RbmWorkspace"/>.
/// Ref: Hinton (2002); Tieleman (2008), PCD; Hinton (2010), A practical guide to training RBMs.
/// </summary>
public sealed class RbmTrainer
{
    private readonly RestrictedBoltzmannMachine _m;
    private readonly RbmTraining _settings;

    // Whether the workspace's panels hold this step's W and Wᵀ.
    private bool _wLaidOut, _wTransposedLaidOut;

    public RbmTrainer(RestrictedBoltzmannMachine machine, RbmTraining settings)
    {
        _m = machine;
        _settings = settings;
        Workspace = new RbmWorkspace(machine.Visible, machine.Hidden, settings.BatchSize);
    }

    public RbmWorkspace Workspace { get; }

    /// <summary>False takes the dense products even for batches of unit states (tests compare the two).</summary>
    internal bool TwoStateProducts { get; set; } = true;

    /// <summary>Updates the machine from the batch in <see cref="RbmWorkspace.Data"/> (unit values 0/1 or ±1).</summary>
    public void Step(ref Rng rng)
    {
        var m = _m;
        var ws = Workspace;
        var rows = ws.Batch;
        var units = m.Units;
        int nv = m.Visible, nh = m.Hidden;
        var v0 = ws.Data.AsSpan(0, rows * nv);
        var hPos = ws.HiddenPositive.AsSpan(0, rows * nh);
        var vChain = ws.ChainVisible.AsSpan(0, rows * nv);
        var hChain = ws.ChainHidden.AsSpan(0, rows * nh);
        var hp = ws.HiddenProbability.AsSpan(0, rows * nh);
        var vp = ws.VisibleProbability.AsSpan(0, rows * nv);
        var uh = ws.UniformHidden.AsSpan(0, rows * nh);
        var uv = ws.UniformVisible.AsSpan(0, rows * nv);
        var hNeg = ws.HiddenNegative.AsSpan(0, rows * nh);

        _wLaidOut = _wTransposedLaidOut = false;
        Hidden(v0, hPos, encoded: false);

        var startFromPositive = false;
        switch (_settings.Method)
        {
            case RbmTrainingMethod.ContrastiveDivergence:
                v0.CopyTo(vChain);
                startFromPositive = true;
                break;
            case RbmTrainingMethod.PersistentContrastiveDivergence:
                if (!ws.ChainsStarted)
                {
                    v0.CopyTo(vChain);
                    ws.ChainsStarted = true;
                }
                break;
            default:
                rng.FillUniform(uv);
                for (var i = 0; i < vChain.Length; i++) vChain[i] = uv[i] < 0.5f ? 1f : m.Down;
                break;
        }

        for (var t = 0; t < _settings.K; t++)
        {
            // CD's first hidden conditional is the positive phase's: reuse it.
            var p = startFromPositive && t == 0 ? hPos : hp;
            if (!(startFromPositive && t == 0)) Hidden(vChain, hp, encoded: t > 0);
            rng.FillUniform(uh);
            SampleChains(p, uh, hChain);
            Visible(hChain, vp);
            rng.FillUniform(uv);
            SampleChains(vp, uv, vChain);
        }
        Hidden(vChain, hNeg, encoded: _settings.K > 0);
        RbmGibbs.ToMean(hPos, units);
        RbmGibbs.ToMean(hNeg, units);

        var eta = (float)_settings.LearningRate;
        var mu = (float)_settings.Momentum;
        var scale = eta / rows;
        // Δ_W ← μΔ_W + (η/B)(v⁰ᵀ h⁺ − vᵏᵀ h⁻) − ηλW, as two accumulating products.
        AddCorrelations(v0, hPos, scale, mu);
        AddCorrelations(vChain, hNeg, -scale, 1f);
        if (_settings.WeightDecay > 0)
            TensorPrimitives.MultiplyAdd(m.W, (float)(-eta * _settings.WeightDecay), ws.VelocityW, ws.VelocityW);
        TensorPrimitives.Add(m.W, ws.VelocityW, m.W);

        UpdateBias(v0, vChain, ws.SumVisible, ws.VelocityA, m.A, rows, scale, mu);
        UpdateBias(hPos, hNeg, ws.SumHidden, ws.VelocityB, m.B, rows, scale, mu);
    }

    /// <summary>Samples the chains' units from their probabilities p, and encodes them for the next conditional.</summary>
    private void SampleChains(ReadOnlySpan<float> p, ReadOnlySpan<float> u, Span<float> s)
    {
        if (TwoStateProducts) RbmGibbs.Sample(p, u, s, _m.Units, Workspace.Batch, Workspace.States);
        else RbmGibbs.Sample(p, u, s, _m.Units);
    }

    /// <summary>hp = P(h = up | v) for the batch v; <paramref name="encoded"/>: the workspace's states already hold v (just sampled).</summary>
    private void Hidden(ReadOnlySpan<float> v, Span<float> hp, bool encoded)
    {
        var ws = Workspace;
        if (!TwoStateProducts || (!encoded && !ws.States.Encode(v, ws.Batch, _m.Visible, _m.Down, 1f)))
        {
            RbmGibbs.HiddenProbabilities(_m, v, hp, ws.Batch);
            return;
        }
        if (!_wLaidOut) ws.W.Pack(_m.W, _m.Visible, _m.Hidden);
        _wLaidOut = true;
        RbmGibbs.HiddenProbabilities(_m, ws.States, ws.W, hp);
    }

    /// <summary>vp = P(v = up | h) for the batch h of hidden chain states just sampled (and so encoded).</summary>
    private void Visible(ReadOnlySpan<float> h, Span<float> vp)
    {
        var ws = Workspace;
        if (!TwoStateProducts)
        {
            RbmGibbs.VisibleProbabilities(_m, h, vp, ws.Batch);
            return;
        }
        if (!_wTransposedLaidOut) ws.WTransposed.Pack(_m.W, _m.Hidden, _m.Visible, transpose: true);
        _wTransposedLaidOut = true;
        RbmGibbs.VisibleProbabilities(_m, ws.States, ws.WTransposed, vp);
    }

    /// <summary>Δ_W ← α·vᵀ·h + β·Δ_W over the batch.</summary>
    private void AddCorrelations(ReadOnlySpan<float> v, ReadOnlySpan<float> h, float alpha, float beta)
    {
        var ws = Workspace;
        int nv = _m.Visible, nh = _m.Hidden;
        if (TwoStateProducts && ws.States.Encode(v, nv, ws.Batch, _m.Down, 1f, transpose: true))
        {
            ws.HiddenMeans.Pack(h, ws.Batch, nh);
            ws.States.Multiply(ws.HiddenMeans, ws.VelocityW, alpha, beta);
        }
        else Gemm.Multiply(v, h, ws.VelocityW, nv, nh, ws.Batch, transposeA: true, alpha: alpha, beta: beta);
    }

    private static void UpdateBias(ReadOnlySpan<float> positive, ReadOnlySpan<float> negative, Span<float> sum, Span<float> velocity, Span<float> bias, int rows, float scale, float mu)
    {
        TensorPrimitives.Multiply(velocity, mu, velocity);
        Kernels.SumRows(positive, sum, rows);
        TensorPrimitives.MultiplyAdd(sum, scale, velocity, velocity);
        Kernels.SumRows(negative, sum, rows);
        TensorPrimitives.MultiplyAdd(sum, -scale, velocity, velocity);
        TensorPrimitives.Add(bias, velocity, bias);
    }
}
