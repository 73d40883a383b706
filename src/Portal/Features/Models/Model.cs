namespace Portal.Features.Models;

/// <summary>A user's named definition of a model type with parameter values. Editing adds a version.</summary>
public sealed class Model
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string ModelType { get; set; } = "";
    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int LatestVersion { get; set; }
    public List<ModelVersion> Versions { get; set; } = [];
}

/// <summary>An immutable set of parameter values; runs pin the version they used.</summary>
public sealed class ModelVersion
{
    public Guid Id { get; set; }
    public Guid ModelId { get; set; }
    public int Version { get; set; }

    /// <summary>Canonical JSON of the resolved parameters (sorted keys).</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>The uploaded data set the parameters select (model types that train on uploads), pinned with the version.</summary>
    public Guid? DatasetId { get; set; }

    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Model? Model { get; set; }
}
