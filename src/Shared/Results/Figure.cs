namespace Shared.Results;

public enum FigureKind
{
    /// <summary>Lines and/or markers with optional error bars.</summary>
    XY,
    /// <summary>A matrix of values on a colour scale (couplings, weights, one configuration).</summary>
    Heatmap,
    /// <summary>
    /// Several equally sized images on one colour scale (samples, weight filters), one trace each with its rows in
    /// <see cref="Trace.Z"/> top row first, laid out in <see cref="Figure.Columns"/> columns (default ⌈√count⌉).
    /// </summary>
    ImageGrid,
    /// <summary>Pre-binned counts drawn as bars.</summary>
    Histogram,
}

/// <summary>Whether a trace comes from the simulation or from theory / an exact result.</summary>
public enum TraceRole
{
    Simulation,
    Theory,
    Exact,
}

public enum TraceStyle
{
    Lines,
    Markers,
    LinesAndMarkers,
}

public sealed record Axis(string Title, bool Log = false, double? Min = null, double? Max = null);

/// <summary>A plot described as data. The portal maps it to Plotly; the API returns it as JSON.</summary>
public sealed record Figure
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public FigureKind Kind { get; init; } = FigureKind.XY;
    public required Axis XAxis { get; init; }
    public required Axis YAxis { get; init; }
    public IReadOnlyList<Trace> Traces { get; init; } = [];

    /// <summary>Vertical reference lines (e.g. a critical point), drawn dashed with their label.</summary>
    public IReadOnlyList<Marker> Markers { get; init; } = [];

    public string? Caption { get; init; }

    /// <summary>Images per row of an <see cref="FigureKind.ImageGrid"/>; null lets the portal choose.</summary>
    public int? Columns { get; init; }
}

/// <summary>
/// One data set of a figure. XY: X, Y and optional ErrorY. Histogram: X holds the bin left edges plus the
/// final right edge (length = counts + 1), Y the counts or densities. Heatmap: Z rows (Y index, bottom row first) by
/// columns (X index); X and Y may give coordinates; a trace without Z in a heatmap figure is a line drawn over it (e.g. a
/// phase boundary). ImageGrid: Z is one image, top row first, and Name its label.
/// </summary>
public sealed record Trace
{
    public required string Name { get; init; }
    public TraceRole Role { get; init; } = TraceRole.Simulation;
    public TraceStyle Style { get; init; } = TraceStyle.LinesAndMarkers;
    public double[] X { get; init; } = [];
    public double[] Y { get; init; } = [];
    public double[]? ErrorY { get; init; }
    public double[][]? Z { get; init; }

    /// <summary>Drawn pale behind the other traces (e.g. the single seeds behind their mean).</summary>
    public bool Faint { get; init; }
}

public sealed record Marker(double X, string Label);
