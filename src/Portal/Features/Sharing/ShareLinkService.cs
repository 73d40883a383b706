using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Models;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Sharing;

public enum ShareExpiry
{
    Never,
    OneDay,
    SevenDays,
    ThirtyDays,
    /// <summary>Until the end of a given date (UTC).</summary>
    Date,
}

public sealed record ShareLinkView(
    Guid Id, Guid WorkspaceId, ShareTarget Target, Guid TargetId, string TargetTitle, string TargetHref, string? Note, string CreatedBy, string CreatedById,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, int UseCount, DateTimeOffset? LastUsedAt, bool IsValid);

/// <summary>A link just created: the only moment its token exists in clear text.</summary>
public sealed record CreatedShareLink(ShareLinkView Link, string Token)
{
    public string Path => ShareLinkService.PathFor(Token);
}

/// <summary>What a valid share link opens: exactly one run, model version or report version, read-only.</summary>
public sealed record SharedObject(ShareTarget Target, Run? Run, Model? Model, ModelVersion? Version, Reports.ReportVersion? ReportVersion = null)
{
    /// <summary>The share-link holder's access: read, nothing else, and only this object.</summary>
    public static readonly WorkspaceAccess Access = new(AccessKind.ShareLink, null, false);
}

public enum ShareLinkState
{
    Valid,
    Unknown,
    /// <summary>Expired or revoked: answered with 410 and no hint of what it pointed to.</summary>
    Gone,
}

/// <summary>Share links: create (Editors and Owners), list, revoke (its creator, the workspace's Owners, admins), resolve.</summary>
public sealed class ShareLinkService(IDbContextFactory<PortalDb> dbFactory)
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(5 * 366);

    /// <summary>How often a link's use is written to the activity log (every use is counted on the link).</summary>
    public static readonly TimeSpan UseLogInterval = TimeSpan.FromHours(1);

    public static string PathFor(string token) => $"/s/{token}";

    public async Task<Outcome<CreatedShareLink>> CreateAsync(Caller caller, ShareTarget target, Guid targetId, ShareExpiry expiry, DateOnly? until, string? note, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await TargetAsync(db, target, targetId, ct);
        if (resolved is null) return Outcome<CreatedShareLink>.Missing();
        var access = await WorkspaceService.AccessAsync(db, caller, resolved.WorkspaceId, ct);
        if (!access.Can(Permission.Share)) return Outcome<CreatedShareLink>.Refused(access, Permission.Share);

        var now = DateTimeOffset.UtcNow;
        var errors = new List<FieldError>();
        DateTimeOffset? expiresAt = expiry switch
        {
            ShareExpiry.Never => null,
            ShareExpiry.OneDay => now.AddDays(1),
            ShareExpiry.SevenDays => now.AddDays(7),
            ShareExpiry.ThirtyDays => now.AddDays(30),
            ShareExpiry.Date when until is { } d => new DateTimeOffset(d.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero),
            _ => null,
        };
        if (!Enum.IsDefined(expiry)) errors.Add(new FieldError("expiry", "expiry must be Never, OneDay, SevenDays, ThirtyDays or Date."));
        else if (expiry == ShareExpiry.Date && until is null) errors.Add(new FieldError("until", "until (a date) is required when expiry is Date."));
        else if (expiresAt is { } at && at <= now) errors.Add(new FieldError("until", "until must be a date in the future."));
        else if (expiresAt is { } at2 && at2 - now > MaxLifetime) errors.Add(new FieldError("until", "until must be at most 5 years ahead; choose Never for a link without expiry."));
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > ShareLink.MaxNoteLength }) errors.Add(new FieldError("note", $"note must be at most {ShareLink.MaxNoteLength} characters."));
        if (TextRules.Problem("note", note, multiline: true) is { } badNote) errors.Add(new FieldError("note", badNote));
        if (errors.Count > 0) return Outcome<CreatedShareLink>.Invalid(errors);

        var (token, hash) = SecretToken.New(ShareLink.TokenPrefix);
        var link = new ShareLink
        {
            Id = Guid.CreateVersion7(), TokenHash = hash, WorkspaceId = resolved.WorkspaceId, Target = target, TargetId = targetId,
            Note = note, CreatedById = caller.UserId, CreatedAt = now, ExpiresAt = expiresAt,
        };
        db.ShareLinks.Add(link);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == link.WorkspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.ShareCreated,
            $"created a share link for {resolved.Title}{(expiresAt is null ? "" : $", valid until {expiresAt:yyyy-MM-dd HH:mm} UTC")}", ws, "share-link", link.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        var view = (await ViewsAsync(db, db.ShareLinks.Where(l => l.Id == link.Id), ct)).Single();
        return Outcome<CreatedShareLink>.Ok(new CreatedShareLink(view, token));
    }

    /// <summary>The links of one object, for members who may share it.</summary>
    public async Task<List<ShareLinkView>?> ForTargetAsync(Caller caller, ShareTarget target, Guid targetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resolved = await TargetAsync(db, target, targetId, ct);
        if (resolved is null) return null;
        var access = await WorkspaceService.AccessAsync(db, caller, resolved.WorkspaceId, ct);
        if (!access.CanRead || access.EffectiveRole is not >= WorkspaceRole.Editor && access.Kind != AccessKind.Admin) return null;
        return await ViewsAsync(db, db.ShareLinks.Where(l => l.Target == target && l.TargetId == targetId), ct);
    }

    /// <summary>Every link of a workspace (its Editors and Owners), or of every workspace (admins, with <paramref name="workspaceId"/> null).</summary>
    public async Task<List<ShareLinkView>?> ListAsync(Caller caller, Guid? workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (workspaceId is not { } ws) return caller.IsAdmin ? await ViewsAsync(db, db.ShareLinks, ct) : null;
        var access = await WorkspaceService.AccessAsync(db, caller, ws, ct);
        if (!access.CanRead || access.EffectiveRole is not >= WorkspaceRole.Editor && access.Kind != AccessKind.Admin) return null;
        return await ViewsAsync(db, db.ShareLinks.Where(l => l.WorkspaceId == ws), ct);
    }

    /// <summary>Revokes a link at once: its creator, the workspace's Owners, and admins may.</summary>
    public async Task<Outcome<ShareLinkView>> RevokeAsync(Caller caller, Guid linkId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.ShareLinks.FirstOrDefaultAsync(l => l.Id == linkId, ct);
        if (link is null) return Outcome<ShareLinkView>.Missing();
        var access = await WorkspaceService.AccessAsync(db, caller, link.WorkspaceId, ct);
        var mayRevoke = !caller.ReadOnlyToken && (caller.IsAdmin || (access.EffectiveRole is { } role && (role == WorkspaceRole.Owner || (role >= WorkspaceRole.Editor && link.CreatedById == caller.UserId))));
        if (!mayRevoke)
            return access.CanRead
                ? Outcome<ShareLinkView>.Denied(caller.ReadOnlyToken ? access.Why(Permission.Share) : "Only the link's creator and the workspace's Owners may revoke it.")
                : Outcome<ShareLinkView>.Missing();
        if (link.RevokedAt is null)
        {
            link.RevokedAt = DateTimeOffset.UtcNow;
            link.RevokedById = caller.UserId;
            var ws = await db.Workspaces.FirstAsync(w => w.Id == link.WorkspaceId, ct);
            var title = (await TargetAsync(db, link.Target, link.TargetId, ct))?.Title ?? link.Target.ToString();
            var adminAction = access.Kind == AccessKind.Admin;
            await ActivityLog.AddAsync(db, caller.UserId, adminAction ? ActivityAction.AdminRevokedShare : ActivityAction.ShareRevoked,
                $"{(adminAction ? "(admin) " : "")}revoked a share link for {title}", ws, "share-link", link.Id.ToString(), ct: ct);
            await db.SaveChangesAsync(ct);
        }
        return Outcome<ShareLinkView>.Ok((await ViewsAsync(db, db.ShareLinks.Where(l => l.Id == linkId), ct)).Single());
    }

    /// <summary>
    /// What a token opens, if it is valid. <paramref name="countUse"/> counts one use (once per page load: the
    /// caller passes true only for the HTTP request, not for the interactive re-render).
    /// </summary>
    public async Task<(ShareLinkState State, SharedObject? Object)> ResolveAsync(string? token, bool countUse, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return (ShareLinkState.Unknown, null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = SecretToken.Hash(token!);
        var link = await db.ShareLinks.FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null) return (ShareLinkState.Unknown, null);
        var now = DateTimeOffset.UtcNow;
        if (!link.IsValid(now)) return (ShareLinkState.Gone, null);

        SharedObject? shared = link.Target switch
        {
            ShareTarget.Run => await db.Runs.AsNoTracking().Include(r => r.ModelVersion).ThenInclude(v => v!.Model)
                .FirstOrDefaultAsync(r => r.Id == link.TargetId && r.WorkspaceId == link.WorkspaceId, ct) is { } run
                ? new SharedObject(ShareTarget.Run, run, run.ModelVersion?.Model, run.ModelVersion) : null,
            ShareTarget.ModelVersion => await db.ModelVersions.AsNoTracking().Include(v => v.Model)
                .FirstOrDefaultAsync(v => v.Id == link.TargetId && v.Model!.WorkspaceId == link.WorkspaceId, ct) is { } version
                ? new SharedObject(ShareTarget.ModelVersion, null, version.Model, version) : null,
            ShareTarget.ReportVersion => await db.ReportVersions.AsNoTracking()
                .FirstOrDefaultAsync(v => v.Id == link.TargetId && v.Report!.WorkspaceId == link.WorkspaceId, ct) is { } reportVersion
                ? new SharedObject(ShareTarget.ReportVersion, null, null, null, reportVersion) : null,
            _ => null,
        };
        if (shared is null) return (ShareLinkState.Gone, null);

        if (countUse)
        {
            var logIt = link.LastUsedAt is not { } last || now - last >= UseLogInterval;
            await db.ShareLinks.Where(l => l.Id == link.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.UseCount, l => l.UseCount + 1).SetProperty(l => l.LastUsedAt, now), ct);
            if (logIt)
            {
                var ws = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == link.WorkspaceId, ct);
                var title = (await TargetAsync(db, link.Target, link.TargetId, ct))?.Title ?? link.Target.ToString();
                await ActivityLog.AddAsync(db, null, ActivityAction.ShareUsed, $"a share link for {title} was opened", ws, "share-link", link.Id.ToString(), ct: ct);
                await db.SaveChangesAsync(ct);
            }
        }
        return (ShareLinkState.Valid, shared);
    }

    /// <summary>The workspace and a readable title of a shareable object, or null when it does not exist.</summary>
    private static Task<ObjectRef?> TargetAsync(PortalDb db, ShareTarget target, Guid id, CancellationToken ct) => target switch
    {
        ShareTarget.Run => ObjectTitles.RunAsync(db, id, ct),
        ShareTarget.ReportVersion => ObjectTitles.ReportVersionAsync(db, id, ct),
        _ => ObjectTitles.ModelVersionAsync(db, id, ct),
    };

    private static async Task<List<ShareLinkView>> ViewsAsync(PortalDb db, IQueryable<ShareLink> links, CancellationToken ct)
    {
        var rows = await links.AsNoTracking()
            .GroupJoin(db.Users, l => l.CreatedById, u => u.Id, (l, us) => new { l, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new { x.l, CreatedBy = u == null ? "" : u.DisplayName })
            .OrderByDescending(x => x.l.CreatedAt).Take(500).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var result = new List<ShareLinkView>(rows.Count);
        foreach (var x in rows)
        {
            var target = await TargetAsync(db, x.l.Target, x.l.TargetId, ct);
            result.Add(new ShareLinkView(x.l.Id, x.l.WorkspaceId, x.l.Target, x.l.TargetId, target?.Title ?? "(deleted)", target?.Href ?? "/", x.l.Note, x.CreatedBy, x.l.CreatedById, x.l.CreatedAt,
                x.l.ExpiresAt, x.l.RevokedAt, x.l.UseCount, x.l.LastUsedAt, x.l.IsValid(now)));
        }
        return result;
    }
}
