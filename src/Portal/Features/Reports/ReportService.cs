using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Reports;

public sealed record ReportSummary(Guid Id, Guid WorkspaceId, string Title, int LatestVersion, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record VersionSummary(Guid Id, int Version, string Title, string? Note, DateTimeOffset PublishedAt, string PublishedBy);

/// <summary>The draft someone else saved first: shown with a diff, never overwritten silently.</summary>
public sealed record DraftConflict(int Revision, string Source, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>A save: the saved report, or the conflict that stopped it.</summary>
public sealed record DraftSave(Report? Saved, DraftConflict? Conflict);

/// <summary>
/// Reports of a workspace: create, read, save the draft (optimistic concurrency on <see cref="Report.Revision"/>),
/// publish immutable versions with frozen embeds, delete. Read to view, Edit to write and publish; every call asks
/// the workspace's permission policy.
/// </summary>
public sealed class ReportService(IDbContextFactory<PortalDb> dbFactory)
{
    /// <summary>Edits are logged at most this often per author and report (the editor saves every few seconds).</summary>
    public static readonly TimeSpan EditLogInterval = TimeSpan.FromHours(1);

    public async Task<List<ReportSummary>?> ListAsync(Caller caller, Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!(await WorkspaceService.AccessAsync(db, caller, workspaceId, ct)).CanRead) return null;
        return await db.Reports.AsNoTracking().Where(r => r.WorkspaceId == workspaceId)
            .OrderByDescending(r => r.UpdatedAt).Take(500)
            .GroupJoin(db.Users, r => r.UpdatedById, u => u.Id, (r, us) => new { r, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new ReportSummary(x.r.Id, x.r.WorkspaceId, x.r.Title, x.r.LatestVersion, x.r.UpdatedAt, u == null ? "" : u.DisplayName))
            .ToListAsync(ct);
    }

    /// <summary>The report and the caller's access, or null when it does not exist or the caller may not read it.</summary>
    public async Task<(Report Report, WorkspaceAccess Access)?> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null) return null;
        var access = await WorkspaceService.AccessAsync(db, caller, report.WorkspaceId, ct);
        return access.CanRead ? (report, access) : null;
    }

    public async Task<Outcome<Report>> CreateAsync(Caller caller, Guid workspaceId, string? source, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await WorkspaceService.AccessAsync(db, caller, workspaceId, ct);
        if (!access.Can(Permission.Edit)) return Outcome<Report>.Refused(access, Permission.Edit);
        source ??= ReportTemplate.New;
        if (Validate(source) is { } errors) return Outcome<Report>.Invalid(errors);
        var now = DateTimeOffset.UtcNow;
        var report = new Report
        {
            Id = Guid.CreateVersion7(), WorkspaceId = workspaceId, Title = TitleOf(source), Source = source, Revision = 1,
            CreatedById = caller.UserId, CreatedAt = now, UpdatedById = caller.UserId, UpdatedAt = now,
        };
        db.Reports.Add(report);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.ReportCreated, $"created the report “{report.Title}”", ws, "report", report.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Report>.Ok(report);
    }

    /// <summary>
    /// Saves the draft if nobody saved since <paramref name="revision"/>; otherwise answers the conflict (their
    /// text, who and when) and changes nothing. Pass the revision of their text to keep yours over it deliberately.
    /// </summary>
    public async Task<Outcome<DraftSave>> SaveAsync(Caller caller, Guid id, string? source, int revision, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null) return Outcome<DraftSave>.Missing();
        var access = await WorkspaceService.AccessAsync(db, caller, report.WorkspaceId, ct);
        if (!access.Can(Permission.Edit)) return Outcome<DraftSave>.Refused(access, Permission.Edit);
        if (source is null) return Outcome<DraftSave>.Invalid("source", "source is required.");
        if (Validate(source) is { } errors) return Outcome<DraftSave>.Invalid(errors);
        if (report.Revision != revision) return Outcome<DraftSave>.Ok(new DraftSave(null, await ConflictAsync(db, report, ct)));
        if (report.Source == source) return Outcome<DraftSave>.Ok(new DraftSave(report, null));

        var now = DateTimeOffset.UtcNow;
        var logIt = report.UpdatedById != caller.UserId || now - report.UpdatedAt >= EditLogInterval
            || !await db.Activity.AnyAsync(a => a.TargetId == report.Id.ToString() && a.ActorId == caller.UserId && a.Action == ActivityAction.ReportEdited, ct);
        report.Source = source;
        report.Title = TitleOf(source);
        report.Revision++;
        report.UpdatedById = caller.UserId;
        report.UpdatedAt = now;
        if (logIt)
        {
            var ws = await db.Workspaces.FirstAsync(w => w.Id == report.WorkspaceId, ct);
            await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.ReportEdited, $"edited the report “{report.Title}”", ws, "report", report.Id.ToString(), ct: ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write.
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var current = await fresh.Reports.AsNoTracking().FirstAsync(r => r.Id == id, ct);
            return Outcome<DraftSave>.Ok(new DraftSave(null, await ConflictAsync(fresh, current, ct)));
        }
        return Outcome<DraftSave>.Ok(new DraftSave(report, null));
    }

    /// <summary>
    /// Publishes the draft as version n: the source, the frozen parts of every run it embeds that the publisher may
    /// read, and the paper rendered from them. The draft stays as it is.
    /// </summary>
    public async Task<Outcome<ReportVersion>> PublishAsync(Caller caller, Guid id, string? note, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null) return Outcome<ReportVersion>.Missing();
        var access = await WorkspaceService.AccessAsync(db, caller, report.WorkspaceId, ct);
        if (!access.Can(Permission.Edit)) return Outcome<ReportVersion>.Refused(access, Permission.Edit);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > ReportVersion.MaxNoteLength }) return Outcome<ReportVersion>.Invalid("note", $"note must be at most {ReportVersion.MaxNoteLength} characters.");
        if (TextRules.Problem("note", note, multiline: true) is { } badNote) return Outcome<ReportVersion>.Invalid("note", badNote);

        var live = await ReportRenderer.RenderAsync(report.Source, new LiveRunSource(dbFactory, caller), ct);
        var frozen = live.Freeze();
        var rendered = await ReportRenderer.RenderAsync(report.Source, new FrozenRunSource(frozen), ct);
        var version = new ReportVersion
        {
            Id = Guid.CreateVersion7(), ReportId = report.Id, Version = report.LatestVersion + 1, Title = rendered.Front.Title, Source = report.Source,
            FrozenJson = frozen.ToJson(), Html = ReportDocument.Article(rendered), Note = note, PublishedById = caller.UserId, PublishedAt = DateTimeOffset.UtcNow,
        };
        report.LatestVersion = version.Version;
        db.ReportVersions.Add(version);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == report.WorkspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.ReportPublished, $"published version {version.Version} of the report “{version.Title}”", ws, "report", report.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<ReportVersion>.Ok(version);
    }

    public async Task<List<VersionSummary>?> VersionsAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        if (await GetAsync(caller, id, ct) is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ReportVersions.AsNoTracking().Where(v => v.ReportId == id)
            .GroupJoin(db.Users, v => v.PublishedById, u => u.Id, (v, us) => new { v, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new VersionSummary(x.v.Id, x.v.Version, x.v.Title, x.v.Note, x.v.PublishedAt, u == null ? "" : u.DisplayName))
            .ToListAsync(ct);
        return rows.OrderByDescending(v => v.Version).ToList();
    }

    /// <summary>Version <paramref name="n"/> of the report, for whoever may read the report.</summary>
    public async Task<(Report Report, ReportVersion Version, WorkspaceAccess Access)?> VersionAsync(Caller caller, Guid id, int n, CancellationToken ct = default)
    {
        if (await GetAsync(caller, id, ct) is not { } found) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.ReportVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ReportId == id && v.Version == n, ct);
        return version is null ? null : (found.Report, version, found.Access);
    }

    /// <summary>Deletes a report: Editors may delete one that was never published, Owners any (its versions and share links go with it).</summary>
    public async Task<Outcome<bool>> DeleteAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null) return Outcome<bool>.Missing();
        var access = await WorkspaceService.AccessAsync(db, caller, report.WorkspaceId, ct);
        if (!access.Can(Permission.Edit)) return Outcome<bool>.Refused(access, Permission.Edit);
        if (report.LatestVersion > 0 && !access.Can(Permission.Delete))
            return Outcome<bool>.Denied("A published report can be deleted only by the workspace's Owners: its versions may be cited.");
        var versionIds = await db.ReportVersions.Where(v => v.ReportId == id).Select(v => v.Id).ToListAsync(ct);
        await db.ShareLinks.Where(l => l.Target == Sharing.ShareTarget.ReportVersion && versionIds.Contains(l.TargetId)).ExecuteDeleteAsync(ct);
        db.Reports.Remove(report);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == report.WorkspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.ReportDeleted, $"deleted the report “{report.Title}”", ws, "report", report.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>The draft rendered for a reader: each embedded run as it is now, if the reader may see it.</summary>
    public Task<RenderedReport> RenderDraftAsync(Caller reader, string source, CancellationToken ct = default) =>
        ReportRenderer.RenderAsync(source, new LiveRunSource(dbFactory, reader), ct);

    /// <summary>A published version as it was: its frozen embeds, whoever reads it.</summary>
    public static Task<RenderedReport> RenderVersionAsync(ReportVersion version, CancellationToken ct = default) =>
        ReportRenderer.RenderAsync(version.Source, new FrozenRunSource(FrozenEmbeds.FromJson(version.FrozenJson)), ct);

    /// <summary>What the API refuses to store: sources beyond the size and embed limits (400 naming the field and the limit).</summary>
    public static IReadOnlyList<FieldError>? Validate(string source)
    {
        if (source.Length > Report.MaxSourceLength)
            return [new FieldError("source", $"source must be at most {Report.MaxSourceLength} characters (it has {source.Length}).")];
        if (TextRules.Problem("source", source, multiline: true) is { } badSource) return [new FieldError("source", badSource)];
        var embeds = ReportRenderer.CountEmbeds(source);
        if (embeds > ReportRenderer.MaxEmbeds)
            return [new FieldError("source", $"source may hold at most {ReportRenderer.MaxEmbeds} embeds ({{{{figure …}}}}, {{{{metric …}}}} …); it has {embeds}.")];
        return null;
    }

    private static string TitleOf(string source) => FrontMatter.Split(source, []).Front.Title;

    private static async Task<DraftConflict> ConflictAsync(PortalDb db, Report current, CancellationToken ct)
    {
        var by = current.UpdatedById is null ? "" : await db.Users.Where(u => u.Id == current.UpdatedById).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        return new DraftConflict(current.Revision, current.Source, by, current.UpdatedAt);
    }
}
