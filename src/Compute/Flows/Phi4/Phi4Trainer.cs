using Compute.Numerics;
using Compute.Numerics.Optim;
using Compute.Numerics.Stats;
using System.Numerics.Tensors;

namespace Compute.Flows.Phi4;

/// <summary>
/// Reverse-KL training of a float flow by self-sampling: each step draws a batch z ~ N(0, 1), evaluates
/// <see cref="ReverseKl{T}"/> and its gradient, and takes one Adam step. Allocation-free after construction.
/// Besides the loss, each step estimates the normalized ESS (Σw)²/(BΣw²) and the independence-Metropolis
/// acceptance rate from the batch's log weights ln w = −S − ln q.
/// The batch is always differentiated as two halves, by the flow and by a twin sharing its parameters, on two
/// threads when a second core is free; their gradients are then added in a fixed order, so a seed gives the same
/// numbers bit for bit whether one or two threads did the work.
/// </summary>
public sealed class Phi4Trainer
{
    private readonly HalfBatches _halves;
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
        var first = batch < 2 ? batch : (batch + 1) / 2;
        _halves = new HalfBatches(this, first, batch < 2 ? null : new ReverseKl<float>(flow.Twin(batch - first), action));
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
        HelperThread.Run(_halves);
        var loss = 0.0;
        for (var b = 0; b < Batch; b++)
        {
            var (half, index) = b < _halves.First ? (Loss, b) : (_halves.Second!, b - _halves.First);
            _logWeights[b] = -half.ActionValues[index] - half.LogQ[index];
            loss -= _logWeights[b];
        }
        loss /= Batch;
        if (!double.IsFinite(loss)) return (loss, double.NaN, double.NaN);
        var parameters = Flow.Parameters;
        if (_halves.Second is { } second) TensorPrimitives.Add(parameters.Gradients, second.Flow.Parameters.Gradients, parameters.Gradients);
        _adam.Step(parameters.Values, parameters.Gradients);
        return (loss, Statistics.EffectiveSampleSizeFromLogWeights(_logWeights), Statistics.IndependenceAcceptance(_logWeights, _scratch));
    }

    /// <summary>The two halves of a step's batch: samples [0, First) on the flow, the rest on its twin.</summary>
    private sealed class HalfBatches(Phi4Trainer trainer, int first, ReverseKl<float>? second) : IPieces
    {
        public int First { get; } = first;
        public ReverseKl<float>? Second { get; } = second;
        public int PieceCount => Second is null ? 1 : 2;

        public void Compute(int piece)
        {
            var (loss, from, count) = piece == 0 ? (trainer.Loss, 0, First) : (Second!, First, trainer.Batch - First);
            var sites = loss.Flow.Sites;
            loss.Flow.Parameters.ZeroGradients();
            loss.LossAndGradient(trainer._z.AsSpan(from * sites, count * sites), count, trainer.Batch);
        }
    }
}
