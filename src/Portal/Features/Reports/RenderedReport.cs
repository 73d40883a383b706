using Shared.Results;

namespace Portal.Features.Reports;

/// <summary>A piece of a rendered report: sanitized HTML, or a figure that a live view draws as a chart.</summary>
public abstract record ReportSegment;

public sealed record HtmlSegment(string Html) : ReportSegment;

public sealed record FigureSegment(FigureEmbed Figure) : ReportSegment;

/// <summary>A numbered figure of a run: the figure itself, its sanitized caption and where it came from.</summary>
public sealed record FigureEmbed(string? Id, int Number, Figure Figure, string CaptionHtml, string RunTitle, string? RunHref)
{
    /// <summary>The figure as static HTML (inline SVG and caption), for print, exports and frozen snapshots.</summary>
    public string StaticHtml => EmbedHtml.StaticFigure(this);
}

/// <summary>One slide of the talk: its content and its speaker notes (sanitized HTML, empty when none).</summary>
public sealed record Slide(IReadOnlyList<ReportSegment> Content, string NotesHtml);

/// <summary>An embed as written and as rendered (with its figure, if it drew one).</summary>
public sealed record EmbedExport(string Raw, string Html, FigureEmbed? Figure);

/// <summary>Which parts of one run a report shows: what a published version freezes.</summary>
public sealed class UsedParts
{
    public HashSet<string> Figures { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Metrics { get; } = new(StringComparer.Ordinal);
    public bool Checks { get; set; }
}

/// <summary>
/// A report rendered for one reader: the front matter, the paper (segments in reading order, references last),
/// the slides, and the problems an author should fix (each naming its line).
/// </summary>
public sealed record RenderedReport(
    FrontMatter Front, string AbstractHtml, IReadOnlyList<ReportSegment> Paper, IReadOnlyList<Slide> Slides,
    IReadOnlyList<string> Problems, IReadOnlyDictionary<Guid, EmbeddedRun> Runs, IReadOnlyDictionary<Guid, UsedParts> Used,
    IReadOnlyList<EmbedExport> Embeds)
{
    /// <summary>The runs' parts this rendering showed, as a published version keeps them (finished runs only).</summary>
    public FrozenEmbeds Freeze()
    {
        var frozen = new FrozenEmbeds();
        foreach (var (id, used) in Used)
        {
            if (!Runs.TryGetValue(id, out var run) || run.Result is not { } result) continue;
            frozen.Runs[id] = new FrozenRun(run.Title, result with
            {
                Figures = result.Figures.Where(f => used.Figures.Contains(f.Id)).ToList(),
                Metrics = result.Metrics.Where(m => used.Metrics.Contains(m.Name)).ToList(),
                Checks = used.Checks ? result.Checks : [],
                Series = [],
            });
        }
        return frozen;
    }

    /// <summary>The paper's body as one HTML string with every figure drawn as SVG.</summary>
    public string StaticBody() => string.Concat(Paper.Select(s => s switch
    {
        HtmlSegment h => h.Html,
        FigureSegment f => f.Figure.StaticHtml,
        _ => "",
    }));

    /// <summary>The ids of the runs the report names (visible or not).</summary>
    public IEnumerable<Guid> RunIds => Used.Keys;
}
