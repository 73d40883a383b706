using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features;

/// <summary>A run, model or model version as logs, inboxes and share lists name it: its workspace, a readable title and its permalink.</summary>
public sealed record ObjectRef(Guid WorkspaceId, string Title, string Href);

public static class ObjectTitles
{
    public static async Task<ObjectRef?> RunAsync(PortalDb db, Guid id, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.WorkspaceId, r.Number, r.ModelType, Model = r.ModelVersion == null ? null : r.ModelVersion.Model!.Name }).FirstOrDefaultAsync(ct);
        return run is null ? null : new ObjectRef(run.WorkspaceId, $"run #{run.Number} of “{run.Model ?? run.ModelType}”", $"/runs/{id}");
    }

    public static async Task<ObjectRef?> ModelAsync(PortalDb db, Guid id, CancellationToken ct)
    {
        var model = await db.Models.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.WorkspaceId, m.Name }).FirstOrDefaultAsync(ct);
        return model is null ? null : new ObjectRef(model.WorkspaceId, $"the model “{model.Name}”", $"/models/{id}");
    }

    public static async Task<ObjectRef?> ReportVersionAsync(PortalDb db, Guid id, CancellationToken ct)
    {
        var v = await db.ReportVersions.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Report!.WorkspaceId, x.ReportId, x.Title, x.Version }).FirstOrDefaultAsync(ct);
        return v is null ? null : new ObjectRef(v.WorkspaceId, $"the report “{v.Title}” v{v.Version}", $"/reports/{v.ReportId}/v/{v.Version}");
    }

    public static async Task<ObjectRef?> ModelVersionAsync(PortalDb db, Guid id, CancellationToken ct)
    {
        var v = await db.ModelVersions.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Model!.WorkspaceId, x.ModelId, x.Model.Name, x.Version }).FirstOrDefaultAsync(ct);
        return v is null ? null : new ObjectRef(v.WorkspaceId, $"“{v.Name}” v{v.Version}", $"/models/{v.ModelId}/v/{v.Version}");
    }
}
