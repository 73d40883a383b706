using System.Globalization;
using Compute;
using Shared.Results;

namespace Portal.Features.Compare;

/// <summary>
/// Overlays the runs' figures and series on shared axes (same figure id → one chart, one set of traces per run,
/// named by the run's label so that each run keeps one hue with its theory curve), and draws each scalar metric
/// across the runs with its error bars.
/// </summary>
public static class CompareFigures
{
    /// <summary>Heatmaps and image grids cannot be overlaid: they are shown side by side for at most this many runs.</summary>
    public const int MaxSideBySide = 6;

    public static IReadOnlyList<ComparedFigure> Overlay(IReadOnlyList<(string Label, ResultDocument Result)> runs)
    {
        var ids = runs.SelectMany(r => r.Result.Figures.Select(f => f.Id)).Distinct().ToList();
        var result = new List<ComparedFigure>();
        foreach (var id in ids)
        {
            var having = runs.Select(r => (r.Label, Figure: r.Result.Figures.FirstOrDefault(f => f.Id == id))).Where(x => x.Figure is not null).ToList();
            var first = having[0].Figure!;
            if (first.Kind is FigureKind.Heatmap or FigureKind.ImageGrid)
            {
                foreach (var (label, figure) in having.Take(MaxSideBySide))
                    result.Add(new ComparedFigure(figure! with { Id = $"{id}-{result.Count}", Title = $"{figure.Title} — {label}" }, 1));
                continue;
            }
            var sims = new List<Trace>();
            var theories = new List<Trace>();
            foreach (var (label, figure) in having)
            {
                var single = figure!.Traces.Count(t => t.Role == TraceRole.Simulation) == 1;
                foreach (var t in figure.Traces)
                    if (t.Role == TraceRole.Simulation) sims.Add(t with { Name = single ? label : $"{label} ({t.Name})" });
                    else theories.Add(t with { Name = $"{label} ({t.Name})" });
            }
            var caption = $"One colour per run; simulation as points with their error bars, theory as lines.{(having.Count < runs.Count ? $" Only {having.Count} of the {runs.Count} runs have this figure." : "")}";
            result.Add(new ComparedFigure(first with
            {
                // Fixed ranges fit one run; the overlay lets the axes span them all.
                XAxis = first.XAxis with { Min = null, Max = null }, YAxis = first.YAxis with { Min = null, Max = null },
                Traces = [.. sims, .. theories], Markers = having.SelectMany(h => h.Figure!.Markers).DistinctBy(m => (m.X, m.Label)).ToList(),
                Caption = caption,
            }, having.Count));
        }
        return result;
    }

    public static IReadOnlyList<ComparedFigure> Series(IReadOnlyList<(string Label, ResultDocument Result)> runs) =>
        runs.SelectMany(r => r.Result.Series.Select(s => s.Name)).Distinct().Select(name =>
        {
            var having = runs.Select(r => (r.Label, Series: r.Result.Series.FirstOrDefault(s => s.Name == name))).Where(x => x.Series is not null).ToList();
            var first = having[0].Series!;
            return new ComparedFigure(new Figure
            {
                Id = "series-" + name, Title = $"{first.YLabel} against {first.XLabel}", XAxis = new Axis(first.XLabel), YAxis = new Axis(first.YLabel),
                Traces = having.Select(h => new Trace { Name = h.Label, X = h.Series!.X, Y = h.Series.Y, ErrorY = h.Series.Error }).ToList(),
            }, having.Count);
        }).ToList();

    /// <summary>
    /// One chart per metric: value ± error of each run, against the one numeric parameter in which the runs differ
    /// (if there is exactly one), else against the run's column number in the tables. Against a parameter, the model
    /// type's theory of the metric over it (<paramref name="theory"/>: metric, x range) is drawn with the runs.
    /// </summary>
    public static IReadOnlyList<Figure> MetricCharts(IReadOnlyList<MetricRow> metrics, SpecRow? xParameter, Func<string, double, double, SweepTheory>? theory = null)
    {
        var x = xParameter?.Values.Select(v => double.Parse(v!, CultureInfo.InvariantCulture)).ToArray();
        var xTitle = xParameter is null ? "run (column of the table)" : xParameter.Unit is { Length: > 0 } u ? $"{xParameter.Label} [{u}]" : xParameter.Label;
        return metrics.Select(m =>
        {
            var points = m.Values.Select((c, i) => (X: x?[i] ?? i + 1, Cell: c)).Where(p => p.Cell?.Value is { } v && double.IsFinite(v)).OrderBy(p => p.X).ToList();
            var known = x is not null && theory is not null && points.Count > 1 ? theory(m.Name, points[0].X, points[^1].X) : SweepTheory.None;
            return new Figure
            {
                Id = "metric-" + m.Name, Title = m.Label, XAxis = new Axis(xTitle), YAxis = new Axis(m.Unit is { Length: > 0 } unit ? $"{m.Label} [{unit}]" : m.Label),
                Traces =
                [
                    new Trace
                    {
                        Name = m.Label, Style = TraceStyle.Markers, X = points.Select(p => p.X).ToArray(), Y = points.Select(p => p.Cell!.Value!.Value).ToArray(),
                        ErrorY = points.Any(p => p.Cell!.Error is not null) ? points.Select(p => p.Cell!.Error ?? 0).ToArray() : null,
                    },
                    .. known.Curves,
                ],
                Markers = known.Transitions,
                Caption = points.Any(p => p.Cell!.Error is not null) ? "Error bars: the runs' one-sigma errors." : "These values are exact (no error bars).",
            };
        }).ToList();
    }

    /// <summary>"ε at α = 2" and "ε at α = 8" have the common label "ε at α"; labels with nothing in common fall back to the metric's name.</summary>
    private static string CommonLabel(IReadOnlyList<string> labels, string name)
    {
        var n = labels.Min(l => l.Length);
        var k = 0;
        while (k < n && labels.All(l => l[k] == labels[0][k])) k++;
        var common = labels[0][..k].TrimEnd(' ', '=', ':', ',', '(');
        return common.Length > 0 ? common : name;
    }

    /// <summary>The metrics of all runs, in order of first appearance; labels that differ between runs stay with their values.</summary>
    public static IReadOnlyList<MetricRow> Metrics(IReadOnlyList<ResultDocument?> results)
    {
        var names = results.SelectMany(r => r?.Metrics.Select(m => m.Name) ?? []).Distinct().ToList();
        return names.Select(name =>
        {
            var found = results.Select(r => r?.Metrics.FirstOrDefault(m => m.Name == name)).ToList();
            var labels = found.Where(m => m is not null).Select(m => m!.Label).Distinct().ToList();
            var shared = labels.Count == 1;
            var first = found.First(m => m is not null)!;
            return new MetricRow(name, shared ? first.Label : CommonLabel(labels, name), first.Unit,
                found.Select(m => m is null ? null : new MetricCell(double.IsFinite(m.Value) ? m.Value : null, m.Error is { } e && double.IsFinite(e) ? e : null, shared ? null : m.Label)).ToList());
        }).ToList();
    }
}
