using Compute.Perceptron.Learning;
using Compute.Perceptron.Theory;
using Shared.Results;

namespace Compute.Perceptron;

public sealed partial class CapacityModel
{
    private static readonly string[] Loads = [CapacityParameters.Declared.AlphaMin.Name, CapacityParameters.Declared.AlphaMax.Name];

    /// <summary>
    /// Cover's exact probability that P = round(αN) Gaussian patterns with random labels are linearly separable, for the
    /// solved fraction at the largest load of a size N (metric solved_fraction_N{N}); only where Cover's count holds
    /// (real weights, κ = 0, patterns in general position).
    /// </summary>
    private static Trace? CoverCurve(SweepTheoryQuery q, CapacityParameters p)
    {
        const string prefix = "solved_fraction_N";
        if (!q.Metric.StartsWith(prefix, StringComparison.Ordinal) || !int.TryParse(q.Metric.AsSpan(prefix.Length), out var n) || n < 1
            || p.BinaryWeights || p.Kappa != 0 || p.Inputs != InputKind.Gaussian) return null;
        // P = round(αN) makes the exact curve a staircase in α: drawn on a grid fine enough to show its steps.
        return SweepTheory.Curve($"Cover P(α, N = {n}) (exact)", q, alpha => CoverCounting.SeparableProbability(n, CapacityParameters.PatternCount(alpha, n)),
            Math.Clamp((int)Math.Ceiling(8 * n * (q.XMax - q.XMin)), 200, 4000));
    }

    /// <summary>
    /// Gardner's capacity of spherical weights: α_c(κ) as a curve over κ, a marker over α at the run's κ, and the line
    /// α_c(κ) on an (α, κ) or (κ, α) phase diagram. Binary weights: the Krauth-Mézard α_c as a marker or line.
    /// </summary>
    public SweepTheory Theory(SweepTheoryQuery q)
    {
        var p = CapacityParameters.From(q.Parameters);
        var kappa = CapacityParameters.Declared.Kappa.Name;
        if (q.Y is null && q.X == CapacityParameters.Declared.AlphaMax.Name && CoverCurve(q, p) is { } cover)
            return new SweepTheory([cover], []).With(SweepTheory.At(q, Loads, GardnerCapacity.CriticalAlpha(p.Kappa), "α_c = 2 (Gardner, N → ∞)"));
        if (p.BinaryWeights)
            return SweepTheory.At(q, Loads, BinaryPerceptronTheory.StorageCapacity, "α_c ≈ 0.833 (binary weights, Krauth-Mézard)");
        if (q.Y is null)
        {
            if (q.X == kappa && q.Metric == "alpha_c")
                return new SweepTheory([SweepTheory.Curve("Gardner α_c(κ)", q, GardnerCapacity.CriticalAlpha)], []);
            return SweepTheory.At(q, Loads, GardnerCapacity.CriticalAlpha(p.Kappa), $"α_c(κ = {p.Kappa:0.###}) = {GardnerCapacity.CriticalAlpha(p.Kappa):0.###} (Gardner)");
        }
        if (q.X == kappa && Loads.Contains(q.Y))
            return new SweepTheory([SweepTheory.Curve("Gardner α_c(κ)", q, GardnerCapacity.CriticalAlpha)], []);
        if (Loads.Contains(q.X) && q.Y == kappa && q is { YMin: { } k0, YMax: { } k1 })
        {
            var k = Enumerable.Range(0, 100).Select(i => k0 + (k1 - k0) * i / 99.0).ToArray();
            return new SweepTheory([new Trace { Name = "Gardner α_c(κ)", Role = TraceRole.Theory, Style = TraceStyle.Lines, X = k.Select(GardnerCapacity.CriticalAlpha).ToArray(), Y = k }], []);
        }
        return SweepTheory.At(q, Loads, GardnerCapacity.CriticalAlpha(p.Kappa), $"α_c(κ = {p.Kappa:0.###}) (Gardner)");
    }
}
