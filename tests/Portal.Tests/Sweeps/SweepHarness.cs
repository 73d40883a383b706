using System.Text.Json;
using Portal.Features.Models;
using Portal.Features.Sweeps;
using Portal.Features.Workspaces;
using Portal.Tests.Runs;

namespace Portal.Tests.Sweeps;

/// <summary>The run harness plus the sweep service and a saved online-Hebb model in the first user's workspace.</summary>
public sealed class SweepHarness : IDisposable
{
    public SweepHarness(PortalOptions? options = null)
    {
        Runs = new RunHarness(options);
        Sweeps = new SweepService(Runs.Db.Factory, Runs.Workspaces, Runs.Runs, Runs.Notifier, Runs.Cancellations, Runs.Activity, Runs.Options);
        (Alice, Workspace) = Runs.Db.AddUser("alice@x.org");
        using var db = Runs.Db.Factory.CreateDbContext();
        var model = new Model
        {
            Id = Guid.NewGuid(), WorkspaceId = Workspace, Name = "Hebb", ModelType = Compute.Perceptron.OnlineHebbModel.Id, LatestVersion = 1,
            CreatedAt = DateTimeOffset.UtcNow, CreatedById = Alice.UserId,
        };
        model.Versions.Add(new ModelVersion
        {
            Id = Guid.NewGuid(), Version = 1, CreatedAt = DateTimeOffset.UtcNow,
            ParametersJson = """{"N":40,"alphaMax":1,"checkpoints":2,"samples":2,"testSize":100}""",
        });
        db.Models.Add(model);
        db.SaveChanges();
        ModelId = model.Id;
    }

    public RunHarness Runs { get; }
    public SweepService Sweeps { get; }
    public Caller Alice { get; }
    public Guid Workspace { get; }
    public Guid ModelId { get; }

    public static JsonElement J(object value) => JsonSerializer.SerializeToElement(value);

    public static SweepAxisRequest Values(string parameter, params object[] values) => new() { Parameter = parameter, Values = values.Select(J).ToList() };

    public void Dispose() => Runs.Dispose();
}
