using System.Globalization;
using Shared.Models;
using Shared.Runs;

namespace Compute;

/// <summary>A parameter a cost grows with, and its value in the run being checked.</summary>
public readonly record struct CostLever(string Field, double Value);

/// <summary>One part of a run's work (e.g. training, the likelihood estimate) and the parameters it grows with, strongest first.</summary>
public sealed record CostTerm(string What, double Work, params CostLever[] Levers);

/// <summary>A model type's estimate of what a run will cost, checked against <see cref="RunLimits"/>.</summary>
public readonly record struct ResourceEstimate(double MemoryBytes, double Work)
{
    /// <summary>
    /// The parts the work is made of, when a model type knows them: a limit message then names the part that dominates and
    /// the parameters that drive it, rather than one fixed parameter that may already be at its minimum.
    /// </summary>
    public IReadOnlyList<CostTerm> Terms { get; init; } = [];

    /// <summary>The same for memory (a term's Work is then bytes).</summary>
    public IReadOnlyList<CostTerm> MemoryTerms { get; init; } = [];

    /// <summary>
    /// Errors naming the parameter to reduce when memory or work exceed the limits.
    /// <paramref name="sizeField"/> is the parameter that drives the cost when no <see cref="Terms"/> say otherwise (e.g. "N").
    /// </summary>
    public IEnumerable<FieldError> Against(RunLimits limits, string sizeField)
    {
        if (MemoryBytes > limits.MaxMemoryBytes)
            yield return Explain($"This run would need about {Gib(MemoryBytes)} GiB of memory; the limit is {Gib(limits.MaxMemoryBytes)} GiB.",
                MemoryBytes, MemoryTerms, sizeField, $"Reduce {sizeField}.");
        if (Work > limits.MaxWork)
            yield return Explain($"This run would need about {Sci(Work)} operations; the limit is {Sci(limits.MaxWork)}.",
                Work, Terms, sizeField, $"Reduce {sizeField} or the number of steps.");
    }

    private static FieldError Explain(string need, double total, IReadOnlyList<CostTerm> terms, string sizeField, string fallback)
    {
        var dominant = terms.Where(t => t.Levers.Length > 0).MaxBy(t => t.Work);
        if (dominant is null) return new FieldError(sizeField, $"{need} {fallback}");
        // Levers already at 1 cannot be reduced; name the others (the field is the strongest of them).
        var levers = dominant.Levers.Where(l => l.Value > 1).DefaultIfEmpty(dominant.Levers[0]).ToList();
        var share = dominant.Work / total;
        var names = levers.Select(l => $"{l.Field} (now {l.Value.ToString("0.###", CultureInfo.InvariantCulture)})").ToList();
        var list = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
        return new FieldError(levers[0].Field, $"{need} {(share > 0.995 ? "Nearly all" : $"{share.ToString("P0", CultureInfo.InvariantCulture)}")} of it is {dominant.What}. Reduce {list}.");
    }

    private static string Sci(double x) => x.ToString("0.0e0", CultureInfo.InvariantCulture);

    private static string Gib(double bytes) => (bytes / (1L << 30)).ToString("0.##", CultureInfo.InvariantCulture);
}
