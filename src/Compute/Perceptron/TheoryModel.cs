using Compute.Perceptron.Theory;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Perceptron;

/// <summary>
/// <c>perceptron.theory</c>: a fast run that only evaluates the theory library: learning curves ε(α) of Hebb, Gibbs,
/// Bayes-optimal, maximal stability and pseudo-inverse on one figure, Gardner's α_c(κ), and Cover's finite-N curve,
/// with checks of the library against the published reference values in docs/model-types/perceptron.theory.md.
/// </summary>
public sealed class TheoryModel : IModelType
{
    public const string Id = "perceptron.theory";

    public ModelTypeInfo Info { get; } = new(
        Id, "Perceptron", "Perceptron theory curves",
        "Replica and exact results for the perceptron, computed without simulation: generalization error ε(α) for Hebb, Gibbs, Bayes-optimal, " +
        "maximal-stability and pseudo-inverse learning; Gardner's capacity α_c(κ); Cover's finite-N probability of separability.",
        TheoryParameters.Schema);

    public IReadOnlyDictionary<string, object> Example { get; } = Parameter.Example(
        TheoryParameters.Declared.AlphaMax.Is(10.0), TheoryParameters.Declared.Points.Is(40), TheoryParameters.Declared.KappaMax.Is(2.0),
        TheoryParameters.Declared.CoverN.Is(50));

    public ResourceEstimate? Estimate(ParameterValues parameters) => TheoryParameters.From(parameters).Estimate();

    public IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits) =>
        TheoryParameters.From(parameters).Estimate().Against(limits, TheoryParameters.Declared.Points.Name);

    public ResultDocument Run(RunSpec spec, RunContext context)
    {
        var cancellationToken = context.Cancellation;
        var saddle = context.Stage("Gibbs and Bayes saddle points", 6);
        var curves = context.Stage("maximal stability, Gardner and Cover", 4);
        var (alphaMax, points, kappaMax, coverN) = TheoryParameters.From(spec.Parameters);
        var grid = Enumerable.Range(1, points).Select(i => alphaMax * i / points).ToArray();

        var hebb = grid.Select(HebbTheory.GeneralizationError).ToArray();
        var piGrid = Enumerable.Range(1, points).Select(i => 0.999 * Math.Min(1, alphaMax) * i / points).ToArray();
        var pseudoInverse = piGrid.Select(PseudoInverseTheory.GeneralizationError).ToArray();
        var gibbs = new double[points];
        var bayes = new double[points];
        for (var i = 0; i < points; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var q = VersionSpaceTheory.Overlap(Math.Min(grid[i], VersionSpaceTheory.MaxAlpha));
            gibbs[i] = Math.Acos(q) / Math.PI;
            bayes[i] = Math.Acos(Math.Sqrt(q)) / Math.PI;
            saddle.Report(i + 1, points, $"{i + 1}/{points}");
        }
        cancellationToken.ThrowIfCancellationRequested();
        var (msAlpha, msError) = MaximalStabilityTheory.Curve(Math.Min(alphaMax, MaximalStabilityTheory.MaxAlpha), points);
        var kappas = Enumerable.Range(0, points).Select(i => kappaMax * i / (points - 1)).ToArray();
        var alphaC = kappas.Select(GardnerCapacity.CriticalAlpha).ToArray();
        var stride = Math.Max(1, 4 * coverN / 2000 + 1);
        var coverP = Enumerable.Range(0, 4 * coverN / stride + 1).Select(i => Math.Max(1, i * stride)).Distinct().ToArray();
        var coverX = coverP.Select(pp => (double)pp / coverN).ToArray();
        var coverY = coverP.Select(pp => CoverCounting.SeparableProbability(coverN, pp)).ToArray();
        cancellationToken.ThrowIfCancellationRequested();

        const string science = "Engel & Van den Broeck (2001), ch. 2–3 and 6; Gardner (1988); Cover (1965)";
        Check Reference(string name, double value, double reference, double digits) =>
            Check.Tolerance(name, value, reference, 0.5 * Math.Pow(10, -digits), science, $"½·10^−{digits}: published to {digits} digits", 0.5 * Math.Pow(10, -digits));
        var checks = new List<Check>
        {
            Reference("ε_Hebb(1)", HebbTheory.GeneralizationError(1), 0.285634, 6),
            Reference("ε_Hebb(10)", HebbTheory.GeneralizationError(10), 0.120111, 6),
            Reference("ε_Gibbs(1)", VersionSpaceTheory.GibbsError(1), 0.338359, 6),
            Reference("ε_Gibbs(10)", VersionSpaceTheory.GibbsError(10), 0.061525, 6),
            Reference("ε_Bayes(1)", VersionSpaceTheory.BayesError(1), 0.254373, 6),
            Reference("ε_Bayes(10)", VersionSpaceTheory.BayesError(10), 0.043573, 6),
            Reference("α_c(κ = 0)", GardnerCapacity.CriticalAlpha(0), 2, 6),
            Reference("α_c(κ = 0.5)", GardnerCapacity.CriticalAlpha(0.5), 0.961205, 6),
            Reference("α_c(κ = 1)", GardnerCapacity.CriticalAlpha(1), 0.519572, 6),
            Reference($"Cover P(separable) at P = 2N, N = {coverN}", CoverCounting.SeparableProbability(coverN, 2 * coverN), 0.5, 9),
            Reference("α·ε_Gibbs at α = 1000 (→ 0.625)", 1000 * VersionSpaceTheory.GibbsError(1000), 0.625, 3),
            Reference("α·ε_Bayes at α = 1000 (→ 0.442)", 1000 * VersionSpaceTheory.BayesError(1000), 0.442, 3),
            Reference("α·ε_max-stability at α = 1000 (→ 0.50)", 1000 * MaximalStabilityTheory.GeneralizationError(1000), 0.50, 2),
        };
        curves.Report(1, 1);

        return new ResultDocument
        {
            ModelType = Id,
            Summary = $"Theory curves up to α = {alphaMax:0.###}; {checks.Count(c => c.Agrees)}/{checks.Count} reference values reproduced.",
            Conventions = "Spherical teacher and student, Gaussian inputs, noiseless labels, N → ∞ (replica symmetric, exact here). ε = arccos(R)/π. " +
                          "Gibbs: q/√(1−q) = (α/π)∫Dt e^{−qt²/2}/H(−√q t), ε = arccos(q)/π; Bayes: ε = arccos(√q)/π; maximal stability from Gardner's volume with a teacher at q → 1; " +
                          "pseudo-inverse R = √(2α(1−α)/(π−2α)) for α < 1. Capacity: stabilities y J·ξ/|J| ≥ κ, α_c(κ) = 1/[(1+κ²)H(−κ)+κφ(κ)]; " +
                          "Cover: exact probability that P random points in general position in R^N are separable through the origin.",
            Metrics =
            [
                new Metric("epsilon_gibbs_10", "ε_Gibbs(10)", VersionSpaceTheory.GibbsError(10)),
                new Metric("epsilon_bayes_10", "ε_Bayes(10)", VersionSpaceTheory.BayesError(10)),
                new Metric("epsilon_maxstab_10", "ε_max-stability(10)", MaximalStabilityTheory.GeneralizationError(10)),
                new Metric("alpha_c_0", "α_c(0)", GardnerCapacity.CriticalAlpha(0)),
            ],
            Series =
            [
                new Series("epsilon_hebb", "α", "ε", grid, hebb),
                new Series("epsilon_gibbs", "α", "ε", grid, gibbs),
                new Series("epsilon_bayes", "α", "ε", grid, bayes),
                new Series("epsilon_max_stability", "α", "ε", msAlpha, msError),
                new Series("epsilon_pseudo_inverse", "α", "ε", piGrid, pseudoInverse),
                new Series("alpha_c", "κ", "α_c", kappas, alphaC),
                new Series("cover", "α", "P(separable)", coverX, coverY),
            ],
            Figures =
            [
                new Figure
                {
                    Id = "learning-curves", Title = "Learning curves (N → ∞)", XAxis = new Axis("α = P/N"), YAxis = new Axis("ε", Min: 0, Max: 0.5),
                    Traces =
                    [
                        new Trace { Name = "Hebb (exact)", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = grid, Y = hebb },
                        new Trace { Name = "Gibbs", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = grid, Y = gibbs },
                        new Trace { Name = "Bayes-optimal", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = grid, Y = bayes },
                        new Trace { Name = "maximal stability", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = msAlpha, Y = msError },
                        new Trace { Name = "pseudo-inverse (α < 1)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = piGrid, Y = pseudoInverse },
                    ],
                },
                new Figure
                {
                    Id = "capacity", Title = "Gardner capacity α_c(κ)", XAxis = new Axis("κ"), YAxis = new Axis("α_c"),
                    Traces = [new Trace { Name = "α_c(κ)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = kappas, Y = alphaC }],
                },
                new Figure
                {
                    Id = "cover", Title = $"Cover: probability of separability, N = {coverN}", XAxis = new Axis("α = P/N"), YAxis = new Axis("P(separable)"),
                    Traces = [new Trace { Name = $"N = {coverN}", Role = TraceRole.Exact, Style = TraceStyle.Lines, X = coverX, Y = coverY }],
                    Markers = [new Marker(2, "α = 2 (P = ½ for every N)")],
                },
            ],
            Checks = checks,
        };
    }
}
