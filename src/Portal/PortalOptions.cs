namespace Portal;

/// <summary>The "Portal" configuration section (appsettings.json, overridable by Portal__X environment variables).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Where the SQLite file and other local data live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Compute workers of the in-process job server; 0 means cores − 1 (at least 1).</summary>
    public int Workers { get; set; }

    /// <summary>
    /// Threads one run may use at once (its thread budget); 0 means (cores − 1) / workers, at least 1, so that the runs of
    /// all workers together leave a core to the web circuits (with the default workers = cores − 1 that is one thread each).
    /// </summary>
    public int ThreadsPerRun { get; set; }

    /// <summary>Whether this process runs jobs (the web node of a scaled-out set-up may leave that to workers).</summary>
    public bool RunJobServer { get; set; } = true;

    /// <summary>Create the Examples workspace with a finished run of every model type on first start.</summary>
    public bool SeedDemoContent { get; set; } = true;

    /// <summary>How often a run left Running by a dead process is retried before it is marked Interrupted.</summary>
    public int MaxAttempts { get; set; } = 2;

    /// <summary>The name this process registers under as a worker (the admin page shows it); empty means the machine's name.</summary>
    public string? WorkerName { get; set; }

    /// <summary>How often a worker refreshes its row in the database.</summary>
    public int WorkerHeartbeatSeconds { get; set; } = 5;

    /// <summary>A worker whose heartbeat is older than this is dead: its running runs are re-queued or closed.</summary>
    public int WorkerStaleSeconds { get; set; } = 30;

    /// <summary>
    /// The largest share of all worker slots one user's runs may hold at once (0–1; at least one run), so that some slots stay
    /// free for others' runs; 1 leaves every free slot to whoever is next in the fair order (the user with the fewest running runs).
    /// </summary>
    public double WorkerSharePerUser { get; set; } = 1.0;

    /// <summary>How long a stopping process (SIGTERM) waits for its runs to hand themselves back before it exits.</summary>
    public int ShutdownSeconds { get; set; } = 30;

    /// <summary>How often a web node reads the progress of runs executing in other processes (PostgreSQL set-ups).</summary>
    public int RemoteProgressMilliseconds { get; set; } = 500;

    public LimitOptions Limits { get; set; } = new();

    public int EffectiveWorkers => Workers > 0 ? Workers : Math.Max(1, Environment.ProcessorCount - 1);

    public int EffectiveThreadsPerRun => ThreadsPerRun > 0 ? ThreadsPerRun : Math.Max(1, (Environment.ProcessorCount - 1) / EffectiveWorkers);
}

public sealed class LimitOptions
{
    public long MaxMemoryMegabytes { get; set; } = Shared.Runs.RunLimits.Default.MaxMemoryBytes >> 20;
    public double MaxWork { get; set; } = Shared.Runs.RunLimits.Default.MaxWork;
    public double MaxRunMinutes { get; set; } = Shared.Runs.RunLimits.Default.MaxDuration.TotalMinutes;

    /// <summary>Runs one user may have queued or running at once.</summary>
    public int MaxActiveRunsPerUser { get; set; } = 20;

    /// <summary>Runs (points × seeds) one sweep may have.</summary>
    public int MaxSweepMembers { get; set; } = 2000;

    public int MaxUploadMegabytes { get; set; } = 20;

    /// <summary>Stored data sets (parsed, one byte per entry) one user may have uploaded, over all workspaces.</summary>
    public int MaxDatasetMegabytesPerUser { get; set; } = 200;

    /// <summary>Stored data sets of one workspace.</summary>
    public int MaxDatasetMegabytesPerWorkspace { get; set; } = 500;

    /// <summary>The one limits object every validation of a run receives.</summary>
    public Shared.Runs.RunLimits ToRunLimits() => new()
    {
        MaxMemoryBytes = MaxMemoryMegabytes * 1024 * 1024,
        MaxWork = MaxWork,
        MaxDuration = TimeSpan.FromMinutes(MaxRunMinutes),
    };
}
