using Shared.Models;

namespace Compute.EnergyModels.InverseIsing;

/// <summary>Typed parameters of <c>ebm.inverse-ising</c>.</summary>
public sealed record InverseIsingParameters(string Source, int N, string Couplings, double Beta, double Field, int Samples, int SizePoints,
    int SweepsBetween, double Lambda)
{
    public const string Generated = "generated";
    public const string Sk = "sk";
    public const string Sparse = "sparse";

    /// <summary>Largest N for exact sampling, exact maximum likelihood and the Cramér-Rao curve.</summary>
    public const int MaxExactSpins = 16;

    /// <summary>The parameters, declared once: the schema, <see cref="From"/> and the example are built from these.</summary>
    public static class Declared
    {
        public static readonly Parameter<string> Source = Parameter.Choice("source", "Samples", Generated, [Generated, IUsesDataset.Uploaded],
            help: "generated: samples of a known random Ising model (exact sampling for N ≤ 16, heat-bath Gibbs otherwise); uploaded: your own ±1 or 0/1 rows (no true couplings to compare with).");
        public static readonly Parameter<int> N = Parameter.Integer("N", "Spins N", 10, 2, 64, help: "Number of spins of the generated model.").OnlyWhen(Source, Generated);
        public static readonly Parameter<string> Couplings = Parameter.Choice("couplings", "True couplings", Sk, [Sk, Sparse],
            help: "sk: all pairs, J_ij = β g_ij/√N with g ~ N(0, 1); sparse: each pair present with probability 3/(N−1), J_ij = ±β/√3.").OnlyWhen(Source, Generated);
        public static readonly Parameter<double> Beta = Parameter.Real("beta", "Coupling strength β", 0.6, 0.05, 3, help: "Scale of the true couplings; SK spin-glass transition at β = 1 (N → ∞). Mean-field inversions degrade as β grows.").OnlyWhen(Source, Generated);
        public static readonly Parameter<double> Field = Parameter.Real("field", "Field spread", 0.1, 0, 2, help: "True fields h_i ~ N(0, field²).").OnlyWhen(Source, Generated);
        public static readonly Parameter<int> Samples = Parameter.Integer("samples", "Samples M", 20_000, 100, 1_000_000, help: "Largest number of samples; the inference is repeated on nested subsets M, M/2, M/4, …").OnlyWhen(Source, Generated);
        public static readonly Parameter<int> SizePoints = Parameter.Integer("sizePoints", "Sample sizes", 6, 2, 12, help: "Number of nested subset sizes (halving from M) for the error-versus-M curve.");
        public static readonly Parameter<int> Sweeps = Parameter.Integer("sweeps", "Gibbs sweeps between samples", 10, 1, 1000, help: "Only for N > 16, where samples come from a heat-bath chain.").OnlyWhen(Source, Generated);
        public static readonly Parameter<double> Lambda = Parameter.Real("lambda", "L2 penalty λ", 1e-5, 0, 1, help: "λ Σ J_ij² added to the negative (pseudo-)log-likelihood per sample.");
    }

    public static ModelSchema Schema { get; } = Parameter.Schema(
        Declared.Source, Declared.N, Declared.Couplings, Declared.Beta, Declared.Field, Declared.Samples, Declared.SizePoints,
        Declared.Sweeps, Declared.Lambda);

    public static InverseIsingParameters From(ParameterValues p) => new(
        Declared.Source.Of(p), Declared.N.Of(p), Declared.Couplings.Of(p), Declared.Beta.Of(p), Declared.Field.Of(p), Declared.Samples.Of(p), Declared.SizePoints.Of(p),
        Declared.Sweeps.Of(p), Declared.Lambda.Of(p));

    /// <summary>Nested sample sizes M/2^k (ascending), each at least 50.</summary>
    public int[] SampleSizes(int available) =>
        Enumerable.Range(0, SizePoints).Select(k => available >> (SizePoints - 1 - k)).Where(m => m >= 50).Distinct().ToArray();

    public IEnumerable<FieldError> Check(int rows, int n)
    {
        if (rows >> (SizePoints - 1) < 50)
            yield return new FieldError(Declared.SizePoints.Name, $"The smallest subset M/2^{SizePoints - 1} = {rows >> (SizePoints - 1)} samples is below 50; use fewer sample sizes or more samples.");
    }

    public ResourceEstimate Estimate(int rows, int n, bool generated)
    {
        double nn = n, m = rows;
        var pairs = nn * (nn - 1) / 2;
        var plm = 2.0 * m * nn * nn * 200; // all subsets together ≈ 2M rows; ≈ 200 objective evaluations per spin
        var sampling = generated ? (n <= MaxExactSpins ? Math.Pow(2, n) * nn * 3 + m * nn : (1000 + m * SweepsBetween) * nn * nn) : 0;
        var exact = n <= MaxExactSpins ? Math.Pow(2, n) * (nn + pairs) * (SizePoints * 300 + (nn + pairs) / 2) : 0;
        var memory = m * nn * 9 + (n <= MaxExactSpins ? Math.Pow(2, n) * 16 + (nn + pairs) * (nn + pairs) * 16 : 0) + nn * nn * 64;
        return new ResourceEstimate(memory, plm + sampling + exact);
    }
}
