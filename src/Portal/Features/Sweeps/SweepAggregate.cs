using System.Globalization;
using System.Text;
using System.Text.Json;
using Shared.Results;

namespace Portal.Features.Sweeps;

/// <summary>
/// One point of a sweep reduced over its seeds: the mean of a metric and its standard error s/√n (null with fewer than
/// two seeds), how many members contributed and how many have no result yet (queued, running, failed …).
/// </summary>
public sealed record AggregatePoint(IReadOnlyList<JsonElement> Point, IReadOnlyList<double> Coordinates, int Count, int Missing,
    double Mean, double? StandardError, IReadOnlyList<(long Seed, double Value)> Values);

/// <summary>A scalar metric of a sweep's result documents, aggregated point by point over the seeds.</summary>
public sealed record SweepAggregate(string Metric, string Label, string? Unit, IReadOnlyList<AggregatePoint> Points)
{
    /// <summary>
    /// Every metric name that occurs in the results, with its label and unit: measured ones (with an error bar somewhere)
    /// first, then exact and theory values, each in first-seen order, so that the default is something simulated.
    /// </summary>
    public static IReadOnlyList<Metric> MetricsOf(IEnumerable<ResultDocument> results) =>
        results.SelectMany(r => r.Metrics).GroupBy(m => m.Name).OrderBy(g => g.Any(m => m.Error is not null) ? 0 : 1).Select(g => g.First()).ToList();

    /// <summary>
    /// Reduces the members' values of <paramref name="metric"/>: a member counts when its latest run succeeded and its
    /// result has the metric with a finite value; every other member is missing. Points without any value are kept
    /// (Count 0, Mean NaN) so that a grid stays complete.
    /// </summary>
    public static SweepAggregate Compute(SweepGrid grid, IReadOnlyList<SweepMember> members, IReadOnlyDictionary<Guid, ResultDocument> results, string metric)
    {
        Metric? described = null;
        var points = new List<AggregatePoint>();
        foreach (var group in members.GroupBy(m => m.PointKey))
        {
            var point = group.First().Point;
            var values = new List<(long, double)>();
            foreach (var m in group)
            {
                if (m.Run is not { } run || !results.TryGetValue(run.Id, out var doc)) continue;
                var found = doc.Metrics.FirstOrDefault(x => x.Name == metric);
                if (found is null || !double.IsFinite(found.Value)) continue;
                described ??= found;
                values.Add((m.Seed, found.Value));
            }
            var (mean, se) = MeanAndError(values.Select(v => v.Item2).ToList());
            points.Add(new AggregatePoint(point, point.Select((v, i) => grid.Coordinate(i, v)).ToList(), values.Count, group.Count() - values.Count, mean, se, values));
        }
        return new SweepAggregate(metric, described is null ? metric : PointFree(described.Label), described?.Unit, points);
    }

    /// <summary>
    /// Labels that name the run's own point ("ε at α = 0.5") lose that part: across a sweep it differs from point to point.
    /// </summary>
    public static string PointFree(string label) => System.Text.RegularExpressions.Regex.Replace(label, @"\s+at\s+[^=,]+=\s*[-+0-9.eE]+$", "");

    /// <summary>Sample mean and standard error of the mean, s/√n with the n − 1 variance; the error is null for n &lt; 2.</summary>
    public static (double Mean, double? StandardError) MeanAndError(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return (double.NaN, null);
        var mean = values.Average();
        if (values.Count < 2) return (mean, null);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Math.Sqrt(variance / values.Count));
    }

    /// <summary>Long-form CSV: one row per point with its swept values, n, missing, mean and standard error.</summary>
    public string ToCsv(SweepGrid grid)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", grid.Axes.Select(a => Quote(a.Parameter)).Concat(["n", "missing", Quote(Metric + "_mean"), Quote(Metric + "_standard_error")])));
        foreach (var p in Points)
            csv.AppendLine(string.Join(",", p.Point.Select(v => Quote(SweepGrid.Text(v)))
                .Concat([p.Count.ToString(CultureInfo.InvariantCulture), p.Missing.ToString(CultureInfo.InvariantCulture), Number(p.Mean), p.StandardError is { } e ? Number(e) : ""])));
        return csv.ToString();
    }

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
