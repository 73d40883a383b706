using System.Text.Json;
using Compute;
using Shared.Models;
using Shared.Results;

namespace Portal.Features.Sweeps;

/// <summary>How a sweep's aggregate is drawn: curves (one per value of a second parameter, if any) or a heatmap over both.</summary>
public enum SweepView
{
    Curves,
    Heatmap,
}

/// <summary>
/// Turns a sweep's aggregate into a declarative figure: mean ± standard error against the first parameter (one curve per
/// value of the second, every seed faintly on demand), or a heatmap of the mean over both; with the model type's theory.
/// </summary>
public static class SweepFigures
{
    public static Figure Build(SweepState state, SweepAggregate aggregate, SweepView view, bool showSeeds)
    {
        var type = ModelRegistry.Find(state.Sweep.ModelType);
        var schema = type?.Info.Schema;
        var grid = state.Grid;
        var metric = aggregate.Unit is { Length: > 0 } unit ? $"{aggregate.Label} [{unit}]" : aggregate.Label;
        var x = AxisTitle(schema, grid.Axes[0].Parameter);
        var xs = aggregate.Points.Select(p => p.Coordinates[0]).Where(double.IsFinite).ToList();
        var (xMin, xMax) = xs.Count == 0 ? (0.0, 1.0) : (xs.Min(), xs.Max());
        var xLog = IsGeometric(grid.Axes[0]);

        if (view == SweepView.Heatmap && grid.Axes.Count == 2)
        {
            var rows = grid.Axes[1].Values.Select(v => grid.Coordinate(1, v)).ToArray();
            var cols = grid.Axes[0].Values.Select(v => grid.Coordinate(0, v)).ToArray();
            var z = rows.Select(_ => cols.Select(_ => double.NaN).ToArray()).ToArray();
            foreach (var p in aggregate.Points)
                z[Array.IndexOf(rows, p.Coordinates[1])][Array.IndexOf(cols, p.Coordinates[0])] = p.Mean;
            var traces = new List<Trace> { new() { Name = aggregate.Label, X = cols, Y = rows, Z = z } };
            var theory = Theory(type, schema, state, aggregate.Metric, null, xMin, xMax, rows.Min(), rows.Max());
            traces.AddRange(theory.Curves);
            return new Figure
            {
                Id = "sweep-heatmap", Kind = FigureKind.Heatmap, Title = $"{aggregate.Label}: mean over {grid.Seeds.Count} seed{(grid.Seeds.Count == 1 ? "" : "s")}",
                XAxis = new Axis(x, xLog), YAxis = new Axis(AxisTitle(schema, grid.Axes[1].Parameter), IsGeometric(grid.Axes[1]), rows.Min(), rows.Max()),
                Traces = traces, Caption = Caption(aggregate, errorBars: false),
            };
        }

        var curves = new List<Trace>();
        var theoryTraces = new List<Trace>();
        var markers = new List<Marker>();
        foreach (var series in aggregate.Points.GroupBy(p => grid.Axes.Count == 2 ? p.Point[1].GetRawText() : ""))
        {
            var points = series.Where(p => p.Count > 0).OrderBy(p => p.Coordinates[0]).ToList();
            var seriesValue = grid.Axes.Count == 2 ? series.First().Point[1] : (JsonElement?)null;
            var name = seriesValue is { } v ? $"{grid.Axes[1].Parameter} = {SweepGrid.Text(v)}" : $"{aggregate.Label} (mean ± s.e., {grid.Seeds.Count} seeds)";
            if (showSeeds)
                curves.Add(new Trace
                {
                    Name = $"single seeds{(seriesValue is null ? "" : $" ({name})")}", Style = TraceStyle.Markers, Faint = true,
                    X = points.SelectMany(p => p.Values.Select(_ => p.Coordinates[0])).ToArray(), Y = points.SelectMany(p => p.Values.Select(s => s.Value)).ToArray(),
                });
            curves.Add(new Trace
            {
                // Markers with error bars: the only line drawn is the theory's.
                Name = name, Style = TraceStyle.Markers, X = points.Select(p => p.Coordinates[0]).ToArray(), Y = points.Select(p => p.Mean).ToArray(),
                ErrorY = points.Select(p => p.StandardError ?? 0).ToArray(),
            });
            var theory = Theory(type, schema, state, aggregate.Metric, seriesValue, xMin, xMax, null, null);
            theoryTraces.AddRange(theory.Curves.Select(t => seriesValue is null ? t : t with { Name = $"{t.Name}, {name}" }));
            markers.AddRange(theory.Transitions.Where(m => markers.All(o => o.X != m.X)));
        }
        return new Figure
        {
            Id = "sweep-curve", Title = $"{aggregate.Label} against {schema?.Find(grid.Axes[0].Parameter)?.Label ?? grid.Axes[0].Parameter}",
            XAxis = new Axis(x, xLog), YAxis = new Axis(metric), Traces = [.. curves, .. theoryTraces], Markers = markers, Caption = Caption(aggregate),
        };
    }

    private static SweepTheory Theory(IModelType? type, ModelSchema? schema, SweepState state, string metric, JsonElement? seriesValue,
        double xMin, double xMax, double? yMin, double? yMax)
    {
        if (type is not ISweepTheory theory || schema is null) return SweepTheory.None;
        var parameters = new Dictionary<string, JsonElement>(state.SharedParameters);
        var grid = state.Grid;
        // The swept parameters take their first value (theory is asked for them as functions); a series fixes the second.
        for (var i = 0; i < grid.Axes.Count; i++) parameters[grid.Axes[i].Parameter] = grid.Axes[i].Values[0];
        if (seriesValue is { } v) parameters[grid.Axes[1].Parameter] = v;
        var errors = new List<FieldError>();
        var values = schema.Resolve(parameters, errors);
        if (errors.Count > 0) return SweepTheory.None;
        var y = seriesValue is null && grid.Axes.Count == 2 ? grid.Axes[1].Parameter : null;
        return theory.Theory(new SweepTheoryQuery(metric, grid.Axes[0].Parameter, y, values, xMin, xMax, yMin, yMax));
    }

    private static string AxisTitle(ModelSchema? schema, string parameter) => schema?.Find(parameter) is { } p
        ? (p.Unit is { Length: > 0 } unit ? $"{p.Label} [{unit}]" : p.Label) : parameter;

    private static string Caption(SweepAggregate a, bool errorBars = true)
    {
        var missing = a.Points.Sum(p => p.Missing);
        return $"Mean over seeds{(errorBars ? "; error bars are one standard error s/√n" : " in colour")}.{(missing > 0 ? $" {missing} members have no value yet (queued, running or failed) and are left out." : "")}";
    }

    /// <summary>Values that are positive with a constant ratio (a log range) are drawn on a log axis.</summary>
    private static bool IsGeometric(SweepAxis axis)
    {
        var v = axis.Values.Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetDouble()).ToList();
        if (v.Count < 3 || v.Count != axis.Values.Count || v.Any(x => x <= 0)) return false;
        var ratio = v[1] / v[0];
        return Math.Abs(ratio - 1) > 1e-9 && v.Zip(v.Skip(1)).All(p => Math.Abs(p.Second / p.First / ratio - 1) < 1e-6);
    }
}
