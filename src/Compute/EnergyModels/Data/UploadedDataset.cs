using Shared.Models;
using Shared.Runs;

namespace Compute.EnergyModels.Data;

/// <summary>Looks up the upload a run needs and fails clearly when the portal did not attach it.</summary>
public static class UploadedDataset
{
    /// <summary>
    /// True when <paramref name="parameter"/> is set to <see cref="IUsesDataset.Uploaded"/>; then
    /// <paramref name="data"/> is the attached upload. Throws when the upload was chosen but is missing.
    /// </summary>
    public static bool TryGet(RunSpec spec, string parameter, out BinaryMatrix data)
    {
        data = null!;
        if (spec.Parameters.Choice(parameter) != IUsesDataset.Uploaded) return false;
        if (!spec.Datasets.TryGetValue(parameter, out var attached) || attached is null)
            throw new InvalidOperationException(
                $"{parameter} is '{IUsesDataset.Uploaded}' but no uploaded data set was attached to the run (RunSpec.Datasets[\"{parameter}\"] is missing).");
        if (attached.Rows < 1 || attached.Columns < 1 || attached.Data.Length != attached.Rows * attached.Columns)
            throw new InvalidOperationException(
                $"The uploaded data set for {parameter} is malformed: {attached.Rows} rows × {attached.Columns} columns with {attached.Data.Length} entries.");
        data = attached;
        return true;
    }
}
