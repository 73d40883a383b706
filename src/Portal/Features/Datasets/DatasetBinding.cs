using Compute;
using Portal.Data;
using Shared.Models;
using Shared.Runs;

namespace Portal.Features.Datasets;

/// <summary>
/// Ties a model type that trains on uploads to one data set: required when its data-set parameter says
/// "uploaded", taken from the same workspace, and checked against the parameters by the model type.
/// </summary>
public static class DatasetBinding
{
    public const string Field = "datasetId";

    /// <summary>
    /// The data set the parameters select, or null when they select none (then the id is ignored).
    /// Synchronous: Microsoft.Data.Sqlite runs its async methods synchronously anyway.
    /// </summary>
    public static (BinaryMatrix Matrix, string ContentHash)? Resolve(PortalDb db, IModelType type, ParameterValues values,
        Guid? datasetId, Guid workspaceId, RunLimits limits, List<FieldError> errors)
    {
        if (!Uses(type, values, out var uses)) return null;
        if (datasetId is null)
        {
            errors.Add(new FieldError(Field, $"{uses.DatasetParameter} is '{IUsesDataset.Uploaded}': choose an uploaded data set of this workspace."));
            return null;
        }
        var loaded = DatasetService.Load(db, datasetId.Value);
        if (loaded is null || loaded.Value.WorkspaceId != workspaceId)
        {
            errors.Add(new FieldError(Field, "No such data set in this workspace."));
            return null;
        }
        errors.AddRange(uses.ValidateDataset(values, loaded.Value.Matrix, limits));
        return (loaded.Value.Matrix, loaded.Value.ContentHash);
    }

    /// <summary>True when the type trains on uploads and its parameters choose the upload.</summary>
    public static bool Uses(IModelType type, ParameterValues values, out IUsesDataset uses)
    {
        uses = (type as IUsesDataset)!;
        return type is IUsesDataset u && values.Choice(u.DatasetParameter) == IUsesDataset.Uploaded;
    }
}
