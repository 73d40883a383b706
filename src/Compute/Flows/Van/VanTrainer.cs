using Compute.Numerics.Stats;
using System.Numerics.Tensors;
using Compute.Numerics;
using Compute.Numerics.Optim;

namespace Compute.Flows.Van;

/// <summary>Settings of <see cref="VanTrainer"/>: target β, batch, Adam step, β annealing rate and Z2 symmetrization.</summary>
/// <param name="AnnealRate">a in β_t = β(1 − a^t) for step t = 1, 2, …; 0 trains at β from the start.</param>
/// <param name="Z2">Use q_sym(s) = ½[q(s) + q(−s)] (sampling: draw from q, then flip the whole configuration with probability ½).</param>
public sealed record VanTrainingOptions(double Beta, int Batch, double LearningRate = 1e-3, double AnnealRate = 0, bool Z2 = true);

/// <summary>Estimates from one batch drawn from the model, at the target β (not the annealed one).</summary>
/// <param name="FreeEnergy">F_q = (1/β) E_q[ln q + βE] (total, not per spin), with its standard error.</param>
/// <param name="LogZ">NIS estimate ln Ẑ = ln mean(e^{−βE}/q), with the delta-method error √((1/ESS − 1)/B).</param>
/// <param name="Ess">Normalized effective sample size (Σw)²/(B Σw²) of the importance weights.</param>
public readonly record struct VanBatchEstimate(double TrainingBeta, double FreeEnergy, double FreeEnergyError,
    double LogZ, double LogZError, double Ess, double MeanEnergy);

/// <summary>
/// Trains an <see cref="AutoregressiveNetwork"/> (MADE or PixelCNN) on e^{−βE}/Z by minimizing the variational free energy
/// βF_q = E_q[βE(s) + ln q(s)] ≥ −ln Z with the score-function (REINFORCE) gradient
/// ∇βF_q = E_q[(βE + ln q − b) ∇ln q], baseline b = the batch mean of βE + ln q, and Adam.
/// Owns every buffer; a <see cref="Step"/> allocates nothing. Single-threaded and deterministic for a seed.
/// Ref: Wu, Wang &amp; Zhang, PRL 122, 080602 (2019), Eq. (3)-(4).
/// </summary>
public sealed class VanTrainer
{
    private readonly AutoregressiveNetwork _network;
    private readonly IVanTarget _target;
    private readonly Adam _adam;
    private readonly float[] _spins;          // rows [0, B): s; rows [B, 2B): −s when Z2
    private readonly float[] _logitGradients;
    private readonly float[] _logits;
    private readonly double[] _energies;
    private readonly double[] _logQ;          // ln q(s) of the model actually sampled (q_sym under Z2)
    private readonly double[] _logQRaw;       // ln q of every forward row
    private readonly double[] _f;
    private readonly double[] _scratch;
    private Rng _rng;
    private int _step;

    public VanTrainer(AutoregressiveNetwork network, IVanTarget target, VanTrainingOptions options, ulong seed)
    {
        if (network.Spins != target.Spins) throw new ArgumentException("Network and target disagree on the number of spins.");
        if (!(options.Beta > 0)) throw new ArgumentOutOfRangeException(nameof(options), "β must be positive.");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Batch, 2);
        _network = network;
        _target = target;
        Options = options;
        var rows = options.Z2 ? 2 * options.Batch : options.Batch;
        if (network.MaxBatch < rows) throw new ArgumentException($"The network must hold batches of {rows} (twice the batch under Z2).", nameof(network));
        _adam = new Adam(network.Parameters.Count, options.LearningRate);
        _spins = new float[rows * network.Spins];
        _logitGradients = new float[rows * network.Spins];
        _logits = new float[rows * network.Spins];
        _energies = new double[options.Batch];
        _logQ = new double[options.Batch];
        _logQRaw = new double[rows];
        _f = new double[options.Batch];
        _scratch = new double[options.Batch];
        var init = new Rng(seed, 1);
        network.Initialize(ref init);
        _rng = new Rng(seed, 0);
    }

    public VanTrainingOptions Options { get; }
    public int StepCount => _step;
    public ReadOnlySpan<float> Parameters => _network.Parameters.Values;

    /// <summary>β_t of the next step under annealing.</summary>
    public double TrainingBeta => Options.AnnealRate > 0 ? Options.Beta * (1 - Math.Pow(Options.AnnealRate, _step + 1)) : Options.Beta;

    /// <summary>The configurations of the last batch (batch × n, ±1), their energies and ln q.</summary>
    public ReadOnlySpan<float> Configurations => _spins.AsSpan(0, Options.Batch * _network.Spins);
    public ReadOnlySpan<double> Energies => _energies;
    public ReadOnlySpan<double> LogQ => _logQ;

    /// <summary>One REINFORCE step with Adam; returns the batch's estimates at the target β. Throws on NaN/∞, naming the step.</summary>
    public VanBatchEstimate Step(CancellationToken cancellationToken)
    {
        var betaT = TrainingBeta;
        _step++;
        DrawBatch(cancellationToken);
        var b = Options.Batch;
        for (var r = 0; r < b; r++) _f[r] = betaT * _energies[r] + _logQ[r];
        var baseline = TensorPrimitives.Sum<double>(_f) / b;
        if (!double.IsFinite(baseline))
            throw new InvalidOperationException($"VAN training diverged at step {_step}: the batch mean of βE + ln q is {baseline}.");

        // dL/da for L = (1/B) Σ_b c_b ln q_sym(s_b), c_b = f_b − baseline held fixed; ∂ln q/∂a_i = (s_i + 1)/2 − σ(a_i).
        var n = _network.Spins;
        var logits = _logits.AsSpan();
        for (var r = 0; r < b; r++)
        {
            var c = (_f[r] - baseline) / b;
            if (Options.Z2)
            {
                // Share of q(s) in q(s) + q(−s): the gradient of ln q_sym splits between both forward rows.
                var wPlus = 1 / (1 + Math.Exp(_logQRaw[b + r] - _logQRaw[r]));
                LogitGradients(r, (float)(c * wPlus), logits, n);
                LogitGradients(b + r, (float)(c * (1 - wPlus)), logits, n);
            }
            else
            {
                LogitGradients(r, (float)c, logits, n);
            }
        }
        var parameters = _network.Parameters;
        parameters.ZeroGradients();
        var rows = Options.Z2 ? 2 * b : b;
        _network.Backward(_spins.AsSpan(0, rows * n), _logitGradients.AsSpan(0, rows * n), rows);
        _adam.Step(parameters.Values, parameters.Gradients);
        if (!float.IsFinite(TensorPrimitives.Sum(parameters.Values)))
            throw new InvalidOperationException($"VAN training diverged at step {_step}: the network parameters are no longer finite.");
        return Estimate(betaT);
    }

    /// <summary>Draws a batch from the current model without training and returns its estimates.</summary>
    public VanBatchEstimate Sample(CancellationToken cancellationToken)
    {
        DrawBatch(cancellationToken);
        return Estimate(Options.Beta);
    }

    /// <summary>∂L/∂a_i = coefficient·((s_i + 1)/2 − σ(a_i)) for one forward row.</summary>
    private void LogitGradients(int row, float coefficient, ReadOnlySpan<float> logits, int n)
    {
        var g = _logitGradients.AsSpan(row * n, n);
        TensorPrimitives.Sigmoid(logits.Slice(row * n, n), g);
        // (s + 1)/2 − σ(a) = 0.5·s + (0.5 − σ(a)).
        TensorPrimitives.Subtract(0.5f, g, g);
        TensorPrimitives.MultiplyAdd(_spins.AsSpan(row * n, n), 0.5f, g, g);
        TensorPrimitives.Multiply(g, coefficient, g);
    }

    /// <summary>Samples B configurations (Z2-flipped when enabled), runs the forward pass and fills energies and ln q.</summary>
    private void DrawBatch(CancellationToken cancellationToken)
    {
        var b = Options.Batch;
        var n = _network.Spins;
        var s = _spins.AsSpan(0, b * n);
        _network.Sample(ref _rng, s, b, cancellationToken);
        var rows = b;
        if (Options.Z2)
        {
            for (var r = 0; r < b; r++)
                if ((_rng.NextUInt64() >> 63) == 1) TensorPrimitives.Negate(s.Slice(r * n, n), s.Slice(r * n, n));
            TensorPrimitives.Negate(s, _spins.AsSpan(b * n, b * n));
            rows = 2 * b;
        }
        var logits = _network.Forward(_spins.AsSpan(0, rows * n), rows);
        logits.CopyTo(_logits);
        _network.LogProbabilities(_spins, logits, _logQRaw, rows);
        for (var r = 0; r < b; r++)
            _logQ[r] = Options.Z2 ? LogMeanExp(_logQRaw[r], _logQRaw[b + r]) : _logQRaw[r];
        _target.Energies(s, _energies, b);
    }

    /// <summary>ln(½(e^x + e^y)) without overflow.</summary>
    private static double LogMeanExp(double x, double y)
    {
        var max = Math.Max(x, y);
        return max + Math.Log(0.5 + 0.5 * Math.Exp(-Math.Abs(x - y)));
    }

    private VanBatchEstimate Estimate(double trainingBeta)
    {
        var beta = Options.Beta;
        var b = Options.Batch;
        for (var r = 0; r < b; r++) _scratch[r] = _energies[r] + _logQ[r] / beta;
        var (f, fError) = Numerics.Stats.Statistics.MeanAndError(_scratch);
        for (var r = 0; r < b; r++) _scratch[r] = -beta * _energies[r] - _logQ[r];
        var (logZ, logZError, ess) = Statistics.LogMeanWeight(_scratch);
        return new VanBatchEstimate(trainingBeta, f, fError, logZ, logZError, ess, TensorPrimitives.Sum<double>(_energies) / b);
    }
}
