using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Reports;

/// <summary>One slot as entered (API or form): start "HH:mm", duration in minutes, a report of the workspace or an external title.</summary>
public sealed record SlotInput(string? Start, int? DurationMinutes, string? Speaker, Guid? ReportId, string? Title, string? Abstract);

public sealed record SessionInput(string? Title, DateOnly? Date, string? Venue, string? Chairs, IReadOnlyList<SlotInput>? Slots);

/// <summary>A slot as the programme shows it: the report's title (and its latest version) when it names a report.</summary>
public sealed record SlotView(SessionSlot Slot, string Title, int? LatestVersion);

public sealed record SessionView(Session Session, IReadOnlyList<SlotView> Slots, WorkspaceAccess Access);

public sealed record SessionSummary(Guid Id, string Title, DateOnly? Date, string Venue, int Talks);

/// <summary>Sessions (programmes of talks) of a workspace: Read to view, Edit to create, change and delete.</summary>
public sealed class SessionService(IDbContextFactory<PortalDb> dbFactory)
{
    public async Task<List<SessionSummary>?> ListAsync(Caller caller, Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!(await WorkspaceService.AccessAsync(db, caller, workspaceId, ct)).CanRead) return null;
        return await db.Sessions.AsNoTracking().Where(s => s.WorkspaceId == workspaceId)
            .OrderByDescending(s => s.Date).ThenBy(s => s.Title)
            .Select(s => new SessionSummary(s.Id, s.Title, s.Date, s.Venue, s.Slots.Count)).Take(500).ToListAsync(ct);
    }

    public async Task<SessionView?> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.AsNoTracking().Include(s => s.Slots).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return null;
        var access = await WorkspaceService.AccessAsync(db, caller, session.WorkspaceId, ct);
        if (!access.CanRead) return null;
        var reportIds = session.Slots.Where(s => s.ReportId is not null).Select(s => s.ReportId!.Value).ToList();
        var reports = await db.Reports.AsNoTracking().Where(r => reportIds.Contains(r.Id) && r.WorkspaceId == session.WorkspaceId)
            .ToDictionaryAsync(r => r.Id, r => new { r.Title, r.LatestVersion }, ct);
        var slots = session.Slots.OrderBy(s => s.Order).Select(s => s.ReportId is { } rid && reports.TryGetValue(rid, out var r)
            ? new SlotView(s, r.Title, r.LatestVersion) : new SlotView(s, s.Title, null)).ToList();
        return new SessionView(session, slots, access);
    }

    public async Task<Outcome<Session>> CreateAsync(Caller caller, Guid workspaceId, SessionInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await WorkspaceService.AccessAsync(db, caller, workspaceId, ct);
        if (!access.Can(Permission.Edit)) return Outcome<Session>.Refused(access, Permission.Edit);
        var now = DateTimeOffset.UtcNow;
        var session = new Session { Id = Guid.CreateVersion7(), WorkspaceId = workspaceId, CreatedById = caller.UserId, CreatedAt = now, UpdatedAt = now };
        if (await ApplyAsync(db, session, input, ct) is { } errors) return Outcome<Session>.Invalid(errors);
        db.Sessions.Add(session);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.SessionCreated, $"created the session “{session.Title}”", ws, "session", session.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Session>.Ok(session);
    }

    public async Task<Outcome<Session>> UpdateAsync(Caller caller, Guid id, SessionInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.Include(s => s.Slots).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return Outcome<Session>.Missing();
        var access = await WorkspaceService.AccessAsync(db, caller, session.WorkspaceId, ct);
        if (!access.Can(Permission.Edit)) return Outcome<Session>.Refused(access, Permission.Edit);
        db.SessionSlots.RemoveRange(session.Slots);
        session.Slots = [];
        if (await ApplyAsync(db, session, input, ct) is { } errors) return Outcome<Session>.Invalid(errors);
        session.UpdatedAt = DateTimeOffset.UtcNow;
        db.SessionSlots.AddRange(session.Slots);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == session.WorkspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.SessionEdited, $"edited the session “{session.Title}”", ws, "session", session.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Session>.Ok(session);
    }

    public async Task<Outcome<bool>> DeleteAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return Outcome<bool>.Missing();
        var access = await WorkspaceService.AccessAsync(db, caller, session.WorkspaceId, ct);
        if (!access.Can(Permission.Edit)) return Outcome<bool>.Refused(access, Permission.Edit);
        db.Sessions.Remove(session);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == session.WorkspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.SessionDeleted, $"deleted the session “{session.Title}”", ws, "session", session.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Checks the input (each error names its field and limit) and copies it onto the session.</summary>
    private static async Task<IReadOnlyList<FieldError>?> ApplyAsync(PortalDb db, Session session, SessionInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        string Text(string? value, string field, bool required = false)
        {
            var v = value?.Trim() ?? "";
            if (required && v.Length == 0) errors.Add(new FieldError(field, $"{field} is required."));
            if (v.Length > Session.MaxTextLength) errors.Add(new FieldError(field, $"{field} must be at most {Session.MaxTextLength} characters."));
            if (TextRules.Problem(field, v) is { } bad) errors.Add(new FieldError(field, bad));
            return v;
        }
        session.Title = Text(input.Title, "title", required: true);
        session.Venue = Text(input.Venue, "venue");
        session.Chairs = Text(input.Chairs, "chairs");
        session.Date = input.Date;
        var slots = input.Slots ?? [];
        if (slots.Count > Session.MaxSlots) errors.Add(new FieldError("slots", $"a session has at most {Session.MaxSlots} slots (it has {slots.Count})."));
        var reportIds = slots.Where(s => s.ReportId is not null).Select(s => s.ReportId!.Value).Distinct().ToList();
        var reports = await db.Reports.Where(r => reportIds.Contains(r.Id) && r.WorkspaceId == session.WorkspaceId).ToDictionaryAsync(r => r.Id, r => r.Title, ct);
        for (var i = 0; i < Math.Min(slots.Count, Session.MaxSlots); i++)
        {
            var s = slots[i];
            var field = $"slots[{i}]";
            TimeOnly? start = null;
            if (!string.IsNullOrWhiteSpace(s.Start))
            {
                if (TimeOnly.TryParseExact(s.Start.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) start = t;
                else errors.Add(new FieldError($"{field}.start", $"{field}.start must be a time such as 09:30."));
            }
            var duration = s.DurationMinutes ?? 20;
            if (duration is < 1 or > 600) errors.Add(new FieldError($"{field}.durationMinutes", $"{field}.durationMinutes must be between 1 and 600."));
            if (s.ReportId is { } rid && !reports.ContainsKey(rid)) errors.Add(new FieldError($"{field}.reportId", $"{field}.reportId names no report of this workspace."));
            var title = Text(s.Title, $"{field}.title", required: s.ReportId is null);
            var abstractText = s.Abstract?.Trim() ?? "";
            if (abstractText.Length > SessionSlot.MaxAbstractLength) errors.Add(new FieldError($"{field}.abstract", $"{field}.abstract must be at most {SessionSlot.MaxAbstractLength} characters."));
            if (TextRules.Problem($"{field}.abstract", abstractText, multiline: true) is { } badAbstract) errors.Add(new FieldError($"{field}.abstract", badAbstract));
            session.Slots.Add(new SessionSlot
            {
                Id = Guid.CreateVersion7(), SessionId = session.Id, Order = i, Start = start, DurationMinutes = duration, Speaker = Text(s.Speaker, $"{field}.speaker"),
                ReportId = s.ReportId, Title = s.ReportId is { } r && reports.TryGetValue(r, out var rt) && title.Length == 0 ? rt : title, Abstract = abstractText,
            });
        }
        return errors.Count > 0 ? errors : null;
    }
}
