using Compute.Numerics;
using Compute.Numerics.Optim;
using Compute.Numerics.Stats;

namespace Compute.Flows.Phi4;

/// <summary>
/// Reverse-KL training of a float flow by self-sampling: each step draws a batch z ~ N(0, 1), evaluates
/// <see cref="ReverseKl{T}"/> and its gradient, and takes one Adam step. Allocation-free after construction.
/// Besides the loss, each step estimates the normalized ESS (Σw)²/(BΣw²) and the independence-Metropolis
/// acceptance rate from the batch's log weights ln w = −S − ln q.
/// </summary>
public sealed class Phi4Trainer
{
    private readonly float[] _z;
    private readonly double[] _logWeights;
    private readonly double[] _scratch;
    private readonly Adam _adam;
    private Rng _rng;

    public Phi4Trainer(Phi4Flow<float> flow, Phi4Action action, int batch, double learningRate, ulong seed)
    {
        if (batch > flow.MaxBatch) throw new ArgumentOutOfRangeException(nameof(batch), $"Batch {batch} exceeds the flow's workspace ({flow.MaxBatch}).");
        Loss = new ReverseKl<float>(flow, action);
        Batch = batch;
        _z = new float[batch * flow.Sites];
        _logWeights = new double[batch];
        _scratch = new double[batch];
        _adam = new Adam(flow.Parameters.Count, learningRate);
        _rng = new Rng(seed, 0);
    }

    public ReverseKl<float> Loss { get; }
    public Phi4Flow<float> Flow => Loss.Flow;
    public int Batch { get; }
    public long Steps => _adam.StepCount;

    /// <summary>One Adam step on a fresh batch; returns (loss, ESS, acceptance estimate). Non-finite values are returned, not thrown.</summary>
    public (double Loss, double Ess, double Acceptance) Step()
    {
        _rng.FillNormal(_z);
        var parameters = Flow.Parameters;
        parameters.ZeroGradients();
        var loss = Loss.LossAndGradient(_z, Batch);
        for (var b = 0; b < Batch; b++) _logWeights[b] = -Loss.ActionValues[b] - Loss.LogQ[b];
        if (!double.IsFinite(loss)) return (loss, double.NaN, double.NaN);
        _adam.Step(parameters.Values, parameters.Gradients);
        return (loss, Statistics.EffectiveSampleSizeFromLogWeights(_logWeights), Weights.IndependenceAcceptance(_logWeights, _scratch));
    }
}
