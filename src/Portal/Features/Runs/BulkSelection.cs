using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Runs;

/// <summary>
/// The runs a bulk action names, checked all at once before anything changes: a run the caller cannot see makes the whole action
/// "not found", one they may not change makes it "refused", so a selection is never half-acted-on for lack of rights.
/// </summary>
public static class BulkSelection
{
    public const int MaxRuns = 500;

    public static FieldError? Problem(IReadOnlyCollection<Guid>? runIds, string field = "runIds") => runIds switch
    {
        null or { Count: 0 } => new FieldError(field, "Select at least one run."),
        { Count: > MaxRuns } => new FieldError(field, $"At most {MaxRuns} runs per action; {runIds.Count} were selected."),
        _ => null,
    };

    /// <summary>The tracked runs, or the outcome that refuses the action.</summary>
    public static async Task<(List<Run>? Runs, Outcome<T>? Refused)> LoadAsync<T>(PortalDb db, Caller caller, IReadOnlyCollection<Guid>? runIds,
        Permission permission, CancellationToken ct)
    {
        if (Problem(runIds) is { } problem) return (null, Outcome<T>.Invalid([problem]));
        var ids = runIds!.Distinct().ToList();
        var runs = await db.Runs.Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        if (runs.Count != ids.Count) return (null, Outcome<T>.Missing());
        foreach (var workspaceId in runs.Select(r => r.WorkspaceId).Distinct())
        {
            var access = await WorkspaceService.AccessAsync(db, caller, workspaceId, ct);
            if (!access.Can(permission)) return (null, Outcome<T>.Refused(access, permission));
        }
        return (runs, null);
    }
}
