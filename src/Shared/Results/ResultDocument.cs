namespace Shared.Results;

/// <summary>
/// What a computation returns and the portal stores, renders and serves: scalar metrics with errors,
/// time series, declarative figures and checks of simulation against theory.
/// </summary>
public sealed record ResultDocument
{
    public required string ModelType { get; init; }
    public string Summary { get; init; } = "";

    /// <summary>The conventions the numbers follow (normalizations, units), shown under the plots.</summary>
    public string Conventions { get; init; } = "";

    public IReadOnlyList<Metric> Metrics { get; init; } = [];
    public IReadOnlyList<Series> Series { get; init; } = [];
    public IReadOnlyList<Figure> Figures { get; init; } = [];
    public IReadOnlyList<Check> Checks { get; init; } = [];

    /// <summary>
    /// True when every check passes (and there is at least one): no disagreement, no violated bound and no warning
    /// (not converged, not equilibrated, low statistics), so a run with any warning is never an unqualified success.
    /// </summary>
    public bool AllChecksAgree => Checks.Count > 0 && Checks.All(c => c.Agrees);
}

/// <summary>A named scalar with its one-sigma error (null when exact) and unit.</summary>
public sealed record Metric(string Name, string Label, double Value, double? Error = null, string? Unit = null);

/// <summary>A named sequence of (x, y) values, e.g. an observable against training time.</summary>
public sealed record Series(string Name, string XLabel, string YLabel, double[] X, double[] Y, double[]? Error = null);
