using System.Diagnostics;
using Shared.Runs;

namespace Compute.Tests;

/// <summary>What every model type owes the portal, checked once over <see cref="ModelRegistry.All"/>.</summary>
public class ModelRegistryTests
{
    public static TheoryData<string> Types => new(ModelRegistry.All.Select(t => t.Info.Id));

    private static IModelType Type(string id) => ModelRegistry.Find(id)!;

    private static RunSpec Example(IModelType type, long seed = 1) => ModelRunner.Spec(type, seed, type.Example.Select(kv => (kv.Key, kv.Value)).ToArray());

    [Theory, MemberData(nameof(Types))]
    public void Example_SameSeedWithOneOrTwoThreads_GivesIdenticalDocuments(string id)
    {
        var type = Type(id);
        var spec = Example(type);
        var one = ModelRunner.Json(ModelRunner.Run(type, spec, threads: 1));
        var two = ModelRunner.Json(ModelRunner.Run(type, spec, threads: 2));
        Assert.Equal(one, two);
    }

    private sealed class CancelAtFirstReport(CancellationTokenSource cts) : IProgress<RunProgress>
    {
        public Stopwatch? SinceCancel { get; private set; }

        public void Report(RunProgress value)
        {
            if (SinceCancel is not null) return;
            SinceCancel = Stopwatch.StartNew();
            cts.Cancel();
        }
    }

    [Theory, MemberData(nameof(Types))]
    public void Run_CancelledAtItsFirstProgressReport_StopsWithinASecond(string id)
    {
        var type = Type(id);
        using var cts = new CancellationTokenSource();
        var progress = new CancelAtFirstReport(cts);
        Assert.ThrowsAny<OperationCanceledException>(() => ModelRunner.Run(type, Example(type), progress: progress, cancellation: cts.Token));
        Assert.NotNull(progress.SinceCancel);
        Assert.True(progress.SinceCancel!.Elapsed < TimeSpan.FromSeconds(1), $"stopped {progress.SinceCancel.Elapsed} after the cancel");
    }
}
