using Shared.Models;

namespace Compute.EnergyModels.Rbm;

/// <summary>Typed parameters of <c>ebm.rbm</c>.</summary>
public sealed record RbmParameters(
    string Dataset, int Side, int VisibleCount, int Samples, double Beta, int Prototypes, double Noise, int TeacherHidden, double TeacherScale,
    int Hidden, RbmUnits Units, RbmTrainingMethod Method, int K, int Epochs, int BatchSize, double LearningRate, double Momentum, double WeightDecay,
    string Likelihood, int Checkpoints, int AisChains, int AisSteps, int SampleChains, int SampleSteps)
{
    public const string BarsAndStripes = "bars-and-stripes";
    public const string Ising = "ising";
    public const string NoisyPrototypes = "noisy-prototypes";
    public const string TeacherRbm = "teacher-rbm";

    /// <summary>Largest smaller layer for which ln Z is computed by enumeration.</summary>
    public const int MaxExactUnits = 20;

    public static IReadOnlyList<string> Datasets { get; } = [BarsAndStripes, Ising, NoisyPrototypes, TeacherRbm, IUsesDataset.Uploaded];

    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<string> Dataset = Parameter.Choice("dataset", "Training data", BarsAndStripes, Datasets,
            help: "bars-and-stripes: all n×n bar and stripe images (4×4: 30 patterns, optimal log-likelihood −ln 30); ising: equilibrium 2D Ising configurations (L×L torus) at β; " +
            "noisy-prototypes: random prototypes with bits flipped at the noise rate; teacher-rbm: samples of a random RBM; uploaded: your own 0/1 or ±1 rows.");
        public static readonly Parameter<int> Side = Parameter.Integer("side", "Image side n (or Ising L)", 4, 2, 32, help: "Bars-and-stripes images are n×n (n ≤ 12); Ising configurations are L×L (L ≥ 3).").OnlyWhen(Dataset, BarsAndStripes, Ising);
        public static readonly Parameter<int> Visible = Parameter.Integer("visible", "Visible units (prototypes, teacher)", 64, 2, 4096, help: "Number of visible units for the noisy-prototype and teacher-RBM data sets.").OnlyWhen(Dataset, NoisyPrototypes, TeacherRbm);
        public static readonly Parameter<int> Samples = Parameter.Integer("samples", "Training samples", 600, 10, 200_000, help: "Rows of the generated data set. Bars-and-stripes repeats every pattern equally often, so the count is rounded up to a multiple of the pattern count.").OnlyWhen(Dataset, BarsAndStripes, Ising, NoisyPrototypes, TeacherRbm);
        public static readonly Parameter<double> Beta = Parameter.Real("beta", "Ising inverse temperature β", 0.3, 0.0, 2.0, unit: "1/J", help: "For the Ising data set, H = −Σ⟨ij⟩ s_i s_j; β_c = ln(1+√2)/2 ≈ 0.4407.").OnlyWhen(Dataset, Ising);
        public static readonly Parameter<int> Prototypes = Parameter.Integer("prototypes", "Prototypes", 10, 1, 1000, help: "Number of random prototype patterns (noisy-prototypes data set).").OnlyWhen(Dataset, NoisyPrototypes);
        public static readonly Parameter<double> Noise = Parameter.Real("noise", "Bit-flip probability", 0.1, 0.0, 0.5, help: "Probability that a bit of a prototype is flipped in a sample.").OnlyWhen(Dataset, NoisyPrototypes);
        public static readonly Parameter<int> TeacherHidden = Parameter.Integer("teacherHidden", "Teacher hidden units", 8, 1, 256, help: "Hidden units of the random teacher RBM that generates the teacher-rbm data set.").OnlyWhen(Dataset, TeacherRbm);
        public static readonly Parameter<double> TeacherScale = Parameter.Real("teacherScale", "Teacher weight scale", 3.0, 0.0, 20.0, help: "Teacher weights are N(0, scale²/√(nv·nh)); larger means more structured (multi-modal) data.").OnlyWhen(Dataset, TeacherRbm);
        public static readonly Parameter<int> Hidden = Parameter.Integer("hidden", "Hidden units", 16, 1, 4096, help: "Hidden units of the trained RBM.");
        public static readonly Parameter<string> Units = Parameter.Choice("units", "Unit values", "binary", ["binary", "spin"], help: "binary: v, h ∈ {0, 1}; spin: v, h ∈ {−1, +1}. Data bits 0/1 map to −1/+1 for spin units.");
        public static readonly Parameter<string> Training = Parameter.Choice("training", "Negative phase", "cd", ["cd", "pcd", "rdm"], help: "cd: k Gibbs steps from the data; pcd: persistent chains (one per batch row); rdm: k steps from random states each update.");
        public static readonly Parameter<int> K = Parameter.Integer("k", "Gibbs steps k", 10, 1, 1000, help: "Block-Gibbs steps per update in the negative phase.");
        public static readonly Parameter<int> Epochs = Parameter.Integer("epochs", "Epochs", 200, 1, 100_000, help: "Passes over the training set; each pass uses ⌊rows / batch⌋ minibatches in a fresh random order.");
        public static readonly Parameter<int> BatchSize = Parameter.Integer("batchSize", "Minibatch size", 10, 1, 4096, help: "Rows per SGD update (also the number of persistent chains).");
        public static readonly Parameter<double> LearningRate = Parameter.Real("learningRate", "Learning rate η", 0.1, 1e-6, 10, help: "SGD step on the per-sample log-likelihood gradient.");
        public static readonly Parameter<double> Momentum = Parameter.Real("momentum", "Momentum μ", 0.5, 0, 0.99, help: "Δ ← μΔ + η(∇ − λW).");
        public static readonly Parameter<double> WeightDecay = Parameter.Real("weightDecay", "Weight decay λ", 1e-4, 0, 1, help: "L2 penalty on W (not on the biases).");
        public static readonly Parameter<string> Likelihood = Parameter.Choice("likelihood", "Log-likelihood", "auto", ["auto", "exact", "ais", "none"],
            help: $"exact: ln Z by enumerating the smaller layer (≤ {MaxExactUnits} units); ais: annealed importance sampling; auto: exact when possible, else AIS; none: only reconstruction error and pseudo-likelihood.");
        public static readonly Parameter<int> Checkpoints = Parameter.Integer("checkpoints", "Likelihood evaluations", 20, 1, 1000, help: "Epochs (evenly spaced, plus the initial model) at which log-likelihood and singular values are measured.");
        public static readonly Parameter<int> AisChains = Parameter.Integer("aisChains", "AIS chains M", 100, 2, 4096, help: "Independent annealing runs per AIS estimate.");
        public static readonly Parameter<int> AisSteps = Parameter.Integer("aisSteps", "AIS temperatures K", 5000, 10, 1_000_000, help: "Intermediate distributions on the geometric path from the W = 0 base model.");
        public static readonly Parameter<int> SampleChains = Parameter.Integer("sampleChains", "Sample-grid chains", 36, 1, 400, help: "Gibbs chains (from random states) drawn as the final sample grid.");
        public static readonly Parameter<int> SampleSteps = Parameter.Integer("sampleSteps", "Sample-grid Gibbs steps", 1000, 1, 1_000_000, help: "Block-Gibbs steps of each sample-grid chain.");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.Dataset, Declared.Side, Declared.Visible, Declared.Samples, Declared.Beta, Declared.Prototypes, Declared.Noise,
        Declared.TeacherHidden, Declared.TeacherScale, Declared.Hidden, Declared.Units, Declared.Training, Declared.K, Declared.Epochs,
        Declared.BatchSize, Declared.LearningRate, Declared.Momentum, Declared.WeightDecay, Declared.Likelihood, Declared.Checkpoints,
        Declared.AisChains, Declared.AisSteps, Declared.SampleChains, Declared.SampleSteps);

    public static RbmParameters From(ParameterValues p) => new(
        Declared.Dataset.Of(p), Declared.Side.Of(p), Declared.Visible.Of(p), Declared.Samples.Of(p), Declared.Beta.Of(p), Declared.Prototypes.Of(p), Declared.Noise.Of(p),
        Declared.TeacherHidden.Of(p), Declared.TeacherScale.Of(p), Declared.Hidden.Of(p),
        Declared.Units.Of(p) == "spin" ? RbmUnits.Spin : RbmUnits.Binary,
        Declared.Training.Of(p) switch { "cd" => RbmTrainingMethod.ContrastiveDivergence, "rdm" => RbmTrainingMethod.RandomRestart, _ => RbmTrainingMethod.PersistentContrastiveDivergence },
        Declared.K.Of(p), Declared.Epochs.Of(p), Declared.BatchSize.Of(p), Declared.LearningRate.Of(p), Declared.Momentum.Of(p), Declared.WeightDecay.Of(p),
        Declared.Likelihood.Of(p), Declared.Checkpoints.Of(p), Declared.AisChains.Of(p), Declared.AisSteps.Of(p), Declared.SampleChains.Of(p), Declared.SampleSteps.Of(p));

    /// <summary>Visible units of the generated data sets (the upload decides for uploaded data).</summary>
    public int GeneratedVisible => Dataset switch
    {
        BarsAndStripes or Ising => Side * Side,
        _ => VisibleCount,
    };

    /// <summary>Rows of the generated data set (bars-and-stripes rounded up to whole copies of the patterns).</summary>
    public int GeneratedRows
    {
        get
        {
            if (Dataset != BarsAndStripes) return Samples;
            var patterns = RbmDatasets.BarsAndStripesCount(Math.Min(Side, 12));
            return (Samples + patterns - 1) / patterns * patterns;
        }
    }

    /// <summary>The likelihood method actually used for a machine with <paramref name="visible"/> visible units.</summary>
    public string ResolvedLikelihood(int visible) =>
        Likelihood == "auto" ? (Math.Min(visible, Hidden) <= MaxExactUnits ? "exact" : "ais") : Likelihood;

    /// <summary>Rules the schema cannot express, for a data set of <paramref name="rows"/> × <paramref name="visible"/>.</summary>
    public IEnumerable<FieldError> Check(int rows, int visible, bool uploaded)
    {
        if (!uploaded && Dataset == BarsAndStripes && Side > 12)
            yield return new FieldError(Declared.Side.Name, $"Bars-and-stripes is limited to n ≤ 12 (2^13 − 2 = 8190 patterns); got n = {Side}.");
        if (!uploaded && Dataset == Ising && Side < 3)
            yield return new FieldError(Declared.Side.Name, "Ising configurations need L ≥ 3 (on a 2×2 torus each bond is counted twice).");
        if (BatchSize > rows)
            yield return new FieldError(Declared.BatchSize.Name, $"The minibatch ({BatchSize} rows) is larger than the training set ({rows} rows).");
        var smaller = Math.Min(visible, Hidden);
        if (Likelihood == "exact" && smaller > MaxExactUnits)
            yield return new FieldError(Declared.Likelihood.Name,
                $"The exact log-likelihood enumerates the 2^{smaller} states of the smaller layer (min(visible {visible}, hidden {Hidden}) = {smaller}); " +
                $"the limit is {MaxExactUnits} units. Choose 'ais' or 'auto', or reduce the smaller layer.");
    }

    /// <summary>Memory and multiply-adds of a run on <paramref name="rows"/> × <paramref name="visible"/> data.</summary>
    public ResourceEstimate Estimate(int rows, int visible)
    {
        double nv = visible, nh = Hidden, b = BatchSize;
        var weights = nv * nh;
        var machineMemory = 4 * (4 * weights + 12 * b * (nv + nh));
        var dataMemory = (double)rows * nv * 5;
        var chainMemory = (double)AisChains * (nv + nh) * 16 + (double)SampleChains * (nv + nh) * 8;
        var memory = machineMemory + dataMemory + chainMemory;
        var updates = (double)Epochs * Math.Max(1, rows / BatchSize);
        var training = updates * b * weights * (2.0 * K + 4);
        var evaluationRows = Math.Min(rows, 2000);
        var evaluation = (Checkpoints + 1.0) * (evaluationRows * weights * 3 + Math.Min(nv, nh) * Math.Min(nv, nh) * Math.Max(nv, nh));
        var method = ResolvedLikelihood(visible);
        var likelihood = 0.0;
        if (method == "exact" && Math.Min(nv, nh) <= MaxExactUnits) likelihood = (Checkpoints + 2.0) * Math.Pow(2, Math.Min(Math.Min(nv, nh), 40)) * Math.Max(nv, nh) * 4;
        if (method == "ais") likelihood = (Checkpoints + 1.0) * AisSteps * AisChains * weights * 4;
        var sampling = (double)SampleChains * SampleSteps * weights * 2;

        // What each part grows with, for a limit message that names the parameters that matter (the layer sizes multiply into all).
        var visibleLever = new CostLever(Dataset is BarsAndStripes or Ising ? Declared.Side.Name : Dataset == IUsesDataset.Uploaded ? Declared.Dataset.Name : Declared.Visible.Name, visible);
        var hiddenLever = new CostLever(Declared.Hidden.Name, Hidden);
        var rowsLever = new CostLever(Dataset == IUsesDataset.Uploaded ? Declared.Dataset.Name : Declared.Samples.Name, rows);
        return new ResourceEstimate(memory, training + evaluation + likelihood + sampling)
        {
            MemoryTerms =
            [
                new CostTerm("the weights and their gradients (visible × hidden)", machineMemory, hiddenLever, visibleLever, new CostLever(Declared.BatchSize.Name, BatchSize)),
                new CostTerm("the training data (rows × visible)", dataMemory, rowsLever, visibleLever),
                new CostTerm("the AIS and sampling chains", chainMemory, new CostLever(Declared.AisChains.Name, AisChains), new CostLever(Declared.SampleChains.Name, SampleChains), hiddenLever, visibleLever),
            ],
            Terms =
            [
                new CostTerm("training (epochs × rows × visible × hidden × Gibbs steps)", training,
                    hiddenLever, visibleLever, rowsLever, new CostLever(Declared.Epochs.Name, Epochs), new CostLever(Declared.K.Name, K)),
                new CostTerm("measuring the model at each checkpoint (visible × hidden per row, singular values)", evaluation,
                    hiddenLever, visibleLever, new CostLever(Declared.Checkpoints.Name, Checkpoints)),
                new CostTerm(method == "exact" ? "the exact log-likelihood (2^min(visible, hidden) states per checkpoint)" : "the AIS log-likelihood estimate (temperatures × chains × visible × hidden per checkpoint)", likelihood,
                    method == "exact"
                        ? [hiddenLever, visibleLever, new CostLever(Declared.Checkpoints.Name, Checkpoints)]
                        : [new CostLever(Declared.AisSteps.Name, AisSteps), new CostLever(Declared.AisChains.Name, AisChains), hiddenLever, visibleLever, new CostLever(Declared.Checkpoints.Name, Checkpoints)]),
                new CostTerm("the final sample grid (chains × Gibbs steps × visible × hidden)", sampling,
                    new CostLever(Declared.SampleSteps.Name, SampleSteps), new CostLever(Declared.SampleChains.Name, SampleChains), hiddenLever, visibleLever),
            ],
        };
    }
}
