using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Portal.Features.Accounts;
using Portal.Features.Api;
using Portal.Features.Runs;
using Portal.Features.Workspaces;

namespace Portal.Features.Sweeps;

public sealed record SweepDto(Guid Id, Guid WorkspaceId, Guid ModelId, string Name, string ModelType, SweepGrid Grid, int Members,
    IReadOnlyDictionary<RunStatus, int> Statuses, double Progress, DateTimeOffset CreatedAt, string Permalink)
{
    public static SweepDto From(SweepState s) => new(s.Sweep.Id, s.Sweep.WorkspaceId, s.Sweep.ModelId, s.Sweep.Name, s.Sweep.ModelType, s.Grid,
        s.Members.Count, s.Members.Where(m => m.Status is not null).GroupBy(m => m.Status!.Value).ToDictionary(g => g.Key, g => g.Count()),
        s.Progress, s.Sweep.CreatedAt, $"/sweeps/{s.Sweep.Id}");
}

public sealed record SweepMemberDto(IReadOnlyDictionary<string, JsonElement> Point, long Seed, Guid? RunId, RunStatus? Status, double Progress,
    int Runs, string? Error, string? Permalink);

public sealed record AggregatePointDto(IReadOnlyDictionary<string, JsonElement> Point, int N, int Missing, double? Mean, double? StandardError,
    IReadOnlyDictionary<string, double> Seeds);

public sealed record SweepAggregateDto(string Metric, string Label, string? Unit, IReadOnlyList<string> Metrics, IReadOnlyList<AggregatePointDto> Points);

/// <summary>The sweeps API: create, status, members, aggregate (JSON or CSV), cancel, retry, extend.</summary>
public static class SweepsApi
{
    public static void MapSweepsApi(this RouteGroupBuilder api)
    {
        var sweeps = api.MapGroup("/sweeps").WithTags("Sweeps");
        sweeps.MapPost("/", async (SweepRequest request, ClaimsPrincipal user, SweepService service, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            if (request.ModelId is not { } modelId) return ApiResults.From(Outcome<Sweep>.Invalid("modelId", "modelId is required: a sweep runs a saved model."));
            var outcome = await service.CreateAsync(caller, modelId, request, ct);
            if (!outcome.Succeeded) return ApiResults.From(outcome);
            return Results.Created($"/api/sweeps/{outcome.Value!.Id}", SweepDto.From((await service.StateAsync(caller, outcome.Value.Id, ct))!));
        }).RequireRateLimiting(RateLimits.Runs)
          .WithSummary("Start a sweep of a saved model: axes (1 or 2: parameter + values, or from/to/count/scale), seedCount or seeds, overrides.");

        sweeps.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, SweepService service, CancellationToken ct) =>
            await service.StateAsync(Caller.From(user)!, id, ct) is { } s ? Results.Ok(SweepDto.From(s)) : ApiEndpoints.NotFound())
            .WithSummary("A sweep's grid, member counts by status and progress.");

        sweeps.MapGet("/{id:guid}/members", async (Guid id, ClaimsPrincipal user, SweepService service, CancellationToken ct) =>
        {
            var s = await service.StateAsync(Caller.From(user)!, id, ct);
            if (s is null) return ApiEndpoints.NotFound();
            return Results.Ok(s.Members.Select(m => new SweepMemberDto(Named(s.Grid, m.Point), m.Seed, m.Run?.Id, m.Status, m.Run?.Progress ?? 0,
                m.Runs, m.Run?.Error, m.Run is null ? null : $"/runs/{m.Run.Id}")).ToList());
        }).WithSummary("Every member (point × seed) with its latest run.");

        sweeps.MapGet("/{id:guid}/aggregate", (Guid id, string? metric, ClaimsPrincipal user, SweepService service, CancellationToken ct) =>
            Aggregate(id, metric, user, service, ct, (s, a, metrics) => Results.Ok(new SweepAggregateDto(a.Metric, a.Label, a.Unit, metrics,
                a.Points.Select(p => new AggregatePointDto(Named(s.Grid, p.Point), p.Count, p.Missing, double.IsFinite(p.Mean) ? p.Mean : null, p.StandardError,
                    p.Values.ToDictionary(v => v.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), v => v.Value))).ToList()))))
            .WithSummary("A metric (default: the first) per point: mean over seeds, standard error, n and missing members.");

        sweeps.MapGet("/{id:guid}/aggregate.csv", (Guid id, string? metric, ClaimsPrincipal user, SweepService service, CancellationToken ct) =>
            Aggregate(id, metric, user, service, ct, (s, a, _) =>
                Results.File(Encoding.UTF8.GetBytes(a.ToCsv(s.Grid)), "text/csv", $"sweep-{s.Sweep.Id.ToString()[..8]}-{a.Metric}.csv")))
            .WithSummary("The same aggregate as CSV.");

        sweeps.MapPost("/{id:guid}/cancel", async (Guid id, ClaimsPrincipal user, SweepService service, CancellationToken ct) =>
            Counted(await service.CancelAsync(Caller.From(user)!, id, ct), "cancelled"))
            .WithSummary("Cancel every queued member and stop every running one.");

        sweeps.MapPost("/{id:guid}/retry", async (Guid id, ClaimsPrincipal user, SweepService service, CancellationToken ct) =>
            Counted(await service.RetryAsync(Caller.From(user)!, id, ct), "queued"))
            .RequireRateLimiting(RateLimits.Runs).WithSummary("Run again every member that failed, was interrupted or was cancelled.");

        sweeps.MapPost("/{id:guid}/extend", async (Guid id, SweepExtension extension, ClaimsPrincipal user, SweepService service, CancellationToken ct) =>
            Counted(await service.ExtendAsync(Caller.From(user)!, id, extension, ct), "queued"))
            .RequireRateLimiting(RateLimits.Runs).WithSummary("Add values of the swept parameters (axes) and/or seeds (seedCount or seeds); queues the new members.");
    }

    private static IResult Counted(Outcome<int> outcome, string verb) =>
        outcome.Succeeded ? Results.Ok(new Dictionary<string, int> { [verb] = outcome.Value }) : ApiResults.From(outcome);

    private static Dictionary<string, JsonElement> Named(SweepGrid grid, IReadOnlyList<JsonElement> point) =>
        grid.Axes.Select((a, i) => (a.Parameter, point[i])).ToDictionary(x => x.Parameter, x => x.Item2);

    private static async Task<IResult> Aggregate(Guid id, string? metric, ClaimsPrincipal user, SweepService service, CancellationToken ct,
        Func<SweepState, SweepAggregate, IReadOnlyList<string>, IResult> answer)
    {
        var loaded = await service.ResultsAsync(Caller.From(user)!, id, ct);
        if (loaded is not { } l) return ApiEndpoints.NotFound();
        var metrics = SweepAggregate.MetricsOf(l.Results.Values).Select(m => m.Name).ToList();
        if (metrics.Count == 0)
            return Results.Problem("No member has succeeded yet: there is nothing to aggregate.", statusCode: StatusCodes.Status409Conflict);
        var name = string.IsNullOrWhiteSpace(metric) ? metrics[0] : metric;
        if (!metrics.Contains(name))
            return ApiResults.From(Outcome<int>.Invalid("metric", $"No result has a metric “{name}”; they have {string.Join(", ", metrics)}."));
        return answer(l.State, SweepAggregate.Compute(l.State.Grid, l.State.Members, l.Results, name), metrics);
    }
}
