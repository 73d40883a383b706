using System.Globalization;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Flows.Phi4;

/// <summary>
/// <c>flow.phi4</c>: a RealNVP normalizing flow (affine couplings, checkerboard masks, CNN or MLP conditioners,
/// tanh-bounded scales, N(0,1) base) trained by reverse KL E_q[ln q + S] on 2D lattice φ⁴, then used as a sampler:
/// neural importance sampling (ESS, reweighted observables, ln Z) and neural MCMC (independence Metropolis),
/// next to a local Metropolis baseline on the same action. On the free field (λ = 0) ln Z, ⟨S⟩/V and G(r) are exact.
/// </summary>
public sealed partial class Phi4Model : IModelType, ISweepTheory
{
    public const string Id = "flow.phi4";
    // Rng streams of one seed: 0 training draws (Phi4Trainer), 1 initialization (Phi4Flow), then these.
    private const ulong SamplingStream = 2, ChainStream = 3, BaselineStream = 4;

    public ModelTypeInfo Info { get; } = new(
        Id, "Flows", "Lattice φ⁴ with a RealNVP flow",
        "Trains a normalizing flow q(φ) by minimizing the reverse Kullback-Leibler divergence to e^(−S)/Z for the 2D lattice φ⁴ theory, " +
        "then samples with it: neural importance sampling gives the effective sample size and an estimate of ln Z, and an independence " +
        "Metropolis chain with flow proposals gives asymptotically exact observables. A local Metropolis chain on the same action is the baseline.",
        Phi4Parameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        Phi4Parameters.Declared.L.Is(4), Phi4Parameters.Declared.M2.Is(-1.0), Phi4Parameters.Declared.Lambda.Is(2.0),
        Phi4Parameters.Declared.Couplings.Is(6), Phi4Parameters.Declared.HiddenChannels.Is(8), Phi4Parameters.Declared.Steps.Is(500),
        Phi4Parameters.Declared.Batch.Is(64), Phi4Parameters.Declared.LearningRate.Is(3e-3), Phi4Parameters.Declared.Samples.Is(8192),
        Phi4Parameters.Declared.BaselineSweeps.Is(20_000));

    public ResourceEstimate? Estimate(ParameterValues parameters) => Phi4Parameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits)
    {
        var p = Phi4Parameters.From(parameters);
        return p.Validate().Concat(p.Estimate().Against(limits, Phi4Parameters.Declared.Batch.Name));
    }

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var p = Phi4Parameters.From(spec.Parameters);
        var errors = p.Validate().ToList();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Select(e => e.Message)));
        var seed = (ulong)spec.Seed;
        var action = p.Action;
        var flow = new Phi4Flow<float>(p.Architecture, p.Batch, seed);
        var trainer = new Phi4Trainer(flow, action, p.Batch, p.LearningRate, seed);
        var training = context.Stage("training", 70);
        var sampling = context.Stage("sampling the flow", 15);
        var baselineStage = context.Stage("baseline Metropolis", 15);
        var curves = new Phi4TrainingCurves(context);

        var loss = new double[p.Steps];
        var ess = new double[p.Steps];
        var acceptance = new double[p.Steps];
        var every = Math.Max(1, p.Steps / 100);
        for (var step = 0; step < p.Steps; step++)
        {
            context.ThrowIfCancelled();
            (loss[step], ess[step], acceptance[step]) = trainer.Step();
            if (!double.IsFinite(loss[step]))
            {
                var partial = new Phi4Report(p, action).Partial(step, curves);
                throw context.Fail(Id,
                    $"Training diverged at step {step + 1} of {p.Steps}: the reverse-KL loss is {loss[step].ToString(CultureInfo.InvariantCulture)}. Lower the learning rate or the number of couplings.", partial);
            }
            curves.Add(step + 1, loss[step], ess[step], acceptance[step]);
            if ((step + 1) % every == 0 || step + 1 == p.Steps)
                training.Report(step + 1, p.Steps, $"step {step + 1}/{p.Steps}: loss {loss[step]:0.000}, ESS {ess[step]:0.000}, acceptance ≈ {acceptance[step]:0.000}");
        }

        var samples = FlowSamples.Draw(trainer.Loss, p.Samples, p.Batch, seed, SamplingStream,
            f => sampling.Report(f, 1, $"{(int)(f * p.Samples)}/{p.Samples}"), context.Cancellation);
        var (states, chainAcceptance) = IndependenceMetropolis.Run(samples.LogWeights, seed, ChainStream);

        var baseline = RunBaseline(p, action, seed, baselineStage, context.Cancellation);
        return new Phi4Report(p, action).Build(curves, samples, states, chainAcceptance, baseline);
    }

    private static BaselineChain RunBaseline(Phi4Parameters p, Phi4Action action, ulong seed, RunStage stage, CancellationToken ct)
    {
        var sampler = new LocalMetropolis(action, seed, BaselineStream);
        var thermalization = Math.Max(100, p.BaselineSweeps / 10);
        var measured = p.BaselineSweeps - thermalization;
        var chain = new BaselineChain(measured, p.L);
        var r = p.L / 2 + 1;
        var v = action.Sites;
        var acceptanceSum = 0.0;
        var every = Math.Max(1, p.BaselineSweeps / 20);
        for (var sweep = 0; sweep < p.BaselineSweeps; sweep++)
        {
            if ((sweep & 63) == 0) ct.ThrowIfCancellationRequested();
            var measuring = sweep >= thermalization;
            var rate = sampler.Sweep(tune: !measuring);
            if ((sweep + 1) % every == 0)
                stage.Report(sweep + 1, p.BaselineSweeps, $"sweep {sweep + 1}/{p.BaselineSweeps}");
            if (!measuring) continue;
            acceptanceSum += rate;
            var i = sweep - thermalization;
            var field = sampler.Field;
            var m = Phi4Observables.Magnetization(field);
            chain.Magnetization[i] = m / v;
            chain.AbsMagnetization[i] = Math.Abs(m) / v;
            chain.SquaredMagnetization[i] = m * m / v;
            chain.ActionDensity[i] = action.Evaluate(field) / v;
            Phi4Observables.TwoPoint(field, p.L, chain.Correlator.AsSpan(i * r, r));
            if (i % Math.Max(1, measured / 4) == 0 && chain.Examples.Count < 4) chain.Examples.Add(field.ToArray());
        }
        chain.Acceptance = acceptanceSum / measured;
        chain.Step = sampler.Step;
        return chain;
    }
}

/// <summary>The measured part of the baseline local Metropolis chain, one entry per sweep.</summary>
internal sealed class BaselineChain(int sweeps, int l)
{
    public double[] Magnetization { get; } = new double[sweeps];
    public double[] AbsMagnetization { get; } = new double[sweeps];
    public double[] SquaredMagnetization { get; } = new double[sweeps];
    public double[] ActionDensity { get; } = new double[sweeps];
    public double[] Correlator { get; } = new double[sweeps * (l / 2 + 1)];
    public List<double[]> Examples { get; } = [];
    public double Acceptance { get; set; }
    public double Step { get; set; }
}
