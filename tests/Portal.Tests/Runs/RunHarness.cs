using System.Text.Json;
using Compute;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
using Shared.Models;
using Shared.Runs;

namespace Portal.Tests.Runs;

/// <summary>The run services wired over a test database, as the portal wires them.</summary>
public sealed class RunHarness : IDisposable
{
    public RunHarness(PortalOptions? options = null)
    {
        Options = Microsoft.Extensions.Options.Options.Create(options ?? new PortalOptions());
        Workspaces = new WorkspaceService(Db.Factory);
        Activity = new Portal.Features.Activity.ActivityLog(Db.Factory);
        Runs = new RunService(Db.Factory, Workspaces, Jobs, Notifier, Cancellations, Activity, Options);
        Identity = new Portal.Features.Workers.WorkerIdentity(Options);
        Queue = new Portal.Features.Workers.ComputeQueue(Db.Factory);
        Job = new ExecuteRunJob(Db.Factory, Notifier, Cancellations, Options, NullLogger<ExecuteRunJob>.Instance, Jobs, Identity, Queue);
        Reconciler = new RunReconciler(Db.Factory, Runs, Options, NullLogger<RunReconciler>.Instance);
    }

    public TestDatabase Db { get; } = new();
    public RecordingJobClient Jobs { get; } = new();
    public RunNotifier Notifier { get; } = new();
    public RunCancellations Cancellations { get; } = new();
    public IOptions<PortalOptions> Options { get; }
    public WorkspaceService Workspaces { get; }
    public Portal.Features.Activity.ActivityLog Activity { get; }
    public RunService Runs { get; }
    public Portal.Features.Workers.WorkerIdentity Identity { get; }
    public Portal.Features.Workers.ComputeQueue Queue { get; }
    public ExecuteRunJob Job { get; }
    public RunReconciler Reconciler { get; }

    public static RunSpec HebbSpec(long seed, params (string Name, object Value)[] overrides)
    {
        var errors = new List<FieldError>();
        var spec = ModelRegistry.Prepare(Compute.Perceptron.OnlineHebbModel.Id,
            overrides.ToDictionary(o => o.Name, o => JsonSerializer.SerializeToElement(o.Value)), seed, RunLimits.Default, errors);
        Assert.Empty(errors);
        return spec!;
    }

    public void Dispose() => Db.Dispose();
}
