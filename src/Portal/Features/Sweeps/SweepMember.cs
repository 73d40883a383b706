using System.Text.Json;
using Portal.Features.Runs;

namespace Portal.Features.Sweeps;

/// <summary>
/// One cell of a sweep's grid: a point and a seed, with the latest run made for it (a retry makes a newer one) and how
/// many runs were made for it in all.
/// </summary>
public sealed record SweepMember(IReadOnlyList<JsonElement> Point, string PointKey, long Seed, Run? Run, int Runs)
{
    public RunStatus? Status => Run?.Status;

    /// <summary>The member key of a run: its swept values, read from its spec, and its seed.</summary>
    public static (string PointKey, long Seed) KeyOf(SweepGrid grid, string specJson)
    {
        using var spec = JsonDocument.Parse(specJson);
        var parameters = spec.RootElement.GetProperty("parameters");
        var values = grid.Axes.Select(a => parameters.TryGetProperty(a.Parameter, out var v) ? v.Clone() : default);
        return (SweepGrid.PointKey(values), spec.RootElement.GetProperty("seed").GetInt64());
    }
}
