using Portal.Features.Models;

namespace Portal.Features.Runs;

public enum RunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Interrupted,
}

/// <summary>
/// One execution of a model version with a seed. This row is the source of truth for the run's state;
/// Hangfire only carries its id. A finished run is never changed again.
/// </summary>
public sealed class Run
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }

    /// <summary>The short number people say ("#127"): 1, 2, 3… in creation order within the workspace (see <see cref="RunNumbers"/>).</summary>
    public int Number { get; set; }

    /// <summary>The run this one repeats ("Run again": same model version, seed and spec), compared with it when both succeeded.</summary>
    public Guid? RerunOfId { get; set; }

    /// <summary>The pinned model version; null for inline runs started through the API.</summary>
    public Guid? ModelVersionId { get; set; }

    public string ModelType { get; set; } = "";
    public long Seed { get; set; }

    /// <summary>Canonical JSON of model type, seed and resolved parameters.</summary>
    public string SpecJson { get; set; } = "";

    public string SpecHash { get; set; } = "";
    public string SoftwareVersion { get; set; } = "";
    public RunStatus Status { get; set; }
    public int Attempt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Worker { get; set; }
    public double Progress { get; set; }
    public string? Stage { get; set; }
    public bool CancelRequested { get; set; }

    /// <summary>The result document as JSON, written together with the Succeeded status.</summary>
    public string? ResultJson { get; set; }

    /// <summary>A readable message for Failed and Interrupted runs.</summary>
    public string? Error { get; set; }

    /// <summary>The checks of a succeeded run summed up (the run page's banner), or null: not succeeded, or no checks.</summary>
    public RunVerdict? Verdict { get; set; }

    /// <summary>The uploaded data set attached to the computation, if its model type uses one.</summary>
    public Guid? DatasetId { get; set; }

    /// <summary>
    /// What a failed computation had produced before it stopped (e.g. training curves up to a divergence),
    /// shown beside the error and never as the run's result.
    /// </summary>
    public string? PartialResultJson { get; set; }

    /// <summary>The sweep this run is a member of, if any.</summary>
    public Guid? SweepId { get; set; }

    /// <summary>A free-text note by the workspace's Editors (see <see cref="RunLabels"/> for its limits).</summary>
    public string? Note { get; set; }

    public ModelVersion? ModelVersion { get; set; }

    public List<RunTag> Tags { get; set; } = [];

    /// <summary>The numeric parameters and scalar metrics, copied out of the spec and result so tables can filter and sort on them.</summary>
    public List<RunValue> Values { get; set; } = [];

    /// <summary>How the run is named in titles, tables and messages.</summary>
    public string Label => "#" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Interrupted;
}
