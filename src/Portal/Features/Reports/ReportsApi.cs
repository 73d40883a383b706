using System.Security.Claims;
using Portal.Features.Api;
using Portal.Features.Workspaces;

namespace Portal.Features.Reports;

public sealed record ReportDto(Guid Id, Guid WorkspaceId, string Title, string Source, int Revision, int LatestVersion, DateTimeOffset UpdatedAt, string Permalink)
{
    public static ReportDto From(Report r) => new(r.Id, r.WorkspaceId, r.Title, r.Source, r.Revision, r.LatestVersion, r.UpdatedAt, $"/reports/{r.Id}");
}

public sealed record ReportVersionDto(Guid Id, int Version, string Title, string? Note, DateTimeOffset PublishedAt, string Source, string Permalink, string Html);

public sealed record CreateReportRequest(Guid? WorkspaceId, string? Source);

/// <summary>A save names the revision it started from; a stale one answers 409 with the current draft.</summary>
public sealed record SaveReportRequest(string? Source, int? Revision);

public sealed record PublishRequest(string? Note);

/// <summary>A rendering for the caller: the paper as HTML (figures as SVG), the slides' count and the problems to fix.</summary>
public sealed record RenderDto(string Title, string Html, int Slides, IReadOnlyList<string> Problems);

public sealed record SessionRequest(Guid? WorkspaceId, string? Title, DateOnly? Date, string? Venue, string? Chairs, List<SlotInput>? Slots);

public static class ReportsApi
{
    public static void MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");

        reports.MapGet("/", async (Guid workspaceId, ClaimsPrincipal user, ReportService service, CancellationToken ct) =>
            await service.ListAsync(Caller.From(user)!, workspaceId, ct) is { } list ? Results.Ok(list) : ApiEndpoints.NotFound())
            .WithSummary("Reports of a workspace, newest first.");

        reports.MapPost("/", async (CreateReportRequest request, ClaimsPrincipal user, WorkspaceService workspaces, ReportService service, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            var ws = request.WorkspaceId ?? await workspaces.PersonalWorkspaceIdAsync(caller, ct);
            if (ws is null) return ApiResults.From(Outcome<bool>.Invalid("workspaceId", "workspaceId is required."));
            var outcome = await service.CreateAsync(caller, ws.Value, request.Source, ct);
            return outcome.Succeeded ? Results.Created($"/api/reports/{outcome.Value!.Id}", ReportDto.From(outcome.Value)) : ApiResults.From(outcome);
        }).WithSummary("Create a report (Editors): source in Markdown with front matter; without one, a template that shows the format.");

        reports.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, ReportService service, CancellationToken ct) =>
            await service.GetAsync(Caller.From(user)!, id, ct) is { } r ? Results.Ok(ReportDto.From(r.Report)) : ApiEndpoints.NotFound())
            .WithSummary("The draft: source and revision (send the revision back when saving).");

        reports.MapPut("/{id:guid}", async (Guid id, SaveReportRequest request, ClaimsPrincipal user, ReportService service, CancellationToken ct) =>
        {
            if (request.Revision is not { } revision) return ApiResults.From(Outcome<bool>.Invalid("revision", "revision (of the draft the change starts from) is required."));
            var outcome = await service.SaveAsync(Caller.From(user)!, id, request.Source, revision, ct);
            if (!outcome.Succeeded) return ApiResults.From(outcome);
            if (outcome.Value!.Conflict is { } c)
                return Results.Problem($"{(c.UpdatedBy.Length > 0 ? c.UpdatedBy : "Someone")} saved revision {c.Revision} at {c.UpdatedAt:yyyy-MM-dd HH:mm:ss} UTC after the one you started from; nothing was overwritten. Merge, then save with revision {c.Revision}.",
                    statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["revision"] = c.Revision, ["source"] = c.Source });
            return Results.Ok(ReportDto.From(outcome.Value.Saved!));
        }).WithSummary("Save the draft (Editors); 409 with the current draft if someone saved since the given revision.");

        reports.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, ReportService service, CancellationToken ct) =>
        {
            var outcome = await service.DeleteAsync(Caller.From(user)!, id, ct);
            return outcome.Succeeded ? Results.NoContent() : ApiResults.From(outcome);
        }).WithSummary("Delete a report: Editors if it was never published, Owners always.");

        reports.MapGet("/{id:guid}/render", async (Guid id, ClaimsPrincipal user, ReportService service, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            if (await service.GetAsync(caller, id, ct) is not { } found) return ApiEndpoints.NotFound();
            var r = await service.RenderDraftAsync(caller, found.Report.Source, ct);
            return Results.Ok(new RenderDto(r.Front.Title, ReportDocument.Article(r), r.Slides.Count, r.Problems));
        }).WithSummary("The draft rendered for the caller (embeds of runs the caller may not see render as an inline error).");

        reports.MapPost("/{id:guid}/publish", async (Guid id, PublishRequest? request, ClaimsPrincipal user, ReportService service, CancellationToken ct) =>
        {
            var outcome = await service.PublishAsync(Caller.From(user)!, id, request?.Note, ct);
            return outcome.Succeeded ? Results.Created($"/api/reports/{id}/versions/{outcome.Value!.Version}", VersionDto(outcome.Value)) : ApiResults.From(outcome);
        }).WithSummary("Publish the draft as the next immutable version, with the embedded runs' values frozen (Editors).");

        reports.MapGet("/{id:guid}/versions", async (Guid id, ClaimsPrincipal user, ReportService service, CancellationToken ct) =>
            await service.VersionsAsync(Caller.From(user)!, id, ct) is { } list ? Results.Ok(list) : ApiEndpoints.NotFound())
            .WithSummary("Published versions, newest first, with who published them and when.");

        reports.MapGet("/{id:guid}/versions/{n:int}", async (Guid id, int n, ClaimsPrincipal user, ReportService service, CancellationToken ct) =>
            await service.VersionAsync(Caller.From(user)!, id, n, ct) is { } v ? Results.Ok(VersionDto(v.Version)) : ApiEndpoints.NotFound())
            .WithSummary("One version: its source and the paper as published (HTML, figures as SVG).");

        reports.MapGet("/{id:guid}/versions/{n:int}/export.html", async (Guid id, int n, ClaimsPrincipal user, ReportService service, ReportAssets assets, CancellationToken ct) =>
            await service.VersionAsync(Caller.From(user)!, id, n, ct) is { } v
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(ReportDocument.Standalone(v.Version.Title, v.Version.Html, assets)), "text/html; charset=utf-8", ReportExport.FileName(v.Version, "html"))
                : ApiEndpoints.NotFound())
            .WithSummary("A version as one self-contained HTML file (styles, KaTeX and its fonts inline, figures as SVG).");

        reports.MapGet("/{id:guid}/versions/{n:int}/export.zip", async (Guid id, int n, ClaimsPrincipal user, ReportService service, ReportAssets assets, CancellationToken ct) =>
            await service.VersionAsync(Caller.From(user)!, id, n, ct) is { } v
                ? Results.File(await ReportExport.ZipAsync(v.Version, assets, ct), "application/zip", ReportExport.FileName(v.Version, "zip"))
                : ApiEndpoints.NotFound())
            .WithSummary("A version as Markdown with its figures (SVG and JSON data), the original source and the HTML paper, zipped.");

        var sessions = api.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapGet("/", async (Guid workspaceId, ClaimsPrincipal user, SessionService service, CancellationToken ct) =>
            await service.ListAsync(Caller.From(user)!, workspaceId, ct) is { } list ? Results.Ok(list) : ApiEndpoints.NotFound())
            .WithSummary("Sessions (programmes of talks) of a workspace.");
        sessions.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, SessionService service, CancellationToken ct) =>
            await service.GetAsync(Caller.From(user)!, id, ct) is { } s ? Results.Ok(SessionDto(s)) : ApiEndpoints.NotFound())
            .WithSummary("A session with its slots in order.");
        sessions.MapPost("/", async (SessionRequest request, ClaimsPrincipal user, SessionService service, CancellationToken ct) =>
        {
            if (request.WorkspaceId is not { } ws) return ApiResults.From(Outcome<bool>.Invalid("workspaceId", "workspaceId is required."));
            var outcome = await service.CreateAsync(Caller.From(user)!, ws, Input(request), ct);
            return outcome.Succeeded ? Results.Created($"/api/sessions/{outcome.Value!.Id}", new { outcome.Value.Id, Permalink = $"/sessions/{outcome.Value.Id}" }) : ApiResults.From(outcome);
        }).WithSummary("Create a session: title, date, venue, chairs and slots (start HH:mm, durationMinutes, speaker, reportId or title, abstract).");
        sessions.MapPut("/{id:guid}", async (Guid id, SessionRequest request, ClaimsPrincipal user, SessionService service, CancellationToken ct) =>
        {
            var outcome = await service.UpdateAsync(Caller.From(user)!, id, Input(request), ct);
            return outcome.Succeeded ? Results.Ok(new { outcome.Value!.Id, Permalink = $"/sessions/{id}" }) : ApiResults.From(outcome);
        }).WithSummary("Replace a session's fields and slots (Editors).");
        sessions.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, SessionService service, CancellationToken ct) =>
        {
            var outcome = await service.DeleteAsync(Caller.From(user)!, id, ct);
            return outcome.Succeeded ? Results.NoContent() : ApiResults.From(outcome);
        }).WithSummary("Delete a session (Editors); its reports stay.");
    }

    private static ReportVersionDto VersionDto(ReportVersion v) =>
        new(v.Id, v.Version, v.Title, v.Note, v.PublishedAt, v.Source, $"/reports/{v.ReportId}/v/{v.Version}", v.Html);

    private static SessionInput Input(SessionRequest r) => new(r.Title, r.Date, r.Venue, r.Chairs, r.Slots);

    private static object SessionDto(SessionView s) => new
    {
        s.Session.Id, s.Session.WorkspaceId, s.Session.Title, s.Session.Date, s.Session.Venue, s.Session.Chairs, Permalink = $"/sessions/{s.Session.Id}",
        Slots = s.Slots.Select(x => new { Start = x.Slot.Start?.ToString("HH:mm"), x.Slot.DurationMinutes, x.Slot.Speaker, x.Slot.ReportId, x.Title, x.Slot.Abstract, x.LatestVersion }),
    };
}
