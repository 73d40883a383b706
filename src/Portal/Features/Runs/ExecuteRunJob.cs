using System.Diagnostics;
using System.Text.Json;
using Compute;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Portal.Features.Runs;

/// <summary>
/// A free slot of the compute queue. Hangfire carries one such job per queued run, but the job does not insist on "its"
/// run: it takes the next run in the fair order (<see cref="FairQueue"/>), claiming the row Queued → Running atomically,
/// and executes it. Synchronous on purpose: the computation is CPU-bound and must not occupy the thread pool that serves
/// Blazor circuits. While the queue is paused (or every waiting user holds their share) the slot waits and starts nothing.
/// A clean shutdown hands the run back to the queue without counting the attempt.
/// </summary>
[Queue(QueueName)]
[AutomaticRetry(Attempts = 0)]
public sealed class ExecuteRunJob(
    IDbContextFactory<PortalDb> dbFactory,
    RunNotifier notifier,
    RunCancellations cancellations,
    IOptions<PortalOptions> options,
    ILogger<ExecuteRunJob> logger,
    IBackgroundJobClient jobs,
    Workers.WorkerIdentity identity,
    Workers.ComputeQueue queue)
{
    public const string QueueName = "compute";

    private static readonly TimeSpan CancelPollInterval = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan WaitInterval = TimeSpan.FromSeconds(1);

    /// <param name="runId">The run whose submission enqueued this job; any waiting run may be the one executed.</param>
    public void Execute(Guid runId, CancellationToken shutdown)
    {
        var worker = identity.RunWorker(Environment.CurrentManagedThreadId);
        var claimed = ClaimNext(worker, shutdown);
        if (claimed is null)
        {
            // A stopping process keeps the queue's count of jobs: the waiting run this job stood for still needs a slot.
            if (shutdown.IsCancellationRequested) jobs.Enqueue<ExecuteRunJob>(j => j.Execute(runId, CancellationToken.None));
            return;
        }
        Run run;
        using (var db = dbFactory.CreateDbContext())
            run = db.Runs.AsNoTracking().First(r => r.Id == claimed.Value);
        var attempt = run.Attempt;
        runId = run.Id;
        notifier.Publish(new RunUpdate(run.Id, run.WorkspaceId, RunStatus.Running, 0, "starting"));

        var limit = options.Value.Limits.ToRunLimits().MaxDuration;
        using var timeout = new CancellationTokenSource(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(shutdown, timeout.Token);
        using var cts = cancellations.Register(runId, linked.Token);
        using var watcher = new Timer(_ => CancelIfRequested(runId, cts), null, CancelPollInterval, CancelPollInterval);
        RunContext? context = null;
        try
        {
            var (type, spec) = Rebuild(run);
            var progress = new ThrottledRunProgress(dbFactory, notifier, run.Id, run.WorkspaceId, attempt);
            var sw = Stopwatch.StartNew();
            // Created on this thread, which runs the model: the context sets its thread budget here.
            context = new RunContext(options.Value.EffectiveThreadsPerRun, cts.Token, progress);
            notifier.Attach(runId, context);
            var result = type.Run(spec, context);
            cts.Token.ThrowIfCancellationRequested();
            var json = ResultJson.Serialize(result);
            logger.LogInformation("Run {RunId} ({Type}) succeeded in {Seconds:0.00} s", runId, run.ModelType, sw.Elapsed.TotalSeconds);
            Finish(run, attempt, RunStatus.Succeeded, json, null, metrics: RunValues.FromResult(run.Id, result), verdict: RunVerdicts.Of(result.Checks));
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            if (timeout.IsCancellationRequested)
                Finish(run, attempt, RunStatus.Failed, null, $"The run exceeded the time limit of {limit.TotalMinutes:0.#} minutes and was stopped.",
                    PartialJson(context, run.ModelType, "Stopped at the time limit; the curves stop where the run stopped."));
            else if (shutdown.IsCancellationRequested && !CancelRequested(runId))
                HandBack(run, attempt);
            else
                // Like a failure, a cancelled run keeps what it had computed: the live series recorded so far.
                Finish(run, attempt, RunStatus.Cancelled, null, null, PartialJson(context, run.ModelType, "Cancelled by request; the curves stop where the run stopped."));
        }
        catch (RunFailedException ex)
        {
            logger.LogWarning("Run {RunId} failed: {Message}", runId, ex.Message);
            Finish(run, attempt, RunStatus.Failed, null, ex.Message, ex.Partial is null ? null : ResultJson.Serialize(ex.Partial));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Run {RunId} failed", runId);
            Finish(run, attempt, RunStatus.Failed, null, ReadableMessage(ex));
        }
        finally
        {
            context?.Dispose();
            notifier.Detach(runId);
            cancellations.Unregister(runId);
        }
    }

    /// <summary>Claims the next run in the fair order; waits while the queue is paused. Null when nothing waits or on shutdown.</summary>
    private Guid? ClaimNext(string worker, CancellationToken shutdown)
    {
        while (!shutdown.IsCancellationRequested)
        {
            if (!queue.IsPaused())
            {
                using var db = dbFactory.CreateDbContext();
                var cap = FairQueue.PerUserCapAsync(db, options.Value).GetAwaiter().GetResult();
                var (verdict, id) = FairQueue.ClaimNextAsync(db, worker, cap).GetAwaiter().GetResult();
                if (verdict == FairQueue.Verdict.Claimed) return id;
                if (verdict == FairQueue.Verdict.Empty) return null;
            }
            shutdown.WaitHandle.WaitOne(WaitInterval);
        }
        return null;
    }

    /// <summary>
    /// A clean shutdown (SIGTERM, a deploy) is not the run's fault: it goes back to the queue as it was before this attempt,
    /// for another worker or the next start to take up.
    /// </summary>
    private void HandBack(Run run, int attempt)
    {
        using var db = dbFactory.CreateDbContext();
        var note = $"handed back to the queue: worker {identity.Name} shut down";
        var changed = db.Runs.Where(r => r.Id == run.Id && r.Status == RunStatus.Running && r.Attempt == attempt)
            .ExecuteUpdate(s => s.SetProperty(r => r.Status, RunStatus.Queued)
                .SetProperty(r => r.Attempt, attempt - 1)
                .SetProperty(r => r.Worker, (string?)null)
                .SetProperty(r => r.StartedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.Progress, 0.0)
                .SetProperty(r => r.Stage, note));
        if (changed == 0) return;
        logger.LogInformation("Run {RunId} {Note}", run.Id, note);
        notifier.Publish(new RunUpdate(run.Id, run.WorkspaceId, RunStatus.Queued, 0, note));
        jobs.Enqueue<ExecuteRunJob>(j => j.Execute(run.Id, CancellationToken.None));
    }

    /// <summary>Rebuilds the spec from the stored canonical JSON, so a job depends on nothing but the row.</summary>
    private (IModelType Type, RunSpec Spec) Rebuild(Run run)
    {
        var type = ModelRegistry.Find(run.ModelType)
                   ?? throw new InvalidOperationException($"Model type '{run.ModelType}' is not available in this version of the portal ({RunService.SoftwareVersion}).");
        using var doc = JsonDocument.Parse(run.SpecJson);
        var parameters = ParameterValues.FromJson(doc.RootElement.GetProperty("parameters").GetRawText(), type.Info.Schema);
        var spec = new RunSpec(run.ModelType, parameters, run.Seed);
        if (run.DatasetId is { } datasetId && type is IUsesDataset uses)
        {
            using var db = dbFactory.CreateDbContext();
            var loaded = Datasets.DatasetService.Load(db, datasetId)
                         ?? throw new InvalidOperationException("The uploaded data set of this run has been deleted.");
            spec = spec with { Datasets = new Dictionary<string, BinaryMatrix> { [uses.DatasetParameter] = loaded.Matrix } };
        }
        return (type, spec);
    }

    private static string? PartialJson(RunContext? context, string modelType, string summary) =>
        context?.PartialDocument(modelType, summary) is { } partial ? ResultJson.Serialize(partial) : null;

    private static string ReadableMessage(Exception ex) => ex switch
    {
        InvalidOperationException or ArgumentException or FormatException => ex.Message,
        OutOfMemoryException => "The computation ran out of memory. Reduce the size of the model.",
        _ => $"The computation failed: {ex.GetType().Name}: {ex.Message}",
    };

    private void Finish(Run run, int attempt, RunStatus status, string? resultJson, string? error, string? partialJson = null, List<RunValue>? metrics = null, RunVerdict? verdict = null)
    {
        using var db = dbFactory.CreateDbContext();
        using var transaction = db.Database.BeginTransaction();
        var progress = status == RunStatus.Succeeded ? 1.0 : run.Progress;
        // Only the attempt that owns the row may finish it: a reconciled or cancelled run stays as it is.
        var changed = db.Runs.Where(r => r.Id == run.Id && r.Status == RunStatus.Running && r.Attempt == attempt)
            .ExecuteUpdate(s => s.SetProperty(r => r.Status, status)
                .SetProperty(r => r.ResultJson, resultJson)
                .SetProperty(r => r.Error, error)
                .SetProperty(r => r.Verdict, verdict)
                .SetProperty(r => r.PartialResultJson, partialJson)
                .SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow)
                .SetProperty(r => r.Progress, r => status == RunStatus.Succeeded ? 1.0 : r.Progress)
                .SetProperty(r => r.Stage, status.ToString().ToLowerInvariant()));
        if (changed != 1) return;
        // The metrics the runs table filters on are written with the result, so a succeeded run is never without them.
        // A run computed again (requeued after its worker was lost) replaces whatever metrics an earlier attempt left.
        if (metrics is { Count: > 0 })
        {
            db.RunValues.Where(v => v.RunId == run.Id && v.Kind == RunValueKind.Metric).ExecuteDelete();
            db.RunValues.AddRange(metrics);
            db.SaveChanges();
        }
        transaction.Commit();
        notifier.Publish(new RunUpdate(run.Id, run.WorkspaceId, status, progress, status.ToString().ToLowerInvariant()));
        Observability.RunMetrics.RecordEnd(run.ModelType, status, DateTimeOffset.UtcNow - run.StartedAt);
    }

    private bool CancelRequested(Guid runId)
    {
        using var db = dbFactory.CreateDbContext();
        return db.Runs.Where(r => r.Id == runId).Select(r => r.CancelRequested).FirstOrDefault();
    }

    private void CancelIfRequested(Guid runId, CancellationTokenSource cts)
    {
        try
        {
            if (!cts.IsCancellationRequested && CancelRequested(runId)) cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run finished between two polls.
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Polling the cancel flag of run {RunId} failed; trying again", runId);
        }
    }
}
