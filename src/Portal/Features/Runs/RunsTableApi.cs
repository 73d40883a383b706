using System.Security.Claims;
using Portal.Features.Api;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Runs;

public sealed record RunRowDto(Guid Id, int Number, Guid WorkspaceId, string ModelType, Guid? ModelId, string? ModelName, int? ModelVersion, long Seed,
    RunStatus Status, RunVerdict? Verdict, double Progress, string? AuthorId, string? Author, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, Guid? SweepId,
    IReadOnlyList<string> Tags, string? Note, IReadOnlyDictionary<string, double> Values, string Permalink)
{
    public static RunRowDto From(RunRow r) => new(r.Id, r.Number, r.WorkspaceId, r.ModelType, r.ModelId, r.ModelName, r.ModelVersion, r.Seed, r.Status, r.Verdict, r.Progress,
        r.AuthorId, r.Author, r.CreatedAt, r.FinishedAt, r.SweepId, r.Tags, r.Note, r.Values, $"/runs/{r.Id}");
}

public sealed record RunQueryPageDto(int Total, int Page, int PageSize, IReadOnlyList<RunRowDto> Items);

public sealed record RunTagsRequest(List<string?>? Tags);

public sealed record RunNoteRequest(string? Note);

public sealed record BulkTagRequest(List<Guid>? RunIds, List<string?>? Add, List<string?>? Remove);

public sealed record BulkRunsRequest(List<Guid>? RunIds);

/// <summary>The runs table over HTTP: the filtered, sorted, paged query, its export, tags and notes, and bulk actions.</summary>
public static class RunsTableApi
{
    public static void MapRunsTableApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Runs");

        runs.MapGet("/query", async (HttpRequest request, ClaimsPrincipal user, WorkspaceService workspaces, RunQueryService service, CancellationToken ct) =>
        {
            var (query, refused) = await ParseAsync(request, user, workspaces, 25, ct);
            if (query is null) return refused!;
            var outcome = await service.QueryAsync(Caller.From(user)!, query, ct);
            if (!outcome.Succeeded) return ApiResults.From(outcome);
            return Results.Ok(new RunQueryPageDto(outcome.Value!.Total, query.Page + 1, query.PageSize, outcome.Value.Rows.Select(RunRowDto.From).ToList()));
        }).WithSummary("A page of the runs table: filters workspaceId|modelId[&version]|sweepId, status, modelType, author, createdFrom, createdTo, " +
                       "tag, param (e.g. alpha>=1.5), metric; sort (-created, seed, param.alpha, -metric.NAME, …); page (from 1), pageSize (≤ 200); columns (param.NAME,metric.NAME).");

        runs.MapGet("/export", async (HttpRequest request, ClaimsPrincipal user, WorkspaceService workspaces, RunQueryService service, CancellationToken ct) =>
        {
            var format = request.Query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : "csv";
            if (format is not ("csv" or "json"))
                return ApiResults.From(Outcome<int>.Invalid("format", $"“{(format.Length > 20 ? format[..20] : format)}” is not an export format; use csv or json."));
            var (query, refused) = await ParseAsync(request, user, workspaces, 25, ct);
            if (query is null) return refused!;
            var caller = Caller.From(user)!;
            var prepared = await service.PrepareExportAsync(caller, query, ct);
            if (!prepared.Succeeded) return ApiResults.From(prepared);
            var rows = service.StreamAsync(caller, query, prepared.Value!, ct);
            var name = $"runs-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.{format}";
            return format == "csv"
                ? Results.Stream(s => RunExport.CsvAsync(s, rows, prepared.Value!, ct), "text/csv; charset=utf-8", name)
                : Results.Stream(s => RunExport.JsonAsync(s, rows, ct), "application/json", name);
        }).WithSummary($"The filtered runs table as CSV or JSON (format=csv|json; same filters and sort as /api/runs/query), with every parameter and metric; at most {RunQueryService.MaxExportRows} runs.");

        runs.MapPut("/{id:guid}/tags", async (Guid id, RunTagsRequest request, ClaimsPrincipal user, RunLabelService service, CancellationToken ct) =>
        {
            var outcome = await service.SetTagsAsync(Caller.From(user)!, id, request.Tags, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : ApiResults.From(outcome);
        }).WithSummary($"Replace a run's tags (Editors; at most {RunLabels.MaxTags} tags of {RunLabels.MaxTagLength} characters; stored lower-case).");

        runs.MapPut("/{id:guid}/note", async (Guid id, RunNoteRequest request, ClaimsPrincipal user, RunLabelService service, CancellationToken ct) =>
        {
            var outcome = await service.SetNoteAsync(Caller.From(user)!, id, request.Note, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : ApiResults.From(outcome);
        }).WithSummary($"Set or clear (null or blank) a run's note (Editors; at most {RunLabels.MaxNoteLength} characters).");

        runs.MapPost("/bulk/tags", async (BulkTagRequest request, ClaimsPrincipal user, RunLabelService service, CancellationToken ct) =>
        {
            var outcome = await service.TagManyAsync(Caller.From(user)!, request.RunIds, request.Add, request.Remove, ct);
            return outcome.Succeeded ? Results.Ok(new BulkResult(outcome.Value, request.RunIds!.Distinct().Count() - outcome.Value, null)) : ApiResults.From(outcome);
        }).WithSummary($"Add and remove tags on up to {BulkSelection.MaxRuns} runs (Editors of every run's workspace).");

        runs.MapPost("/bulk/cancel", async (BulkRunsRequest request, ClaimsPrincipal user, RunBulkService service, CancellationToken ct) =>
        {
            var outcome = await service.CancelAsync(Caller.From(user)!, request.RunIds, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : ApiResults.From(outcome);
        }).WithSummary($"Cancel the queued or running ones of up to {BulkSelection.MaxRuns} runs.");

        runs.MapPost("/bulk/delete", async (BulkRunsRequest request, ClaimsPrincipal user, RunBulkService service, CancellationToken ct) =>
        {
            var outcome = await service.DeleteAsync(Caller.From(user)!, request.RunIds, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : ApiResults.From(outcome);
        }).WithSummary($"Delete up to {BulkSelection.MaxRuns} finished runs with their comments and share links (Owners only).");
    }

    /// <summary>The query of a request, the caller's personal workspace standing in when no scope is named; or the 400 naming the bad keys.</summary>
    public static async Task<(RunQuery? Query, IResult? Refused)> ParseAsync(HttpRequest request, ClaimsPrincipal user, WorkspaceService workspaces,
        int defaultPageSize, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var query = RunQueryText.Parse(request.Query, errors, defaultPageSize);
        if (errors.Count > 0) return (null, ApiResults.From(Outcome<int>.Invalid(errors)));
        if (query.WorkspaceId is null && query.ModelId is null && query.SweepId is null)
            query = query with { WorkspaceId = await workspaces.PersonalWorkspaceIdAsync(Caller.From(user)!, ct) };
        return (query, null);
    }
}
