using System.Linq.Expressions;
using Portal.Features.Models;

namespace Portal.Features.Runs;

/// <summary>
/// What run lists read: every column but the spec and the result documents (which can be megabytes each), and of
/// the model only its id, name and workspace. Lists of thousands of runs then move kilobytes, not the results.
/// </summary>
public static class RunSummary
{
    public static readonly Expression<Func<Run, Run>> Projection = r => new Run
    {
        Id = r.Id, Number = r.Number, RerunOfId = r.RerunOfId, WorkspaceId = r.WorkspaceId, ModelVersionId = r.ModelVersionId, ModelType = r.ModelType, Seed = r.Seed,
        SpecHash = r.SpecHash, SoftwareVersion = r.SoftwareVersion, Status = r.Status, Attempt = r.Attempt, CreatedById = r.CreatedById,
        CreatedAt = r.CreatedAt, StartedAt = r.StartedAt, FinishedAt = r.FinishedAt, Worker = r.Worker, Progress = r.Progress,
        Stage = r.Stage, CancelRequested = r.CancelRequested, Error = r.Error, DatasetId = r.DatasetId, SweepId = r.SweepId,
        ModelVersion = r.ModelVersion == null ? null : new ModelVersion
        {
            Id = r.ModelVersion.Id, ModelId = r.ModelVersion.ModelId, Version = r.ModelVersion.Version,
            Model = new Model { Id = r.ModelVersion.Model!.Id, Name = r.ModelVersion.Model.Name, WorkspaceId = r.ModelVersion.Model.WorkspaceId },
        },
    };
}
