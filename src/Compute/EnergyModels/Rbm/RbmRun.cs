using Compute.Numerics;
using Compute.Numerics.Linalg;
using Shared.Models;
using Shared.Results;

namespace Compute.EnergyModels.Rbm;

/// <summary>
/// One <c>ebm.rbm</c> run: training loop, monitors, checkpoints and the final sampling. Randomness comes
/// from separate streams of the run's seed (initial weights and training, evaluation subset, AIS per
/// checkpoint, sample grid), so the document is identical for equal specs.
/// </summary>
internal sealed class RbmRun
{
    private const int MaxEvaluationRows = 2000;
    private const int TrackedModes = 8;

    private readonly RbmParameters _p;
    private readonly BinaryMatrix _data;
    private readonly string _description;
    private readonly ulong _seed;
    private readonly RunContext _context;
    private readonly CancellationToken _ct;
    private readonly RunStage _training, _final, _sampling;
    private readonly LiveSeries _liveReconstruction, _livePseudoLikelihood, _liveLikelihood;
    private readonly RestrictedBoltzmannMachine _m;
    private readonly double[] _meanUp;
    private readonly double[] _baseBias;
    private readonly string _likelihood;

    public RbmRun(RbmParameters p, BinaryMatrix data, string description, ulong seed, RunContext context)
    {
        _p = p;
        _data = data;
        _description = description;
        _seed = seed;
        _context = context;
        _ct = context.Cancellation;
        _training = context.Stage("training", 90);
        _final = context.Stage("final checks", 5);
        _sampling = context.Stage("sampling", 5);
        _liveReconstruction = context.Series("reconstruction_error", "epoch", "reconstruction error");
        _livePseudoLikelihood = context.Series("pseudo_log_likelihood", "epoch", "pseudo-log-likelihood");
        _liveLikelihood = context.Series("log_likelihood", "epoch", "log-likelihood");
        _m = new RestrictedBoltzmannMachine(data.Columns, p.Hidden, p.Units);
        _likelihood = p.ResolvedLikelihood(data.Columns);
        var meanOn = new double[data.Columns];
        for (var r = 0; r < data.Rows; r++)
        {
            var row = data.Row(r);
            for (var i = 0; i < row.Length; i++) meanOn[i] += row[i];
        }
        _meanUp = meanOn.Select(s => s / data.Rows).ToArray();
        _baseBias = _meanUp.Select(q => RestrictedBoltzmannMachine.DataBias(p.Units, q)).ToArray();
    }

    public Shared.Results.ResultDocument Execute()
    {
        int nv = _m.Visible, nh = _m.Hidden, rows = _data.Rows, batch = _p.BatchSize;
        var rng = new Rng(_seed, 1);
        _m.InitializeRandom(ref rng, 0.01);
        _m.SetVisibleBiasesFromData(_meanUp);

        var (evaluation, evaluationRows) = EvaluationSet();
        var pllRows = (int)Math.Clamp(2e6 / ((double)nv * nh), Math.Min(20, evaluationRows), evaluationRows);

        var trainer = new RbmTrainer(_m, new RbmTraining(_p.Method, _p.K, batch, _p.LearningRate, _p.Momentum, _p.WeightDecay));
        var order = Enumerable.Range(0, rows).ToArray();
        var batches = rows / batch;
        var checkpointEpochs = Enumerable.Range(0, _p.Checkpoints + 1).Select(c => (int)Math.Round((double)c * _p.Epochs / _p.Checkpoints)).Distinct().ToArray();
        var record = new RbmRecord(_p.Epochs, checkpointEpochs.Length);

        var nextCheckpoint = 0;
        Checkpoint(record, ref nextCheckpoint, 0, evaluation, evaluationRows);
        for (var epoch = 1; epoch <= _p.Epochs; epoch++)
        {
            Shuffle(order, ref rng);
            var dataBatch = trainer.Workspace.Data;
            for (var bIndex = 0; bIndex < batches; bIndex++)
            {
                _ct.ThrowIfCancellationRequested();
                for (var r = 0; r < batch; r++)
                    RbmDatasets.ToUnits(_data, order[bIndex * batch + r], dataBatch.AsSpan(r * nv, nv), _p.Units);
                trainer.Step(ref rng);
            }
            if (!float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(_m.W)))
                throw _context.Fail(RbmModel.Id, $"RBM training diverged in epoch {epoch}: the weights became NaN or infinite. Reduce learningRate.");

            record.Epoch[epoch - 1] = epoch;
            record.Reconstruction[epoch - 1] = RbmMetrics.ReconstructionError(_m, evaluation, evaluationRows);
            record.PseudoLikelihood[epoch - 1] = RbmMetrics.PseudoLogLikelihood(_m, evaluation, pllRows, _ct);
            _liveReconstruction.Add(epoch, record.Reconstruction[epoch - 1]);
            _livePseudoLikelihood.Add(epoch, record.PseudoLikelihood[epoch - 1]);
            if (nextCheckpoint < checkpointEpochs.Length && checkpointEpochs[nextCheckpoint] == epoch)
                Checkpoint(record, ref nextCheckpoint, epoch, evaluation, evaluationRows);
            _training.Report(epoch, _p.Epochs, $"epoch {epoch}/{_p.Epochs}");
        }

        var final = FinalChecks(record);
        _final.Report(1, 1);
        var samples = SampleGrid(final);
        if (_p.Dataset == RbmParameters.Ising && _data.Columns == _p.Side * _p.Side) IsingEnergies(final, samples);
        var result = new RbmReport(_p, _m, _description, _likelihood, record, final, samples, evaluationRows, pllRows, rows,
            _liveReconstruction.Snapshot(), _livePseudoLikelihood.Snapshot()).Build();
        _sampling.Report(1, 1);
        return result;
    }

    /// <summary>
    /// The rows the monitors use: for bars-and-stripes the distinct patterns (the empirical distribution is
    /// uniform over them), otherwise up to 2000 rows of a fixed random order.
    /// </summary>
    private (float[] Rows, int Count) EvaluationSet()
    {
        int nv = _m.Visible;
        if (_p.Dataset == RbmParameters.BarsAndStripes && _data.Columns == _p.Side * _p.Side)
        {
            var patterns = RbmDatasets.BarsAndStripes(_p.Side);
            var distinct = new float[patterns.Rows * nv];
            for (var r = 0; r < patterns.Rows; r++) RbmDatasets.ToUnits(patterns, r, distinct.AsSpan(r * nv, nv), _p.Units);
            return (distinct, patterns.Rows);
        }
        var count = Math.Min(_data.Rows, MaxEvaluationRows);
        var order = Enumerable.Range(0, _data.Rows).ToArray();
        var rng = new Rng(_seed, 2);
        Shuffle(order, ref rng);
        var rows = new float[count * nv];
        for (var r = 0; r < count; r++) RbmDatasets.ToUnits(_data, order[r], rows.AsSpan(r * nv, nv), _p.Units);
        return (rows, count);
    }

    private void Checkpoint(RbmRecord record, ref int index, int epoch, float[] evaluation, int evaluationRows)
    {
        _training.Report(epoch, _p.Epochs + 1, $"epoch {epoch}/{_p.Epochs}: log-likelihood");
        record.CheckpointEpoch[index] = epoch;
        if (_likelihood == "exact")
        {
            var logZ = RbmExact.LogPartitionFunction(_m, _ct);
            record.LogZ[index] = logZ;
            record.LogLikelihood[index] = RbmExact.MeanLogLikelihood(_m, evaluation, evaluationRows, logZ);
        }
        else if (_likelihood == "ais")
        {
            var ais = AisEstimator.Estimate(_m, _baseBias, _p.AisChains, _p.AisSteps, _seed, (ulong)index, _ct);
            record.LogZ[index] = ais.LogZ;
            record.LogZError[index] = ais.Error;
            record.LogLikelihood[index] = RbmExact.MeanLogLikelihood(_m, evaluation, evaluationRows, ais.LogZ);
        }
        if (_likelihood != "none") _liveLikelihood.Add(epoch, record.LogLikelihood[index]);
        var sv = new double[Math.Min(_m.Visible, _m.Hidden)];
        SingularValues.Compute(_m.W, _m.Visible, _m.Hidden, sv);
        record.SingularValues[index] = sv;
        index++;
    }

    private RbmFinal FinalChecks(RbmRecord record)
    {
        var final = new RbmFinal();
        var smaller = Math.Min(_m.Visible, _m.Hidden);
        if (smaller <= RbmParameters.MaxExactUnits)
        {
            final.ExactLogZ = RbmExact.LogPartitionFunction(_m, _ct);
            if (Math.Max(_m.Visible, _m.Hidden) <= RbmParameters.MaxExactUnits)
                final.OtherLayerLogZ = RbmExact.LogPartitionFunction(_m, enumerateVisible: _m.Visible > _m.Hidden, _ct);
            if (_likelihood != "none")
                final.Ais = _likelihood == "ais" && record.LogZError[^1] > 0
                    ? new AisResult(record.LogZ[^1], record.LogZError[^1], 0, double.NaN)
                    : AisEstimator.Estimate(_m, _baseBias, _p.AisChains, _p.AisSteps, _seed, 1_000_000, _ct);
        }
        return final;
    }

    /// <summary>Energy per site of the training configurations and of the RBM's samples, against Kaufman's exact value.</summary>
    private void IsingEnergies(RbmFinal final, float[] samples)
    {
        int nv = _m.Visible, side = _p.Side;
        var row = new float[nv];
        var energies = new double[_data.Rows];
        for (var r = 0; r < _data.Rows; r++)
        {
            RbmDatasets.ToUnits(_data, r, row, _p.Units);
            energies[r] = RbmDatasets.IsingEnergyPerSite(row, side);
        }
        var (dataMean, dataError, _) = Compute.Numerics.Stats.Statistics.BinningError(energies);
        var model = new double[_p.SampleChains];
        for (var c = 0; c < model.Length; c++) model[c] = RbmDatasets.IsingEnergyPerSite(samples.AsSpan(c * nv, nv), side);
        final.IsingData = (dataMean, dataError);
        final.IsingModel = Compute.Numerics.Stats.Statistics.MeanAndError(model);
        final.IsingExact = Ising.Kaufman.EnergyPerSite(side, side, _p.Beta);
    }

    /// <summary>
    /// Long Gibbs chains from random states for the sample grid; the chains' mean −F(v), recorded along the way (at most
    /// ~1000 times), is the equilibration diagnostic of the samples.
    /// </summary>
    private float[] SampleGrid(RbmFinal final)
    {
        int nv = _m.Visible, nh = _m.Hidden, chains = _p.SampleChains;
        var rng = new Rng(_seed, 3);
        var v = new float[chains * nv];
        var h = new float[chains * nh];
        var vp = new float[chains * nv];
        var hp = new float[chains * nh];
        var u = new float[chains * Math.Max(nv, nh)];
        rng.FillUniform(u.AsSpan(0, v.Length));
        for (var i = 0; i < v.Length; i++) v[i] = u[i] < 0.5f ? 1f : _m.Down;
        var every = Math.Max(1, _p.SampleSteps / 1000);
        var freeEnergy = new double[_p.SampleSteps / every];
        var field = new double[nh];
        for (var t = 0; t < _p.SampleSteps; t++)
        {
            if ((t & 15) == 0)
            {
                _ct.ThrowIfCancellationRequested();
                if (_sampling.Due) _sampling.Report(t, _p.SampleSteps, $"Gibbs step {t}/{_p.SampleSteps}");
            }
            RbmGibbs.HiddenProbabilities(_m, v, hp, chains);
            rng.FillUniform(u.AsSpan(0, hp.Length));
            RbmGibbs.Sample(hp, u.AsSpan(0, hp.Length), h, _m.Units);
            RbmGibbs.VisibleProbabilities(_m, h, vp, chains);
            rng.FillUniform(u.AsSpan(0, vp.Length));
            RbmGibbs.Sample(vp, u.AsSpan(0, vp.Length), v, _m.Units);
            if ((t + 1) % every != 0 || (t + 1) / every > freeEnergy.Length) continue;
            var sum = 0.0;
            for (var c = 0; c < chains; c++) sum += RbmExact.NegativeFreeEnergy(_m, v.AsSpan(c * nv, nv), field);
            freeEnergy[(t + 1) / every - 1] = sum / chains;
        }
        final.SampleEquilibration = Equilibration.Of("sample chains equilibrated: mean −F(v)", freeEnergy, "sampleSteps");
        return v;
    }

    private static void Shuffle(int[] order, ref Rng rng)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}

/// <summary>What a run measured over training.</summary>
internal sealed class RbmRecord(int epochs, int checkpoints)
{
    public double[] Epoch { get; } = new double[epochs];
    public double[] Reconstruction { get; } = new double[epochs];
    public double[] PseudoLikelihood { get; } = new double[epochs];
    public double[] CheckpointEpoch { get; } = new double[checkpoints];
    public double[] LogLikelihood { get; } = new double[checkpoints];
    public double[] LogZ { get; } = new double[checkpoints];
    public double[] LogZError { get; } = new double[checkpoints];
    public double[][] SingularValues { get; } = new double[checkpoints][];
}

/// <summary>End-of-run cross-checks of the partition function.</summary>
internal sealed class RbmFinal
{
    public double? ExactLogZ { get; set; }
    public double? OtherLayerLogZ { get; set; }
    public AisResult? Ais { get; set; }
    public (double Mean, double Error)? IsingData { get; set; }
    public (double Mean, double Error)? IsingModel { get; set; }
    public double IsingExact { get; set; }
    public Check? SampleEquilibration { get; set; }
}
