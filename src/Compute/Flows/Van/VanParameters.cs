using Shared.Models;

namespace Compute.Flows.Van;

/// <summary>Typed parameters of <c>flow.van</c>.</summary>
public sealed record VanParameters(
    string Target, int L, int N, int Patterns, long DisorderSeed, double Beta,
    string Network, int Depth, int Width, int Channels, int HalfKernel, int Batch, int Steps, double LearningRate, double AnnealRate, bool Z2,
    bool Exact, int EvaluationBatches)
{
    public const string Ising = "ising";
    public const string Sk = "sk";
    public const string Hopfield = "hopfield";
    public const string MadeNetwork = "made";
    public const string PixelCnnNetwork = "pixelcnn";

    /// <summary>Enumeration visits 2^N states; beyond this an exact reference is refused.</summary>
    public const int MaxEnumeratedSpins = 20;

    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<string> Target = Parameter.Choice("target", "Target model", Ising, [Ising, Sk, Hopfield],
            help: "ising: 2D ferromagnet on a periodic L×L lattice; sk: Sherrington-Kirkpatrick spin glass; hopfield: Hopfield network with Hebbian couplings.");
        public static readonly Parameter<int> L = Parameter.Integer("L", "Lattice size L (ising)", 4, 3, 16,
            help: "Linear size of the periodic square lattice, L² spins. At most 16 (256 spins): sampling is sequential over the spins and the network grows as L⁴.").OnlyWhen(Target, Ising);
        public static readonly Parameter<int> N = Parameter.Integer("N", "Number of spins N (sk, hopfield)", 12, 2, 64,
            help: "The exact reference enumerates all 2^N states, so it needs N ≤ 20; switch it off for larger N.").OnlyWhen(Target, Sk, Hopfield);
        public static readonly Parameter<int> Patterns = Parameter.Integer("patterns", "Stored patterns P (hopfield)", 2, 1, 64,
            help: "Random ±1 patterns ξ^μ in the Hebbian couplings J_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ.").OnlyWhen(Target, Hopfield);
        public static readonly Parameter<int> DisorderSeed = Parameter.Integer("disorderSeed", "Disorder seed (sk, hopfield)", 1, 0, int.MaxValue,
            help: "Seed of the SK couplings or the Hopfield patterns, separate from the run seed so that runs can share one disorder sample.").OnlyWhen(Target, Sk, Hopfield);
        public static readonly Parameter<double> Beta = Parameter.Real("beta", "Inverse temperature β", 0.3, 0, 10,
            help: "Target β of e^{−βE}/Z; must be positive (F = −ln Z/β). β_c = 0.4407 for the 2D Ising model, 1 for SK.");
        public static readonly Parameter<string> Network = Parameter.Choice("network", "Network", MadeNetwork, [MadeNetwork, PixelCnnNetwork],
            help: "made: masked dense layers over all spins (any target); pixelcnn: masked convolutions on the lattice (ising only).");
        public static readonly Parameter<int> Depth = Parameter.Integer("depth", "Masked layers", 2, 1, 4,
            help: "MADE: 1 = fully visible sigmoid belief net, each further layer adds a hidden layer of width·n units. PixelCNN: number of masked convolutions. tanh between layers.");
        public static readonly Parameter<int> Width = Parameter.Integer("width", "Hidden units per spin (made)", 2, 1, 8,
            help: "MADE hidden layers have width × (number of spins) units.").OnlyWhen(Network, MadeNetwork);
        public static readonly Parameter<int> Channels = Parameter.Integer("channels", "Hidden channels (pixelcnn)", 8, 1, 32,
            help: "Channels of the PixelCNN's hidden layers.").OnlyWhen(Network, PixelCnnNetwork);
        public static readonly Parameter<int> Kernel = Parameter.Integer("kernel", "Kernel half-size k (pixelcnn)", 2, 1, 4,
            help: "PixelCNN kernels are (2k+1)×(2k+1), masked to the sites before the centre in raster order; zero padding at the edges.").OnlyWhen(Network, PixelCnnNetwork);
        public static readonly Parameter<int> Batch = Parameter.Integer("batch", "Batch size", 256, 16, 4096,
            help: "Configurations sampled per training step; also the size of each evaluation batch.");
        public static readonly Parameter<int> Steps = Parameter.Integer("steps", "Training steps", 1000, 1, 100_000);
        public static readonly Parameter<double> LearningRate = Parameter.Real("learningRate", "Adam learning rate", 3e-3, 1e-5, 0.1);
        public static readonly Parameter<double> Anneal = Parameter.Real("anneal", "β annealing rate a", 0, 0, 0.9999,
            help: "β_t = β(1 − a^t) at step t; 0 trains at β from the first step. Wu et al. use a = 0.998 against mode collapse at low temperature.");
        public static readonly Parameter<bool> Z2 = Parameter.Boolean("z2", "Z2 symmetrization", true,
            help: "Use q_sym(s) = ½[q(s) + q(−s)]: every target here is invariant under s → −s, and q_sym cannot miss either half.");
        public static readonly Parameter<bool> Exact = Parameter.Boolean("exact", "Exact reference", true,
            help: "Kaufman's finite-lattice ln Z (ising) or enumeration of all 2^N states (sk, hopfield; N ≤ 20).");
        public static readonly Parameter<int> EvaluationBatches = Parameter.Integer("evaluationBatches", "Evaluation batches", 20, 1, 1000,
            help: "Batches drawn after training for the final F_q, the NIS estimate of ln Z and the ESS.");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.Target, Declared.L, Declared.N, Declared.Patterns, Declared.DisorderSeed, Declared.Beta, Declared.Network, Declared.Depth,
        Declared.Width, Declared.Channels, Declared.Kernel, Declared.Batch, Declared.Steps, Declared.LearningRate, Declared.Anneal,
        Declared.Z2, Declared.Exact, Declared.EvaluationBatches);

    public static VanParameters From(ParameterValues p) =>
        new(Declared.Target.Of(p), Declared.L.Of(p), Declared.N.Of(p), Declared.Patterns.Of(p), Declared.DisorderSeed.Of(p), Declared.Beta.Of(p),
            Declared.Network.Of(p), Declared.Depth.Of(p), Declared.Width.Of(p), Declared.Channels.Of(p), Declared.Kernel.Of(p), Declared.Batch.Of(p), Declared.Steps.Of(p), Declared.LearningRate.Of(p), Declared.Anneal.Of(p),
            Declared.Z2.Of(p), Declared.Exact.Of(p), Declared.EvaluationBatches.Of(p));

    /// <summary>Number of spins of the chosen target.</summary>
    public int Spins => Target == Ising ? L * L : N;

    /// <summary>Rules the schema cannot express.</summary>
    public IEnumerable<FieldError> Validate()
    {
        if (!(Beta > 0))
            yield return new FieldError(Declared.Beta.Name, "beta must be positive: the free energy F = −ln Z/β and the variational bound F_q ≥ F are defined for β > 0.");
        if (Network == PixelCnnNetwork && Target != Ising)
            yield return new FieldError(Declared.Network.Name, "The PixelCNN convolves over the 2D lattice, so it needs the ising target; use made for sk and hopfield, whose spins have no geometry.");
        if (Target != Ising && Exact && N > MaxEnumeratedSpins)
            yield return new FieldError(Declared.N.Name, $"The exact reference enumerates all 2^N states, which is feasible for N ≤ {MaxEnumeratedSpins} (got N = {N}). Reduce N or switch off the exact reference.");
    }

    /// <summary>
    /// Stored parameters. MADE: n² + n (depth 1) or n·h + (depth − 2)·h² + h·n weights with h = width·n, plus biases.
    /// PixelCNN: C_out·C_in·(2k+1)² weights per layer plus biases.
    /// </summary>
    public double NetworkParameters
    {
        get
        {
            double n = Spins, h = Width * n;
            if (Network == PixelCnnNetwork)
            {
                double area = (2 * HalfKernel + 1) * (2 * HalfKernel + 1), c = Channels;
                return Depth == 1 ? area + 1 : (2 * c + (Depth - 2) * c * c) * area + (Depth - 1) * c + 1;
            }
            return Depth == 1 ? n * n + n : 2 * n * h + (Depth - 2) * h * h + (Depth - 1) * h + n;
        }
    }

    /// <summary>Multiply-adds of one forward pass per sample: every stored MADE weight (dense GEMM), or n sites × the PixelCNN's live taps.</summary>
    public double MultiplyAddsPerSample =>
        Network == PixelCnnNetwork ? Spins * NetworkParameters * (HalfKernel + 1.0) / (2 * HalfKernel + 1) : NetworkParameters;

    public ResourceEstimate Estimate()
    {
        var rows = (Z2 ? 2.0 : 1.0) * Batch;
        double n = Spins, h = Width * n;
        // Parameters, gradients, two Adam moments and the mask/scratch copies; per-row layer outputs, input gradients and sampling buffers.
        var hidden = Network == PixelCnnNetwork ? Channels * n : h;
        var memory = 4 * (7 * NetworkParameters + rows * (4 * (Depth - 1) * hidden + 6 * n)) + 24.0 * EvaluationBatches * Batch;
        // Multiply-adds (the unit of RunLimits.MaxWork) per step: sampling (at most one forward of B rows), then the
        // forward and backward (≈ 3 forwards) of all rows; evaluation samples and runs one forward per batch.
        var work = MultiplyAddsPerSample * ((double)Steps * (Batch + 3 * rows) + (double)EvaluationBatches * (Batch + rows));
        return new ResourceEstimate(memory, work);
    }
}
