namespace Portal.Features.Datasets;

/// <summary>An uploaded binary data set (rows of 0/1), reusable by every model of its workspace.</summary>
public sealed class Dataset
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    public int Rows { get; set; }
    public int Columns { get; set; }

    /// <summary>One byte per entry, row-major.</summary>
    public byte[] Data { get; set; } = [];

    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
