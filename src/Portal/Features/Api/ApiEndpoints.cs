using System.Security.Claims;
using Compute;
using Portal.Features.Accounts;
using Portal.Features.Datasets;
using Portal.Features.Models;
using Portal.Features.Runs;
using Portal.Features.Workspaces;

namespace Portal.Features.Api;

/// <summary>
/// The REST API: everything a user can do in the UI, scriptable. Someone else's resources answer 404,
/// invalid input 400 naming the field and the limit. OpenAPI at /openapi/v1.json, browsable at /api/docs.
/// </summary>
public static class ApiEndpoints
{
    public static void MapPortalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AccountsFeature.ApiPolicy).AddEndpointFilter(ReadOnlyTokenFilter);

        api.MapGet("/model-types", () => ModelRegistry.All.Select(t =>
                new ModelTypeDto(t.Info.Id, t.Info.Family, t.Info.Title, t.Info.Description, t.Info.Schema.Parameters, t.Example)))
            .WithTags("Model types").WithSummary("Every model type with its parameter schema (kind, default, min, max, unit, help, choices).");

        api.MapWorkspacesApi();
        api.MapSharingApi();
        api.MapCommentsApi();
        api.MapTokensApi();
        Reports.ReportsApi.MapReportsApi(api);
        Reports.RunExportsApi.MapRunExportsApi(api);
        Sweeps.SweepsApi.MapSweepsApi(api);
        api.MapRunsTableApi();
        Compare.CompareApi.MapCompareApi(api);
        app.MapSharedObjectApi();

        var models = api.MapGroup("/models").WithTags("Models");
        models.MapGet("/", async (Guid? workspaceId, ClaimsPrincipal user, WorkspaceService workspaces, ModelService service, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            var ws = workspaceId ?? await workspaces.PersonalWorkspaceIdAsync(caller, ct);
            if (ws is null) return Results.Ok(Array.Empty<ModelDto>());
            if (!(await workspaces.AccessAsync(caller, ws.Value, ct)).CanRead) return NotFound();
            return Results.Ok((await service.ListAsync(caller, ws.Value, ct)).Select(ModelDto.From).ToList());
        }).WithSummary("Models of a workspace (default: the caller's personal workspace).");

        models.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, ModelService service, CancellationToken ct) =>
            await service.GetAsync(Caller.From(user)!, id, ct) is { } m ? Results.Ok(ModelDto.From(m)) : NotFound());

        models.MapPost("/", async (CreateModelRequest request, ClaimsPrincipal user, WorkspaceService workspaces, ModelService service, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            var ws = request.WorkspaceId ?? await workspaces.PersonalWorkspaceIdAsync(caller, ct);
            if (ws is null) return ApiResults.From(Outcome<Model>.Invalid("workspaceId", "workspaceId is required."));
            var outcome = await service.CreateAsync(caller, ws.Value, new ModelInput(request.Name ?? "", request.Description ?? "", request.ModelType ?? "", request.Parameters, request.DatasetId), ct);
            return outcome.Succeeded ? Results.Created($"/api/models/{outcome.Value!.Id}", ModelDto.From(outcome.Value)) : ApiResults.From(outcome);
        }).WithSummary("Create a model: name, model type and parameters (missing parameters take their defaults).");

        models.MapGet("/{id:guid}/versions/{version:int}", async (Guid id, int version, ClaimsPrincipal user, ModelService service, CancellationToken ct) =>
            await service.GetVersionAsync(Caller.From(user)!, id, version, ct) is { } v
                ? Results.Ok(new ModelVersionDto(v.Version, System.Text.Json.JsonDocument.Parse(v.ParametersJson).RootElement.Clone(), v.DatasetId, v.CreatedAt))
                : NotFound())
            .WithSummary("One version of a model (the permalink /models/{id}/v/{version}).");

        models.MapPut("/{id:guid}", async (Guid id, UpdateModelRequest request, ClaimsPrincipal user, ModelService service, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            var existing = await service.GetAsync(caller, id, ct);
            if (existing is null) return NotFound();
            var outcome = await service.UpdateAsync(caller, id, new ModelInput(request.Name ?? existing.Name, request.Description ?? existing.Description, existing.ModelType, request.Parameters, request.DatasetId ?? existing.Versions.First().DatasetId), ct);
            return outcome.Succeeded ? Results.Ok(ModelDto.From(outcome.Value!)) : ApiResults.From(outcome);
        }).WithSummary("Edit a model; changed parameters create a new version.");

        var runs = api.MapGroup("/runs").WithTags("Runs");
        runs.MapPost("/", async (StartRunRequest request, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            var outcome = request.ModelId is { } modelId
                ? await service.StartAsync(caller, modelId, request.Seed, request.Version, ct)
                : await service.StartInlineAsync(caller, request.WorkspaceId, request.ModelType, request.Parameters, request.Seed, ct, request.DatasetId);
            if (!outcome.Succeeded) return ApiResults.From(outcome);
            var run = await service.GetAsync(caller, outcome.Value!.Id, ct);
            return Results.Accepted($"/api/runs/{run!.Id}", RunDto.From(run));
        }).RequireRateLimiting(RateLimits.Runs).WithSummary("Start a run of a saved model (modelId, optional version) or inline (modelType + parameters); seed optional.");

        runs.MapGet("/", async (HttpRequest request, ClaimsPrincipal user, WorkspaceService workspaces, RunQueryService service, HttpResponse response, CancellationToken ct) =>
        {
            var (query, refused) = await RunsTableApi.ParseAsync(request, user, workspaces, 100, ct);
            if (query is null) return refused!;
            if (query.WorkspaceId is null && query.ModelId is null && query.SweepId is null) return Results.Ok(Array.Empty<RunDto>());
            var outcome = await service.QueryRunsAsync(Caller.From(user)!, query, ct);
            if (!outcome.Succeeded) return ApiResults.From(outcome);
            response.Headers["X-Total-Count"] = outcome.Value.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Ok(outcome.Value.Runs.Select(r => RunDto.From(r)).ToList());
        }).WithSummary("Runs of a workspace (default: the caller's personal workspace), newest first, as an array (the total in X-Total-Count); " +
                       "takes the filters, sort and paging of /api/runs/query (pageSize defaults to 100).");

        runs.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, RunService service, RerunService reruns, CancellationToken ct) =>
            await service.GetAsync(Caller.From(user)!, id, ct) is { } r ? Results.Ok(RunDto.From(r, await reruns.ReproductionAsync(r, ct))) : NotFound())
            .WithSummary("A run's status, progress, timings, error, result hash and, for a re-run, how its result compares with the original's.");

        runs.MapPost("/{id:guid}/rerun", async (Guid id, ClaimsPrincipal user, RunService service, RerunService reruns, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            var outcome = await reruns.RerunAsync(caller, id, ct);
            if (!outcome.Succeeded) return ApiResults.From(outcome);
            var run = await service.GetAsync(caller, outcome.Value!.Id, ct);
            return Results.Accepted($"/api/runs/{run!.Id}", RunDto.From(run, await reruns.ReproductionAsync(run, ct)));
        }).RequireRateLimiting(RateLimits.Runs).WithSummary("Run a finished run again (same model version, seed, parameters and data set) as a new run linked to it.");

        runs.MapGet("/{id:guid}/result", async (Guid id, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
        {
            var run = await service.GetAsync(Caller.From(user)!, id, ct);
            if (run is null) return NotFound();
            return run.Status == RunStatus.Succeeded && run.ResultJson is not null
                ? Results.Text(run.ResultJson, "application/json")
                : Results.Problem($"The run is {run.Status}; a result document exists only for succeeded runs.", statusCode: StatusCodes.Status409Conflict);
        }).WithSummary("The result document: metrics with errors, series, figures and checks.");

        runs.MapPost("/{id:guid}/cancel", async (Guid id, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
        {
            var outcome = await service.CancelAsync(Caller.From(user)!, id, ct);
            return outcome.Succeeded ? Results.Ok(RunDto.From(outcome.Value!)) : ApiResults.From(outcome);
        }).WithSummary("Cancel a queued or running run; a running computation stops within a second.");

        var datasets = api.MapGroup("/datasets").WithTags("Data sets");
        datasets.MapGet("/", async (Guid? workspaceId, ClaimsPrincipal user, WorkspaceService workspaces, DatasetService service, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            var ws = workspaceId ?? await workspaces.PersonalWorkspaceIdAsync(caller, ct);
            if (ws is null) return Results.Ok(Array.Empty<DatasetSummary>());
            if (!(await workspaces.AccessAsync(caller, ws.Value, ct)).CanRead) return NotFound();
            return Results.Ok(await service.ListAsync(caller, ws.Value, ct));
        }).WithSummary("Uploaded data sets of a workspace (default: the caller's personal workspace).");

        datasets.MapPost("/", async (IFormFile file, [Microsoft.AspNetCore.Mvc.FromForm] string? name, [Microsoft.AspNetCore.Mvc.FromForm] Guid? workspaceId,
            ClaimsPrincipal user, WorkspaceService workspaces, DatasetService service, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            var ws = workspaceId ?? await workspaces.PersonalWorkspaceIdAsync(caller, ct);
            if (ws is null) return ApiResults.From(Outcome<DatasetSummary>.Invalid("workspaceId", "workspaceId is required."));
            await using var stream = file.OpenReadStream();
            var outcome = await service.UploadAsync(caller, ws.Value, string.IsNullOrWhiteSpace(name) ? file.FileName : name, stream, ct);
            return outcome.Succeeded ? Results.Created($"/api/datasets/{outcome.Value!.Id}", outcome.Value) : ApiResults.From(outcome);
        }).DisableAntiforgery()
          .WithSummary("Upload a binary data set (multipart field 'file': CSV or whitespace-separated rows of 0/1 or ±1; optional 'name', 'workspaceId').");

        api.MapGet("/admin/runs", async (RunStatus? status, string? search, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            if (!caller.IsAdmin) return Results.Problem("Admins only.", statusCode: StatusCodes.Status403Forbidden);
            return Results.Ok((await service.ListAllAsync(caller, new RunFilter(status, search), ct)).Select(r => RunDto.From(r.Run)));
        }).WithTags("Admin").WithSummary("Every run of every workspace (admins only).");
    }

    internal static IResult NotFound() => Results.Problem("Not found.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A read-only personal access token may read but never change anything: refused before any handler runs.</summary>
    private static async ValueTask<object?> ReadOnlyTokenFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Caller.From(http.User) is { ReadOnlyToken: true } && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            return Results.Problem("This access token is read-only: create a read-write token to change anything.", statusCode: StatusCodes.Status403Forbidden);
        return await next(context);
    }
}
