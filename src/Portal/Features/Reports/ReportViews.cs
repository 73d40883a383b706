using Portal.Features.Workspaces;

namespace Portal.Features.Reports;

/// <summary>A report as a page shows it: the row, the version (null for the draft), the reader's access and the rendering for that reader.</summary>
public sealed record ReportView(Report Report, ReportVersion? Version, WorkspaceAccess Access, RenderedReport Rendered)
{
    /// <summary>Where this view lives: the draft's or the version's paper.</summary>
    public string PaperHref => Version is null ? $"/reports/{Report.Id}" : $"/reports/{Report.Id}/v/{Version.Version}";

    public string TalkHref => PaperHref + "/talk";

    public string PresenterHref => Version is null ? $"/reports/{Report.Id}/presenter" : $"/reports/{Report.Id}/v/{Version.Version}/presenter";
}

/// <summary>Loads and renders reports for pages: null when the report (or version) does not exist or the caller may not read it.</summary>
public sealed class ReportViews(ReportService reports)
{
    public async Task<ReportView?> DraftAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        if (await reports.GetAsync(caller, id, ct) is not { } found) return null;
        return new ReportView(found.Report, null, found.Access, await reports.RenderDraftAsync(caller, found.Report.Source, ct));
    }

    public async Task<ReportView?> VersionAsync(Caller caller, Guid id, int n, CancellationToken ct = default)
    {
        if (await reports.VersionAsync(caller, id, n, ct) is not { } found) return null;
        return new ReportView(found.Report, found.Version, found.Access, await ReportService.RenderVersionAsync(found.Version, ct));
    }
}
