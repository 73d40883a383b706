using Shared.Models;
using Shared.Runs;

namespace Compute;

/// <summary>
/// Implemented by model types that can train on an uploaded binary data set. The portal shows an upload
/// field when the Choice parameter <see cref="DatasetParameter"/> has the value <see cref="Uploaded"/>,
/// parses the file with <see cref="EnergyModels.Data.BinaryDataParser"/>, checks it with
/// <see cref="ValidateDataset"/> and attaches it as <c>RunSpec.Datasets[DatasetParameter]</c>.
/// </summary>
public interface IUsesDataset
{
    /// <summary>The Choice value that means "use the uploaded file".</summary>
    public const string Uploaded = "uploaded";

    /// <summary>Name of the Choice parameter whose value <see cref="Uploaded"/> selects the upload.</summary>
    string DatasetParameter { get; }

    /// <summary>
    /// Rules that tie the uploaded data to the other parameters (e.g. more columns than the model has
    /// visible units, an exact likelihood that would need too many units). Errors name the field to change.
    /// </summary>
    IEnumerable<FieldError> ValidateDataset(ParameterValues parameters, BinaryMatrix data, RunLimits limits);
}
