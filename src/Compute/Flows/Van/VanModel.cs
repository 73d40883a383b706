using System.Globalization;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Flows.Van;

/// <summary>
/// <c>flow.van</c>: a variational autoregressive network (MADE) learns the Boltzmann distribution
/// e^{−βE}/Z of a 2D Ising ferromagnet, an SK spin glass or a Hopfield network by minimizing the
/// variational free energy F_q = (1/β) E_q[ln q + βE] ≥ F with the REINFORCE gradient. After training
/// it reports F_q, the neural-importance-sampling estimate of ln Z with its effective sample size, and
/// compares them with the exact free energy (Kaufman's finite torus, or enumeration of all 2^N states).
/// Ref: Wu, Wang &amp; Zhang, PRL 122, 080602 (2019); Nicoli et al., PRE 101, 023304 (2020).
/// </summary>
public sealed class VanModel : IModelType
{
    public const string Id = "flow.van";
    private const int MaxRecordedSteps = 200;

    public ModelTypeInfo Info { get; } = new(
        Id, "Flows", "Variational autoregressive network (VAN)",
        "An autoregressive neural network q(s) = Π_i q(s_i | s_<i) (MADE with masked dense layers, or a small PixelCNN) is trained to approximate " +
        "the Boltzmann distribution of a 2D Ising model, an SK spin glass or a Hopfield network by minimizing the variational " +
        "free energy F_q = (1/β)E_q[ln q + βE] ≥ F (reverse KL, REINFORCE gradient with a baseline, Adam; optional β annealing " +
        "and Z2 symmetrization). Exact sampling from q gives F_q with an error bar, and importance weights e^{−βE}/q give an " +
        "asymptotically unbiased ln Z and the effective sample size; both are checked against the exact free energy.",
        VanParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        VanParameters.Declared.Target.Is(VanParameters.Ising), VanParameters.Declared.L.Is(4), VanParameters.Declared.Beta.Is(0.3),
        VanParameters.Declared.Depth.Is(2), VanParameters.Declared.Width.Is(2), VanParameters.Declared.Batch.Is(256),
        VanParameters.Declared.Steps.Is(200), VanParameters.Declared.LearningRate.Is(0.01), VanParameters.Declared.Z2.Is(true),
        VanParameters.Declared.EvaluationBatches.Is(20));

    public ResourceEstimate? Estimate(ParameterValues parameters) => VanParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = VanParameters.From(parameters);
        return p.Validate().Concat(p.Estimate().Against(limits, VanParameters.Declared.Batch.Name));
    }

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = VanParameters.From(spec.Parameters);
        return Run(p, VanProblem.Create(p, context.Cancellation), (ulong)spec.Seed, context);
    }

    /// <summary>Trains and evaluates on a given problem (its target must have <see cref="VanParameters.Spins"/> spins).</summary>
    internal static ResultDocument Run(VanParameters p, VanProblem problem, ulong seed, RunContext context)
    {
        var cancellationToken = context.Cancellation;
        var training = context.Stage("training", 90);
        var evaluating = context.Stage("evaluation", 10);
        var liveFreeEnergy = context.Series("free_energy", "training step", "F_q/N (batch)");
        var n = p.Spins;
        var rows = p.Z2 ? 2 * p.Batch : p.Batch;
        AutoregressiveNetwork network = p.Network == VanParameters.PixelCnnNetwork
            ? new PixelCnn(p.L, p.Depth, p.Channels, p.HalfKernel, rows)
            : new Made(n, p.Depth, p.Width, rows);
        var trainer = new VanTrainer(network, problem.Target,
            new VanTrainingOptions(p.Beta, p.Batch, p.LearningRate, p.AnnealRate, p.Z2), seed);

        var every = Math.Max(1, (p.Steps + MaxRecordedSteps - 1) / MaxRecordedSteps);
        var history = new List<(int Step, VanBatchEstimate Estimate)>();
        for (var t = 1; t <= p.Steps; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VanBatchEstimate estimate;
            try
            {
                estimate = trainer.Step(cancellationToken);
            }
            catch (InvalidOperationException diverged) when (diverged is not RunFailedException)
            {
                // Keep the training curves up to the failure so the portal can show them next to the message.
                throw context.Fail(Id, diverged.Message + " Lower the learning rate or use β annealing.",
                    VanResult.Partial(p, problem, network.Parameters.Count, history, diverged.Message));
            }
            if (t % every == 0 || t == p.Steps)
            {
                history.Add((t, estimate));
                liveFreeEnergy.Add(t, estimate.FreeEnergy / n);
                training.Report(t, p.Steps, $"step {t}/{p.Steps}, F_q/N = {(estimate.FreeEnergy / n).ToString("0.0000", CultureInfo.InvariantCulture)}");
            }
        }

        var samples = p.EvaluationBatches * p.Batch;
        var energies = new double[samples];
        var logQ = new double[samples];
        var configurations = trainer.Configurations[..(Math.Min(16, p.Batch) * n)].ToArray();
        for (var k = 0; k < p.EvaluationBatches; k++)
        {
            trainer.Sample(cancellationToken);
            if (k == 0) trainer.Configurations[..configurations.Length].CopyTo(configurations);
            trainer.Energies.CopyTo(energies.AsSpan(k * p.Batch));
            trainer.LogQ.CopyTo(logQ.AsSpan(k * p.Batch));
            evaluating.Report(k + 1, p.EvaluationBatches, $"batch {k + 1}/{p.EvaluationBatches}");
        }
        var evaluation = VanEvaluation.From(energies, logQ, p.Beta, n);
        return VanResult.Build(p, problem, network.Parameters.Count, history, evaluation, configurations);
    }
}
