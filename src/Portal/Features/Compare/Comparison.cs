using Portal.Features.Runs;
using Shared.Results;

namespace Portal.Features.Compare;

/// <summary>
/// Several runs side by side: their specs (which parameters differ), metrics, check verdicts and figures overlaid on
/// shared axes. Built from the runs the caller may read; <see cref="Hidden"/> counts the others without naming them.
/// </summary>
public sealed record Comparison
{
    public required IReadOnlyList<ComparedRun> Runs { get; init; }

    /// <summary>Requested runs not shown: they do not exist or the caller may not read them (the two are not told apart).</summary>
    public int Hidden { get; init; }

    /// <summary>Model type, model, every parameter of any run and the seed, in that order; see <see cref="SpecRow.Differs"/>.</summary>
    public required IReadOnlyList<SpecRow> Spec { get; init; }

    public required IReadOnlyList<MetricRow> Metrics { get; init; }

    /// <summary>The runs' figures overlaid: one chart per figure id, one set of traces per run that has it.</summary>
    public required IReadOnlyList<ComparedFigure> Figures { get; init; }

    /// <summary>The runs' series overlaid, one chart per series name.</summary>
    public required IReadOnlyList<ComparedFigure> Series { get; init; }

    /// <summary>One chart per scalar metric: value ± error across the runs.</summary>
    public required IReadOnlyList<Figure> MetricCharts { get; init; }

    public string? HiddenMessage => Hidden == 0 ? null
        : $"{Hidden} of the requested runs {(Hidden == 1 ? "is" : "are")} not shown: {(Hidden == 1 ? "it does" : "they do")} not exist or you may not read {(Hidden == 1 ? "it" : "them")}.";
}

/// <summary>One run of a comparison; <see cref="Label"/> names it by the parameters in which the runs differ.</summary>
public sealed record ComparedRun(Guid Id, string Label, string ModelType, string? Model, int? ModelVersion, long Seed, RunStatus Status,
    string SoftwareVersion, DateTimeOffset CreatedAt, IReadOnlyDictionary<Verdict, int> Checks)
{
    public string Permalink => $"/runs/{Id}";

    public string ShortId => Id.ToString()[..8];

    /// <summary>"2 agree · 1 disagrees", in the order of <see cref="Verdict"/>; empty without checks.</summary>
    public string ChecksText => string.Join(" · ", Checks.OrderBy(c => c.Key).Select(c => $"{c.Value} {VerdictWords(c.Key, c.Value)}"));

    private static string VerdictWords(Verdict v, int n) => v switch
    {
        Verdict.Agrees => n == 1 ? "agrees" : "agree",
        Verdict.Disagrees => n == 1 ? "disagrees" : "disagree",
        Verdict.BoundSatisfied => n == 1 ? "bound holds" : "bounds hold",
        Verdict.BoundViolated => n == 1 ? "bound violated" : "bounds violated",
        Verdict.NotConverged => "not converged",
        Verdict.NotEquilibrated => "not equilibrated",
        _ => "low statistics",
    };
}

/// <summary>
/// One line of the spec table: a parameter (or the model type, model or seed) with its value in each run, null where
/// the run has no such parameter (another model type).
/// </summary>
public sealed record SpecRow(string Name, string Label, string? Unit, IReadOnlyList<string?> Values)
{
    public bool Differs => Values.Distinct().Skip(1).Any();
}

/// <summary>A metric's value ± error in each run (null where the run has none), labelled as the runs label it.</summary>
public sealed record MetricRow(string Name, string Label, string? Unit, IReadOnlyList<MetricCell?> Values);

/// <summary>A run's value of one metric; <see cref="Label"/> is set where runs label the metric differently (e.g. "ε at α = 2").</summary>
public sealed record MetricCell(double? Value, double? Error, string? Label = null);

/// <summary>An overlaid figure and how many of the runs contributed to it.</summary>
public sealed record ComparedFigure(Figure Figure, int Runs);
