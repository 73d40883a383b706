namespace Portal.Features.Sweeps;

/// <summary>
/// A grid of runs over one model version: one or two swept parameters, a set of seeds and fixed overrides. Its members
/// are ordinary runs that carry the sweep's id; the grid itself is the resolved <see cref="SweepGrid"/>, stored as JSON.
/// </summary>
public sealed class Sweep
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public Guid ModelId { get; set; }
    public Guid ModelVersionId { get; set; }
    public string Name { get; set; } = "";
    public string ModelType { get; set; } = "";

    /// <summary>The resolved grid (<see cref="SweepGrid"/>) as JSON; it grows when seeds or points are added.</summary>
    public string GridJson { get; set; } = "{}";

    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
