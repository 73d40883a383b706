using System.Text.Json;
using Portal.Features.Models;
using Portal.Features.Runs;
using Shared.Models;

namespace Portal.Features.Api;

public sealed record ModelTypeDto(string Id, string Family, string Title, string Description, IReadOnlyList<ParameterSpec> Parameters, IReadOnlyDictionary<string, object> Example);

public sealed record ModelVersionDto(int Version, JsonElement Parameters, Guid? DatasetId, DateTimeOffset CreatedAt);

public sealed record ModelDto(Guid Id, Guid WorkspaceId, string Name, string Description, string ModelType, int LatestVersion, IReadOnlyList<ModelVersionDto> Versions)
{
    public static ModelDto From(Model m) => new(m.Id, m.WorkspaceId, m.Name, m.Description, m.ModelType, m.LatestVersion,
        m.Versions.OrderByDescending(v => v.Version).Select(v => new ModelVersionDto(v.Version, JsonDocument.Parse(v.ParametersJson).RootElement.Clone(), v.DatasetId, v.CreatedAt)).ToList());
}

public sealed record CreateModelRequest(Guid? WorkspaceId, string? Name, string? Description, string? ModelType, Dictionary<string, JsonElement>? Parameters, Guid? DatasetId);

public sealed record UpdateModelRequest(string? Name, string? Description, Dictionary<string, JsonElement>? Parameters, Guid? DatasetId);

/// <summary>Either <c>modelId</c> (optionally <c>version</c>) of a saved model, or <c>modelType</c> + <c>parameters</c> inline.</summary>
public sealed record StartRunRequest(Guid? ModelId, int? Version, string? ModelType, Dictionary<string, JsonElement>? Parameters, long? Seed, Guid? WorkspaceId, Guid? DatasetId);

public sealed record RunDto(
    Guid Id, int Number, Guid WorkspaceId, Guid? ModelId, int? ModelVersion, string ModelType, long Seed, string SpecHash, string SoftwareVersion,
    RunStatus Status, RunVerdict? Verdict, int Attempt, double Progress, string? Stage, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string? Worker, string? Error, string Permalink, string? ResultUrl, Guid? DatasetId, Guid? RerunOfId, string? ResultHash, Reproduction? Reproduction)
{
    /// <summary>
    /// The run as the API shows it. <c>resultHash</c> (SHA-256 of the canonical result document) is given where the row
    /// was read with its result (single-run answers, not lists); <c>reproduction</c> only for a re-run, when asked for.
    /// </summary>
    public static RunDto From(Run r, Reproduction? reproduction = null) => new(r.Id, r.Number, r.WorkspaceId, r.ModelVersion?.ModelId, r.ModelVersion?.Version, r.ModelType, r.Seed, r.SpecHash,
        r.SoftwareVersion, r.Status, r.Verdict, r.Attempt, r.Progress, r.Stage, r.CreatedAt, r.StartedAt, r.FinishedAt, r.Worker, r.Error,
        $"/runs/{r.Id}", r.Status == RunStatus.Succeeded ? $"/api/runs/{r.Id}/result" : null, r.DatasetId, r.RerunOfId,
        r.Status == RunStatus.Succeeded && r.ResultJson is not null ? ResultFingerprint.Hash(r.ResultJson) : null, reproduction);
}
