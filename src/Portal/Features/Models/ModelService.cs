using System.Text.Json;
using Compute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Datasets;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Models;

public sealed record ModelInput(string Name, string Description, string ModelType, IReadOnlyDictionary<string, JsonElement>? Parameters, Guid? DatasetId = null);

/// <summary>Models and their versions: create, list, edit (a new version when the parameters change).</summary>
public sealed class ModelService(IDbContextFactory<PortalDb> dbFactory, WorkspaceService workspaces, IOptions<PortalOptions> options)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;

    public async Task<List<Model>> ListAsync(Caller caller, Guid workspaceId, CancellationToken ct = default)
    {
        if (await workspaces.RoleAsync(caller, workspaceId, ct) is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Models.Where(m => m.WorkspaceId == workspaceId).OrderBy(m => m.Name).ToListAsync(ct);
    }

    /// <summary>The model with all its versions, or null when it does not exist or the caller may not see it.</summary>
    public async Task<Model?> GetAsync(Caller caller, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = await db.Models.Include(m => m.Versions.OrderByDescending(v => v.Version)).FirstOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null || await workspaces.RoleAsync(caller, model.WorkspaceId, ct) is null) return null;
        return model;
    }

    public async Task<Outcome<Model>> CreateAsync(Caller caller, Guid workspaceId, ModelInput input, CancellationToken ct = default)
    {
        var role = await workspaces.RoleAsync(caller, workspaceId, ct);
        if (role is null) return Outcome<Model>.Missing();
        if (role < WorkspaceRole.Editor) return Outcome<Model>.Denied();
        var errors = new List<FieldError>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (values, datasetId) = await ValidateAsync(db, input, workspaceId, errors, ct);
        if (values is null) return Outcome<Model>.Invalid(errors);

        var now = DateTimeOffset.UtcNow;
        var model = new Model
        {
            Id = Guid.CreateVersion7(), WorkspaceId = workspaceId, Name = input.Name.Trim(), Description = input.Description.Trim(),
            ModelType = input.ModelType, CreatedById = caller.UserId, CreatedAt = now, LatestVersion = 1,
        };
        model.Versions.Add(new ModelVersion { Id = Guid.CreateVersion7(), Version = 1, ParametersJson = values.ToCanonicalJson(), DatasetId = datasetId, CreatedById = caller.UserId, CreatedAt = now });
        db.Models.Add(model);
        await db.SaveChangesAsync(ct);
        return Outcome<Model>.Ok(model);
    }

    /// <summary>Renames or re-describes a model; changed parameters create a new version (older runs keep theirs).</summary>
    public async Task<Outcome<Model>> UpdateAsync(Caller caller, Guid modelId, ModelInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = await db.Models.Include(m => m.Versions).FirstOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null) return Outcome<Model>.Missing();
        var role = await workspaces.RoleAsync(caller, model.WorkspaceId, ct);
        if (role is null) return Outcome<Model>.Missing();
        if (role < WorkspaceRole.Editor) return Outcome<Model>.Denied();
        if (input.ModelType != model.ModelType)
            return Outcome<Model>.Invalid("modelType", "The model type of an existing model cannot change; create a new model instead.");
        var errors = new List<FieldError>();
        var (values, datasetId) = await ValidateAsync(db, input, model.WorkspaceId, errors, ct);
        if (values is null) return Outcome<Model>.Invalid(errors);

        model.Name = input.Name.Trim();
        model.Description = input.Description.Trim();
        var json = values.ToCanonicalJson();
        var latest = model.Versions.OrderByDescending(v => v.Version).First();
        if (latest.ParametersJson != json || latest.DatasetId != datasetId)
        {
            model.LatestVersion = latest.Version + 1;
            db.ModelVersions.Add(new ModelVersion
            {
                Id = Guid.CreateVersion7(), ModelId = model.Id, Version = model.LatestVersion, ParametersJson = json, DatasetId = datasetId,
                CreatedById = caller.UserId, CreatedAt = DateTimeOffset.UtcNow,
            });
        }
        await db.SaveChangesAsync(ct);
        return Outcome<Model>.Ok((await GetAsync(caller, modelId, ct))!);
    }

    /// <summary>
    /// Checks name, description, type and parameters (schema, the type's own rules, the configured limits) and,
    /// for types that train on uploads, the chosen data set. Returns the values and the data set to pin.
    /// </summary>
    private async Task<(ParameterValues? Values, Guid? DatasetId)> ValidateAsync(PortalDb db, ModelInput input, Guid workspaceId, List<FieldError> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add(new FieldError("name", "name is required."));
        else if (input.Name.Trim().Length > MaxNameLength)
            errors.Add(new FieldError("name", $"name must be at most {MaxNameLength} characters."));
        if ((input.Description ?? "").Length > MaxDescriptionLength)
            errors.Add(new FieldError("description", $"description must be at most {MaxDescriptionLength} characters."));
        var spec = ModelRegistry.Prepare(input.ModelType, input.Parameters, 0, options.Value.Limits.ToRunLimits(), errors);
        if (spec is null) return (null, null);
        var type = ModelRegistry.Find(spec.ModelType)!;
        var dataset = DatasetBinding.Resolve(db, type, spec.Parameters, input.DatasetId, workspaceId, errors);
        return errors.Count == 0 ? (spec.Parameters, dataset is null ? null : input.DatasetId) : (null, null);
    }
}
