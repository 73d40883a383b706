namespace Shared.Runs;

/// <summary>
/// Resource limits a run must respect. Model types estimate their memory and work from the parameters and
/// refuse specs beyond these before anything is queued. The portal builds one instance from its configuration
/// (whose defaults are these) and hands it to every validation: parameters, uploaded data sets and the run's clock.
/// </summary>
public sealed record RunLimits
{
    /// <summary>Largest estimated working memory of one run, in bytes.</summary>
    public long MaxMemoryBytes { get; init; } = 2L << 30;

    /// <summary>Largest estimated work of one run, in elementary operations (multiply-adds, spin updates).</summary>
    public double MaxWork { get; init; } = 2e13;

    /// <summary>Wall-clock limit of one run.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(2);

    public static RunLimits Default { get; } = new();
}
