using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Runs;

namespace Portal.Features.Observability;

/// <summary>
/// The portal's own run metrics (meter "Portal.Runs"): how long runs take by model type, how they end (failures
/// included), recorded by the process that executes them; and the queue depth and running count, read from the database
/// when scraped, so every web node reports the whole set-up.
/// </summary>
public static class RunMetrics
{
    public const string MeterName = "Portal.Runs";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("portal.run.duration", "s",
        "Wall-clock time of a run from its start on a worker to its end, by model type and final status.");

    private static readonly Counter<long> Finished = Meter.CreateCounter<long>("portal.runs.finished", "{run}",
        "Runs that ended, by model type and final status (Failed and Interrupted are the failures).");

    public static void RecordEnd(string modelType, RunStatus status, TimeSpan? elapsed)
    {
        var tags = new KeyValuePair<string, object?>[] { new("model_type", modelType), new("status", status.ToString()) };
        Finished.Add(1, tags);
        if (elapsed is { } e) Duration.Record(e.TotalSeconds, tags);
    }

    /// <summary>Gauges over the database: runs queued (the queue's depth) and running, whichever process executes them.</summary>
    public sealed class QueueGauges : IDisposable
    {
        private readonly Meter _meter = new(MeterName);

        public QueueGauges(IDbContextFactory<PortalDb> dbFactory)
        {
            _meter.CreateObservableGauge("portal.runs.queued", () => Count(dbFactory, RunStatus.Queued), "{run}", "Runs waiting for a worker slot.");
            _meter.CreateObservableGauge("portal.runs.running", () => Count(dbFactory, RunStatus.Running), "{run}", "Runs executing on a worker.");
        }

        private static long Count(IDbContextFactory<PortalDb> dbFactory, RunStatus status)
        {
            using var db = dbFactory.CreateDbContext();
            return db.Runs.LongCount(r => r.Status == status);
        }

        public void Dispose() => _meter.Dispose();
    }
}
