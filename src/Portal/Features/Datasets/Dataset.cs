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

    /// <summary>How the file was read (separator, encoding), for the user.</summary>
    public string Format { get; set; } = "";

    /// <summary>SHA-256 of the parsed matrix: part of the hash of every run that uses it.</summary>
    public string ContentHash { get; set; } = "";

    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
