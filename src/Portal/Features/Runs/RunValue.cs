using System.Text.Json;
using Shared.Results;
using Shared.Runs;

namespace Portal.Features.Runs;

public enum RunValueKind
{
    Parameter,
    Metric,
}

/// <summary>
/// One number of a run, copied out of its spec (a numeric parameter) or its result (a scalar metric). The JSON documents stay the
/// source of truth; these rows exist so that a table of ten thousand runs filters and sorts on α or ε_g with an index,
/// instead of parsing every result document on every query.
/// </summary>
public sealed class RunValue
{
    public const int MaxNameLength = 100;

    public Guid RunId { get; set; }
    public RunValueKind Kind { get; set; }
    public string Name { get; set; } = "";
    public double Value { get; set; }
}

public static class RunValues
{
    /// <summary>The numeric (and boolean, as 0/1) parameters of a canonical spec JSON.</summary>
    public static List<RunValue> FromSpecJson(Guid runId, string specJson)
    {
        var values = new List<RunValue>();
        if (string.IsNullOrEmpty(specJson)) return values;
        using var doc = JsonDocument.Parse(specJson);
        if (!doc.RootElement.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object) return values;
        foreach (var p in parameters.EnumerateObject())
        {
            double? number = p.Value.ValueKind switch
            {
                JsonValueKind.Number => p.Value.GetDouble(),
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                _ => null,
            };
            if (number is { } v && double.IsFinite(v) && p.Name.Length <= RunValue.MaxNameLength)
                values.Add(new RunValue { RunId = runId, Kind = RunValueKind.Parameter, Name = p.Name, Value = v });
        }
        return values;
    }

    public static List<RunValue> FromSpec(Guid runId, RunSpec spec) => FromSpecJson(runId, spec.ToCanonicalJson());

    /// <summary>
    /// Every way a run is made (a form, the API, a sweep, the examples, a test) ends in SaveChanges: new runs get their values
    /// there, so no creation path can forget them. Metrics of runs finished later are written by the job (<see cref="ExecuteRunJob"/>).
    /// </summary>
    public static void CopyOutOfNewRuns(Data.PortalDb db)
    {
        foreach (var entry in db.ChangeTracker.Entries<Run>().Where(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Added).ToList())
        {
            var run = entry.Entity;
            // Values added by hand (a metric written with the run, or a seeding script's) are kept; only the missing kind is copied.
            if (!run.Values.Any(v => v.Kind == RunValueKind.Parameter)) run.Values.AddRange(FromSpecJson(run.Id, run.SpecJson));
            if (!run.Values.Any(v => v.Kind == RunValueKind.Metric) && run.Status == RunStatus.Succeeded && run.ResultJson is { } json)
                run.Values.AddRange(FromResult(run.Id, ResultJson.Deserialize(json)));
        }
    }

    /// <summary>The finite scalar metrics of a result document (the first of a repeated name).</summary>
    public static List<RunValue> FromResult(Guid runId, ResultDocument result) =>
        result.Metrics.Where(m => double.IsFinite(m.Value) && m.Name.Length is > 0 and <= RunValue.MaxNameLength)
            .DistinctBy(m => m.Name)
            .Select(m => new RunValue { RunId = runId, Kind = RunValueKind.Metric, Name = m.Name, Value = m.Value })
            .ToList();
}
