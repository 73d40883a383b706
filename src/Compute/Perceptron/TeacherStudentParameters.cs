using Compute.Perceptron.Learning;
using Shared.Models;

namespace Compute.Perceptron;

/// <summary>Typed parameters of <c>perceptron.teacher-student</c>.</summary>
public sealed record TeacherStudentParameters(
    int N, double AlphaMax, int AlphaPoints, int Samples, string Rule, bool BinaryTeacher, bool BinaryStudent,
    InputKind Inputs, double LabelNoise, int Epochs, double LearningRate, int GibbsSweeps, int TestSize)
{
    public static readonly string[] Rules =
        ["hebb", "perceptron", "adatron", "pseudo-inverse", "gibbs", "sgd-hinge", "sgd-logistic", "clipped-perceptron", "sbpi"];

    /// <summary>Rules that need real-valued (spherical) weights.</summary>
    public static readonly string[] SphericalRules = ["hebb", "perceptron", "adatron", "pseudo-inverse", "gibbs", "sgd-hinge", "sgd-logistic"];

    /// <summary>Rules that produce binary weights.</summary>
    public static readonly string[] BinaryRules = ["clipped-perceptron", "sbpi"];

    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<int> N = Parameter.Integer("N", "Input dimension N", 200, 10, 5000, help: "Number of inputs and weights of teacher and student.");
        public static readonly Parameter<double> AlphaMax = Parameter.Real("alphaMax", "Largest α = P/N", 4, 0.05, 50, help: "The α grid is alphaMax·k/points, k = 1…points; P = round(αN) training examples.");
        public static readonly Parameter<int> AlphaPoints = Parameter.Integer("alphaPoints", "α points", 6, 1, 40, help: "Number of α values on the grid.");
        public static readonly Parameter<int> Samples = Parameter.Integer("samples", "Samples per α", 10, 2, 500, help: "Independent teacher + training set + student per α; error bars from their spread.");
        public static readonly Parameter<string> Rule = Parameter.Choice("rule", "Learning rule", "hebb", Rules,
            help: "hebb: J = Σ y ξ. perceptron: cyclic perceptron rule to zero training error. adatron: maximal stability. pseudo-inverse: min-norm J with J·ξ = y (α < 1). " +
            "gibbs: a uniform sample of the version space (hit-and-run). sgd-*: stochastic gradient descent. clipped-perceptron, sbpi: binary weights.");
        public static readonly Parameter<string> Teacher = Parameter.Choice("teacher", "Teacher weights", "spherical", ["spherical", "binary"], help: "spherical: Gaussian direction with |T|² = N; binary: T_i = ±1.");
        public static readonly Parameter<string> Student = Parameter.Choice("student", "Student weights", "spherical", ["spherical", "binary"], help: "spherical: J ∈ R^N; binary: J_i = ±1 (clipped perceptron, SBPI).");
        public static readonly Parameter<string> Inputs = Parameter.Choice("inputs", "Inputs", "gaussian", ["gaussian", "binary"], help: "ξ_i ~ N(0,1) or ξ_i = ±1.");
        public static readonly Parameter<double> LabelNoise = Parameter.Real("labelNoise", "Label flip probability", 0, 0, 0.5, help: "Each training label y = sign(T·ξ) is flipped with this probability. Test labels are noiseless.");
        public static readonly Parameter<int> Epochs = Parameter.Integer("epochs", "Epoch budget", 500, 1, 100_000, help: "Passes through the training set for perceptron, SGD, clipped perceptron, SBPI, and sweeps for the AdaTron.");
        public static readonly Parameter<double> LearningRate = Parameter.Real("learningRate", "SGD learning rate η", 0.5, 1e-4, 100, help: "Step size of SGD in J ← J + η (−loss′) y ξ/√N.").OnlyWhen(Rule, "sgd-hinge", "sgd-logistic");
        public static readonly Parameter<int> GibbsSweeps = Parameter.Integer("gibbsSweeps", "Gibbs burn-in sweeps", 200, 1, 100_000, help: "Hit-and-run sweeps (N coordinate steps each) from the perceptron solution before the version-space sample is taken.").OnlyWhen(Rule, "gibbs");
        public static readonly Parameter<int> TestSize = Parameter.Integer("testSize", "Test inputs per sample", 2000, 100, 1_000_000, help: "Fresh inputs on which the generalization error is measured.");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.N, Declared.AlphaMax, Declared.AlphaPoints, Declared.Samples, Declared.Rule, Declared.Teacher, Declared.Student,
        Declared.Inputs, Declared.LabelNoise, Declared.Epochs, Declared.LearningRate, Declared.GibbsSweeps, Declared.TestSize);

    public static TeacherStudentParameters From(ParameterValues p) => new(
        Declared.N.Of(p), Declared.AlphaMax.Of(p), Declared.AlphaPoints.Of(p), Declared.Samples.Of(p), Declared.Rule.Of(p),
        Declared.Teacher.Of(p) == "binary", Declared.Student.Of(p) == "binary",
        Declared.Inputs.Of(p) == "binary" ? InputKind.Binary : InputKind.Gaussian,
        Declared.LabelNoise.Of(p), Declared.Epochs.Of(p), Declared.LearningRate.Of(p), Declared.GibbsSweeps.Of(p), Declared.TestSize.Of(p));

    public double[] Alphas() => Enumerable.Range(1, AlphaPoints).Select(k => AlphaMax * k / AlphaPoints).ToArray();

    public int PatternCount(double alpha) => Math.Max(1, (int)Math.Round(alpha * N));

    public int MaxPatterns => PatternCount(AlphaMax);

    /// <summary>Theory applies: spherical student, Gaussian inputs, noiseless labels (any teacher with |T|² = N is equivalent then).</summary>
    public bool TheoryApplies => !BinaryStudent && Inputs == InputKind.Gaussian && LabelNoise == 0;

    /// <summary>Hebb's closed form also covers label noise.</summary>
    public bool HebbTheoryApplies => Rule == "hebb" && !BinaryStudent && Inputs == InputKind.Gaussian;

    public ResourceEstimate Estimate()
    {
        double p = MaxPatterns;
        var threads = Math.Max(1, Environment.ProcessorCount);
        var perThread = 4.0 * 2 * p * N + 4.0 * 256 * N + Rule switch
        {
            "pseudo-inverse" => 8.0 * p * p,
            "gibbs" => 8.0 * p * N + 16 * p,
            "adatron" => 8.0 * p,
            _ => 0,
        };
        var perSample = Rule switch
        {
            "hebb" => p * N,
            "pseudo-inverse" => p * p * N / 2 + p * p * p / 3,
            "gibbs" => p * N * (50 + 4.0 * GibbsSweeps),
            _ => p * N * (double)Epochs,
        };
        return new ResourceEstimate(perThread * threads, (double)Samples * AlphaPoints * (perSample + (double)TestSize * N * 2));
    }
}
