namespace Portal.Features.Runs;

/// <summary>One line of the runs table: the run's own columns, its model, author, tags and note, and the values asked for as columns.</summary>
public sealed class RunRow
{
    public Guid Id { get; init; }

    /// <summary>The run's number in its workspace (#N).</summary>
    public int Number { get; init; }

    public Guid WorkspaceId { get; init; }
    public string? Workspace { get; init; }
    public string ModelType { get; init; } = "";
    public Guid? ModelId { get; init; }
    public string? ModelName { get; init; }
    public int? ModelVersion { get; init; }
    public long Seed { get; init; }
    public RunStatus Status { get; set; }
    public double Progress { get; set; }
    public string? Stage { get; set; }
    public string? AuthorId { get; init; }
    public string? Author { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Wall time from start to finish ("4.2 s", "3 min 10 s"), or empty while it has not finished.</summary>
    public string Duration => StartedAt is { } s && FinishedAt is { } f ? Durations.Format(f - s) : "";
    public Guid? SweepId { get; init; }
    public string? Note { get; init; }
    public string? Error { get; init; }
    public RunVerdict? Verdict { get; init; }
    public string? Worker { get; init; }

    /// <summary>The run's resolved spec, read only for the parameters that tell it apart (<see cref="KeyParameters"/>).</summary>
    internal string? SpecJson { get; set; }

    /// <summary>"N=200, alphaMax=2": the parameters that differ from the model type's defaults.</summary>
    public string KeyParameters => _keyParameters ??= RunKeyParameters.Describe(ModelType, SpecJson);
    private string? _keyParameters;
    public IReadOnlyList<string> Tags { get; set; } = [];

    /// <summary>Keyed by <see cref="ValueColumn.Key"/>; a run without the value has no entry.</summary>
    public IReadOnlyDictionary<string, double> Values { get; set; } = new Dictionary<string, double>();

    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Interrupted;

    public string Label => "#" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string ModelLabel => ModelName is null ? ModelType : $"{ModelName} v{ModelVersion}";
}

/// <summary>A page of the runs table, the number of runs the filter matches, and what the caller may do in the workspace shown.</summary>
public sealed record RunTablePage(int Total, IReadOnlyList<RunRow> Rows, Workspaces.WorkspaceAccess Access);
