using Shared.Models;

namespace Compute.Flows.Phi4;

/// <summary>Typed parameters of <c>flow.phi4</c>.</summary>
public sealed record Phi4Parameters(
    string Convention, int L, double M2, double Lambda, double Kappa, double LambdaHopping,
    string Conditioner, int Couplings, int HiddenLayers, int HiddenChannels, int Width,
    int Steps, int Batch, double LearningRate, int Samples, int BaselineSweeps)
{
    public const string Lattice = "lattice";
    public const string Hopping = "hopping";
    public const string Conv = "conv";
    public const string Mlp = "mlp";

    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<string> Convention = Parameter.Choice("convention", "Action parameters", Lattice, [Lattice, Hopping],
            help: "lattice: S = Σ_x[Σ_μ(φ_{x+μ}−φ_x)² + m²φ² + λφ⁴] (Albergo-Kanwar-Shanahan). hopping: S = Σ_x[−2κΣ_μφ_xφ_{x+μ} + (1−2λ_h)φ² + λ_hφ⁴], mapped by φ = √κ φ_h.");
        public static readonly Parameter<int> L = Parameter.Integer("L", "Lattice side L", 8, 2, 32, help: "L×L periodic lattice; must be even for the checkerboard masks.");
        public static readonly Parameter<double> M2 = Parameter.Real("m2", "Bare mass squared m²", -4, -50, 50, help: "lattice convention. With λ = 0 it must be positive (free field).").OnlyWhen(Convention, Lattice);
        public static readonly Parameter<double> Lambda = Parameter.Real("lambda", "Quartic coupling λ", 8, 0, 1000, help: "lattice convention.").OnlyWhen(Convention, Lattice);
        public static readonly Parameter<double> Kappa = Parameter.Real("kappa", "Hopping parameter κ", 0.2, 0.001, 10, help: "hopping convention.").OnlyWhen(Convention, Hopping);
        public static readonly Parameter<double> LambdaHopping = Parameter.Real("lambdaHopping", "Quartic coupling λ_h", 0.02, 0, 100, help: "hopping convention.").OnlyWhen(Convention, Hopping);
        public static readonly Parameter<string> Conditioner = Parameter.Choice("conditioner", "Conditioner network", Conv, [Conv, Mlp],
            help: "conv: circular 3×3 CNN on the masked field; mlp: fully connected on the frozen half.");
        public static readonly Parameter<int> Couplings = Parameter.Integer("couplings", "Affine coupling layers", 16, 2, 64, help: "Checkerboard parity alternates between layers.");
        public static readonly Parameter<int> HiddenLayers = Parameter.Integer("hiddenLayers", "Hidden layers per conditioner", 2, 1, 4, help: "Hidden convolutions (conv) or dense layers (mlp), each followed by LeakyReLU.");
        public static readonly Parameter<int> HiddenChannels = Parameter.Integer("hiddenChannels", "Hidden channels (conv)", 8, 1, 64).OnlyWhen(Conditioner, Conv);
        public static readonly Parameter<int> Width = Parameter.Integer("width", "Hidden width (mlp)", 256, 4, 1024).OnlyWhen(Conditioner, Mlp);
        public static readonly Parameter<int> Steps = Parameter.Integer("steps", "Training steps", 1000, 1, 200_000, help: "Adam steps on the reverse KL E_q[ln q + S].");
        public static readonly Parameter<int> Batch = Parameter.Integer("batch", "Batch size", 64, 2, 4096, help: "Flow samples per training step.");
        public static readonly Parameter<double> LearningRate = Parameter.Real("learningRate", "Adam learning rate", 1e-3, 1e-6, 0.1);
        public static readonly Parameter<int> Samples = Parameter.Integer("samples", "Flow samples for NIS / NMCMC", 8192, 256, 1_048_576, help: "Proposals drawn after training; the same stream feeds importance sampling and the independence Metropolis chain.");
        public static readonly Parameter<int> BaselineSweeps = Parameter.Integer("baselineSweeps", "Local Metropolis sweeps (baseline)", 20_000, 200, 10_000_000, help: "Single-site Metropolis on the same action; 10 % (at least 100 sweeps) thermalize and tune the step.");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.Convention, Declared.L, Declared.M2, Declared.Lambda, Declared.Kappa, Declared.LambdaHopping, Declared.Conditioner,
        Declared.Couplings, Declared.HiddenLayers, Declared.HiddenChannels, Declared.Width, Declared.Steps, Declared.Batch,
        Declared.LearningRate, Declared.Samples, Declared.BaselineSweeps);

    public static Phi4Parameters From(ParameterValues p) => new(
        Declared.Convention.Of(p), Declared.L.Of(p), Declared.M2.Of(p), Declared.Lambda.Of(p), Declared.Kappa.Of(p), Declared.LambdaHopping.Of(p),
        Declared.Conditioner.Of(p), Declared.Couplings.Of(p), Declared.HiddenLayers.Of(p), Declared.HiddenChannels.Of(p), Declared.Width.Of(p),
        Declared.Steps.Of(p), Declared.Batch.Of(p), Declared.LearningRate.Of(p), Declared.Samples.Of(p), Declared.BaselineSweeps.Of(p));

    /// <summary>The action in the lattice convention the computation uses.</summary>
    public Phi4Action Action => Convention == Hopping ? Phi4Action.FromHopping(L, Kappa, LambdaHopping) : new Phi4Action(L, M2, Lambda);

    public FlowArchitecture Architecture =>
        new(L, Couplings, Conditioner == Conv, HiddenLayers, Conditioner == Conv ? HiddenChannels : Width);

    public IEnumerable<FieldError> Validate()
    {
        if (L % 2 != 0)
            yield return new FieldError(Declared.L.Name, $"L = {L} is odd: checkerboard masks need an even L so that the two halves are equal and still alternate across the periodic boundary.");
        var action = Action;
        if (action.Lambda == 0 && action.M2 <= 0)
        {
            var field = Convention == Hopping ? Declared.Kappa.Name : Declared.M2.Name;
            yield return new FieldError(field, $"With λ = 0 the action is bounded below only for m² > 0 (here m² = {action.M2:0.###}): the zero mode makes e^(−S) non-normalizable. Raise m² or switch on λ.");
        }
    }

    public ResourceEstimate Estimate()
    {
        var a = Architecture;
        double v = L * L;
        var hidden = a.Convolutional ? a.Hidden * v : a.Hidden;
        var perSampleFloats = a.Convolutional ? Couplings * v * (2 * 9.0 * a.Hidden + 4.0 * a.HiddenLayers * a.Hidden + 12) : Couplings * (4.0 * a.HiddenLayers * hidden + 8 * v);
        var parameters = a.MultiplyAddsPerSample / (a.Convolutional ? v : 1);
        // Training keeps the flow's workspace for the whole batch and its twin's for half of it (Phi4Trainer).
        var memory = 4.0 * (Batch + (Batch + 1) / 2) * perSampleFloats + 16.0 * parameters + 8.0 * Samples * (L / 2 + 6) + 8.0 * BaselineSweeps * 4;
        var work = 3.0 * Steps * Batch * a.MultiplyAddsPerSample + Samples * a.MultiplyAddsPerSample + 30.0 * BaselineSweeps * v;
        return new ResourceEstimate(memory, work);
    }
}
