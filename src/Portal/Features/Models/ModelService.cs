using System.Text.Json;
using Compute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Activity;
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
        if (!(await workspaces.AccessAsync(caller, workspaceId, ct)).CanRead) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Models.Where(m => m.WorkspaceId == workspaceId).OrderBy(m => m.Name).ToListAsync(ct);
    }

    /// <summary>The model with all its versions, or null when it does not exist or the caller may not see it.</summary>
    public async Task<Model?> GetAsync(Caller caller, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = await db.Models.Include(m => m.Versions.OrderByDescending(v => v.Version)).FirstOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null || !(await workspaces.AccessAsync(caller, model.WorkspaceId, ct)).CanRead) return null;
        return model;
    }

    /// <summary>One version of a model (its permalink /models/{id}/v/{n}), or null when missing or not visible.</summary>
    public async Task<ModelVersion?> GetVersionAsync(Caller caller, Guid modelId, int version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var v = await db.ModelVersions.AsNoTracking().Include(x => x.Model).FirstOrDefaultAsync(x => x.ModelId == modelId && x.Version == version, ct);
        if (v is null || !(await workspaces.AccessAsync(caller, v.Model!.WorkspaceId, ct)).CanRead) return null;
        return v;
    }

    public async Task<Outcome<Model>> CreateAsync(Caller caller, Guid workspaceId, ModelInput input, CancellationToken ct = default)
    {
        var access = await workspaces.AccessAsync(caller, workspaceId, ct);
        if (!access.Can(Permission.Edit)) return Outcome<Model>.Refused(access, Permission.Edit);
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
        var ws = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.ModelCreated, $"created the model “{model.Name}” ({model.ModelType})", ws, "model", model.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Model>.Ok(model);
    }

    /// <summary>Renames or re-describes a model; changed parameters create a new version (older runs keep theirs).</summary>
    public async Task<Outcome<Model>> UpdateAsync(Caller caller, Guid modelId, ModelInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = await db.Models.Include(m => m.Versions).FirstOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null) return Outcome<Model>.Missing();
        var access = await workspaces.AccessAsync(caller, model.WorkspaceId, ct);
        if (!access.Can(Permission.Edit)) return Outcome<Model>.Refused(access, Permission.Edit);
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
        var ws = await db.Workspaces.FirstAsync(w => w.Id == model.WorkspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.ModelEdited,
            $"edited the model “{model.Name}”{(model.LatestVersion > latest.Version ? $" (new version v{model.LatestVersion})" : "")}", ws, "model", model.Id.ToString(), ct: ct);
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
        if (TextRules.Problem("name", input.Name) is { } badName) errors.Add(new FieldError("name", badName));
        if (TextRules.Problem("description", input.Description, multiline: true) is { } badDescription) errors.Add(new FieldError("description", badDescription));
        if ((input.Description ?? "").Length > MaxDescriptionLength)
            errors.Add(new FieldError("description", $"description must be at most {MaxDescriptionLength} characters."));
        var limits = options.Value.Limits.ToRunLimits();
        var spec = ModelRegistry.Prepare(input.ModelType, input.Parameters, 0, limits, errors);
        if (spec is null) return (null, null);
        var type = ModelRegistry.Find(spec.ModelType)!;
        var dataset = DatasetBinding.Resolve(db, type, spec.Parameters, input.DatasetId, workspaceId, limits, errors);
        return errors.Count == 0 ? (spec.Parameters, dataset is null ? null : input.DatasetId) : (null, null);
    }
}
