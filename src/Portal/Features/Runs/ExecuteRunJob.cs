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
/// Executes one run on the compute queue. Synchronous on purpose: the computation is CPU-bound and must
/// not occupy the thread pool that serves Blazor circuits. Re-entrant: it claims the row Queued → Running
/// atomically and does nothing when the run was cancelled, finished or claimed elsewhere.
/// </summary>
[Queue(QueueName)]
[AutomaticRetry(Attempts = 0)]
public sealed class ExecuteRunJob(
    IDbContextFactory<PortalDb> dbFactory,
    RunNotifier notifier,
    RunCancellations cancellations,
    IOptions<PortalOptions> options,
    ILogger<ExecuteRunJob> logger)
{
    public const string QueueName = "compute";

    private static readonly TimeSpan CancelPollInterval = TimeSpan.FromMilliseconds(400);

    public void Execute(Guid runId, CancellationToken shutdown)
    {
        var worker = $"{Environment.MachineName}/{Environment.ProcessId}/t{Environment.CurrentManagedThreadId}";
        int attempt;
        Run run;
        using (var db = dbFactory.CreateDbContext())
        {
            var claimed = db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued && !r.CancelRequested)
                .ExecuteUpdate(s => s.SetProperty(r => r.Status, RunStatus.Running)
                    .SetProperty(r => r.StartedAt, DateTimeOffset.UtcNow)
                    .SetProperty(r => r.Attempt, r => r.Attempt + 1)
                    .SetProperty(r => r.Worker, worker)
                    .SetProperty(r => r.Progress, 0.0)
                    .SetProperty(r => r.Stage, "starting"));
            if (claimed == 0) return;
            run = db.Runs.AsNoTracking().First(r => r.Id == runId);
            attempt = run.Attempt;
        }
        notifier.Publish(new RunUpdate(run.Id, run.WorkspaceId, RunStatus.Running, 0, "starting"));

        var limit = options.Value.Limits.ToRunLimits().MaxDuration;
        using var timeout = new CancellationTokenSource(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(shutdown, timeout.Token);
        using var cts = cancellations.Register(runId, linked.Token);
        using var watcher = new Timer(_ => CancelIfRequested(runId, cts), null, CancelPollInterval, CancelPollInterval);
        try
        {
            var (type, spec) = Rebuild(run);
            var progress = new ThrottledRunProgress(dbFactory, notifier, run.Id, run.WorkspaceId, attempt);
            var sw = Stopwatch.StartNew();
            // Created on this thread, which runs the model: the context sets its thread budget here.
            using var context = new RunContext(options.Value.EffectiveThreadsPerRun, cts.Token, progress);
            notifier.Attach(runId, context);
            var result = type.Run(spec, context);
            cts.Token.ThrowIfCancellationRequested();
            var json = ResultJson.Serialize(result);
            logger.LogInformation("Run {RunId} ({Type}) succeeded in {Seconds:0.00} s", runId, run.ModelType, sw.Elapsed.TotalSeconds);
            Finish(run, attempt, RunStatus.Succeeded, json, null);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            if (timeout.IsCancellationRequested)
                Finish(run, attempt, RunStatus.Failed, null, $"The run exceeded the time limit of {limit.TotalMinutes:0.#} minutes and was stopped.");
            else if (shutdown.IsCancellationRequested && !CancelRequested(runId))
                logger.LogWarning("Run {RunId} stopped by shutdown; the reconciler resumes it at the next start", runId);
            else
                Finish(run, attempt, RunStatus.Cancelled, null, null);
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
            notifier.Detach(runId);
            cancellations.Unregister(runId);
        }
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

    private static string ReadableMessage(Exception ex) => ex switch
    {
        InvalidOperationException or ArgumentException or FormatException => ex.Message,
        OutOfMemoryException => "The computation ran out of memory. Reduce the size of the model.",
        _ => $"The computation failed: {ex.GetType().Name}: {ex.Message}",
    };

    private void Finish(Run run, int attempt, RunStatus status, string? resultJson, string? error, string? partialJson = null)
    {
        using var db = dbFactory.CreateDbContext();
        var progress = status == RunStatus.Succeeded ? 1.0 : run.Progress;
        // Only the attempt that owns the row may finish it: a reconciled or cancelled run stays as it is.
        var changed = db.Runs.Where(r => r.Id == run.Id && r.Status == RunStatus.Running && r.Attempt == attempt)
            .ExecuteUpdate(s => s.SetProperty(r => r.Status, status)
                .SetProperty(r => r.ResultJson, resultJson)
                .SetProperty(r => r.Error, error)
                .SetProperty(r => r.PartialResultJson, partialJson)
                .SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow)
                .SetProperty(r => r.Progress, r => status == RunStatus.Succeeded ? 1.0 : r.Progress)
                .SetProperty(r => r.Stage, status.ToString().ToLowerInvariant()));
        if (changed == 1)
            notifier.Publish(new RunUpdate(run.Id, run.WorkspaceId, status, progress, status.ToString().ToLowerInvariant()));
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
