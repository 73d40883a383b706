using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
using Shared.Results;

namespace Portal.Features.Reports;

/// <summary>A run as an embed sees it: title, where members open it (null for frozen copies), state and result.</summary>
public sealed record EmbeddedRun(Guid Id, string Title, string? Href, RunStatus Status, double Progress, ResultDocument? Result);

/// <summary>Where a rendering finds the runs its embeds name. Runs missing from the answer render as an inline error.</summary>
public interface IRunSource
{
    Task<IReadOnlyDictionary<Guid, EmbeddedRun>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>What an embed says about a run it cannot show (the same words for "missing" and "not yours").</summary>
    string MissingMessage { get; }
}

/// <summary>
/// The runs as they are now, each only if <paramref name="reader"/> may read its workspace (the one permission
/// policy, asked per run): a report in one workspace never shows a run of another to someone who cannot see it there.
/// </summary>
public sealed class LiveRunSource(IDbContextFactory<PortalDb> dbFactory, Caller reader) : IRunSource
{
    public string MissingMessage => "not found, or not visible to you.";

    public async Task<IReadOnlyDictionary<Guid, EmbeddedRun>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, EmbeddedRun>();
        if (ids.Count == 0) return result;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Number, r.WorkspaceId, r.ModelType, r.Status, r.Progress, r.ResultJson, Model = r.ModelVersion == null ? null : r.ModelVersion.Model!.Name })
            .ToListAsync(ct);
        var access = new Dictionary<Guid, bool>();
        foreach (var r in runs)
        {
            if (!access.TryGetValue(r.WorkspaceId, out var may))
                access[r.WorkspaceId] = may = (await WorkspaceService.AccessAsync(db, reader, r.WorkspaceId, ct)).CanRead;
            if (!may) continue;
            var document = r.Status == RunStatus.Succeeded && r.ResultJson is not null ? ResultJson.Deserialize(r.ResultJson) : null;
            result[r.Id] = new EmbeddedRun(r.Id, Title(r.Model ?? r.ModelType, r.Number), $"/runs/{r.Id}", r.Status, r.Progress, document);
        }
        return result;
    }

    public static string Title(string model, int number) => $"{model} (run #{number})";
}

/// <summary>
/// What a published version keeps of each embedded run: its title and exactly the figures, metrics and checks the
/// report showed, as they were when it was published.
/// </summary>
public sealed record FrozenRun(string Title, ResultDocument Result);

public sealed class FrozenEmbeds
{
    public Dictionary<Guid, FrozenRun> Runs { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, ResultJson.Options);

    public static FrozenEmbeds FromJson(string json) => JsonSerializer.Deserialize<FrozenEmbeds>(json, ResultJson.Options) ?? new FrozenEmbeds();
}

/// <summary>The runs of a published version, frozen: whoever reads the version reads them as the version shows them.</summary>
public sealed class FrozenRunSource(FrozenEmbeds frozen) : IRunSource
{
    public string MissingMessage => "was not available to the author when this version was published.";

    public Task<IReadOnlyDictionary<Guid, EmbeddedRun>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, EmbeddedRun>>(ids.Where(frozen.Runs.ContainsKey)
            .ToDictionary(id => id, id => new EmbeddedRun(id, frozen.Runs[id].Title, null, RunStatus.Succeeded, 1, frozen.Runs[id].Result)));
}
