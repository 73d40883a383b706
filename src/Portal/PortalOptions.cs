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

    public LimitOptions Limits { get; set; } = new();

    public int EffectiveWorkers => Workers > 0 ? Workers : Math.Max(1, Environment.ProcessorCount - 1);

    public int EffectiveThreadsPerRun => ThreadsPerRun > 0 ? ThreadsPerRun : Math.Max(1, (Environment.ProcessorCount - 1) / EffectiveWorkers);
}

public sealed class LimitOptions
{
    public long MaxMemoryMegabytes { get; set; } = 2048;
    public double MaxWork { get; set; } = 2e13;
    public double MaxRunMinutes { get; set; } = 120;

    /// <summary>Runs one user may have queued or running at once.</summary>
    public int MaxActiveRunsPerUser { get; set; } = 20;

    /// <summary>Runs (points × seeds) one sweep may have.</summary>
    public int MaxSweepMembers { get; set; } = 2000;

    public int MaxUploadMegabytes { get; set; } = 20;

    /// <summary>Stored data sets (parsed, one byte per entry) one user may have uploaded, over all workspaces.</summary>
    public int MaxDatasetMegabytesPerUser { get; set; } = 200;

    /// <summary>Stored data sets of one workspace.</summary>
    public int MaxDatasetMegabytesPerWorkspace { get; set; } = 500;

    public Shared.Runs.RunLimits ToRunLimits() => new()
    {
        MaxMemoryBytes = MaxMemoryMegabytes * 1024 * 1024,
        MaxWork = MaxWork,
        MaxDuration = TimeSpan.FromMinutes(MaxRunMinutes),
    };
}
