using Microsoft.Extensions.Options;
using Compute;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Models;
using Portal.Features.Runs;

namespace Portal.Features.Workspaces;

/// <summary>
/// On first start with an empty database: the Examples workspace, readable by every signed-in user, with a
/// model of each model type (its small example parameters) and a run of each, computed as real jobs.
/// Model types added later get their example on the next start. The session of example reports on these runs is added once.
/// </summary>
public sealed class DemoContent(IDbContextFactory<PortalDb> dbFactory, RunService runs, IOptions<PortalOptions> options, ILogger<DemoContent> logger)
{
    public const long ExampleSeed = 1;

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var examples = await db.Workspaces.FirstOrDefaultAsync(w => w.IsExamples, ct);
        if (examples is null)
        {
            examples = new Workspace { Id = Guid.CreateVersion7(), Name = WorkspaceService.ExamplesName, IsExamples = true, CreatedAt = DateTimeOffset.UtcNow };
            db.Workspaces.Add(examples);
            // Saved first: the run numbers come from its row.
            await db.SaveChangesAsync(ct);
        }
        var existing = await db.Models.Where(m => m.WorkspaceId == examples.Id).Select(m => m.ModelType).ToListAsync(ct);
        var added = new List<Run>();
        foreach (var type in ModelRegistry.All.Where(t => !existing.Contains(t.Info.Id)))
        {
            var errors = new List<Shared.Models.FieldError>();
            var spec = ModelRegistry.Prepare(type.Info.Id, ModelRegistry.ExampleParameters(type), ExampleSeed, options.Value.Limits.ToRunLimits(), errors);
            if (spec is null)
            {
                logger.LogError("Example parameters of {Type} are invalid: {Errors}", type.Info.Id, string.Join("; ", errors.Select(e => e.Message)));
                continue;
            }
            var now = DateTimeOffset.UtcNow;
            var version = new ModelVersion { Id = Guid.CreateVersion7(), Version = 1, ParametersJson = spec.Parameters.ToCanonicalJson(), CreatedAt = now };
            db.Models.Add(new Model
            {
                Id = Guid.CreateVersion7(), WorkspaceId = examples.Id, Name = type.Info.Title, Description = type.Info.Description,
                ModelType = type.Info.Id, CreatedAt = now, LatestVersion = 1, Versions = [version],
            });
            var run = new Run
            {
                Id = Guid.CreateVersion7(), WorkspaceId = examples.Id, ModelVersionId = version.Id, ModelType = spec.ModelType, Seed = spec.Seed,
                SpecJson = spec.ToCanonicalJson(), SpecHash = spec.Hash(), SoftwareVersion = RunService.SoftwareVersion,
                Status = RunStatus.Queued, CreatedAt = now,
            };
            db.Runs.Add(run);
            added.Add(run);
        }
        if (added.Count > 0) await RunNumbers.AssignAsync(db, examples.Id, added, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await Reports.ExampleReports.EnsureAsync(db, examples, ct);
        foreach (var run in added) runs.Enqueue(run.Id);
        if (added.Count > 0) logger.LogInformation("Examples workspace: queued {Count} example runs", added.Count);
    }
}
