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

    public static ModelSchema Schema { get; } = new(
    [
        ParameterSpec.Choice("convention", "Action parameters", Lattice, [Lattice, Hopping],
            help: "lattice: S = Σ_x[Σ_μ(φ_{x+μ}−φ_x)² + m²φ² + λφ⁴] (Albergo-Kanwar-Shanahan). hopping: S = Σ_x[−2κΣ_μφ_xφ_{x+μ} + (1−2λ_h)φ² + λ_hφ⁴], mapped by φ = √κ φ_h."),
        ParameterSpec.Integer("L", "Lattice side L", 8, 2, 32, help: "L×L periodic lattice; must be even for the checkerboard masks."),
        ParameterSpec.Real("m2", "Bare mass squared m²", -4, -50, 50, help: "lattice convention. With λ = 0 it must be positive (free field)."),
        ParameterSpec.Real("lambda", "Quartic coupling λ", 8, 0, 1000, help: "lattice convention."),
        ParameterSpec.Real("kappa", "Hopping parameter κ", 0.2, 0.001, 10, help: "hopping convention."),
        ParameterSpec.Real("lambdaHopping", "Quartic coupling λ_h", 0.02, 0, 100, help: "hopping convention."),
        ParameterSpec.Choice("conditioner", "Conditioner network", Conv, [Conv, Mlp],
            help: "conv: circular 3×3 CNN on the masked field; mlp: fully connected on the frozen half."),
        ParameterSpec.Integer("couplings", "Affine coupling layers", 16, 2, 64, help: "Checkerboard parity alternates between layers."),
        ParameterSpec.Integer("hiddenLayers", "Hidden layers per conditioner", 2, 1, 4, help: "Hidden convolutions (conv) or dense layers (mlp), each followed by LeakyReLU."),
        ParameterSpec.Integer("hiddenChannels", "Hidden channels (conv)", 8, 1, 64),
        ParameterSpec.Integer("width", "Hidden width (mlp)", 256, 4, 1024),
        ParameterSpec.Integer("steps", "Training steps", 1000, 1, 200_000, help: "Adam steps on the reverse KL E_q[ln q + S]."),
        ParameterSpec.Integer("batch", "Batch size", 64, 2, 4096, help: "Flow samples per training step."),
        ParameterSpec.Real("learningRate", "Adam learning rate", 1e-3, 1e-6, 0.1),
        ParameterSpec.Integer("samples", "Flow samples for NIS / NMCMC", 8192, 256, 1_048_576, help: "Proposals drawn after training; the same stream feeds importance sampling and the independence Metropolis chain."),
        ParameterSpec.Integer("baselineSweeps", "Local Metropolis sweeps (baseline)", 20_000, 200, 10_000_000, help: "Single-site Metropolis on the same action; 10 % (at least 100 sweeps) thermalize and tune the step."),
    ]);

    public static Phi4Parameters From(ParameterValues p) => new(
        p.Choice("convention"), p.Int("L"), p.Real("m2"), p.Real("lambda"), p.Real("kappa"), p.Real("lambdaHopping"),
        p.Choice("conditioner"), p.Int("couplings"), p.Int("hiddenLayers"), p.Int("hiddenChannels"), p.Int("width"),
        p.Int("steps"), p.Int("batch"), p.Real("learningRate"), p.Int("samples"), p.Int("baselineSweeps"));

    /// <summary>The action in the lattice convention the computation uses.</summary>
    public Phi4Action Action => Convention == Hopping ? Phi4Action.FromHopping(L, Kappa, LambdaHopping) : new Phi4Action(L, M2, Lambda);

    public FlowArchitecture Architecture =>
        new(L, Couplings, Conditioner == Conv, HiddenLayers, Conditioner == Conv ? HiddenChannels : Width);

    public IEnumerable<FieldError> Validate()
    {
        if (L % 2 != 0)
            yield return new FieldError("L", $"L = {L} is odd: checkerboard masks need an even L so that the two halves are equal and still alternate across the periodic boundary.");
        var action = Action;
        if (action.Lambda == 0 && action.M2 <= 0)
        {
            var field = Convention == Hopping ? "kappa" : "m2";
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
