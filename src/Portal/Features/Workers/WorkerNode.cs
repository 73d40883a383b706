namespace Portal.Features.Workers;

/// <summary>
/// A process that runs compute jobs, as it registered itself in the database: its row is refreshed by a heartbeat, so
/// every process can tell which workers are alive and whose runs were left behind by a worker that died.
/// </summary>
public sealed class WorkerNode
{
    public const int MaxNameLength = 200;

    /// <summary>Unique per process lifetime (name, process id and a random suffix): a restarted worker is a new node.</summary>
    public string Id { get; set; } = "";

    /// <summary>The configured name (Portal:WorkerName), by default the machine's.</summary>
    public string Name { get; set; } = "";

    /// <summary>"all" (web and compute in one process) or "worker".</summary>
    public string Role { get; set; } = "";

    /// <summary>Runs it executes at once.</summary>
    public int Slots { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset HeartbeatAt { get; set; }
}
