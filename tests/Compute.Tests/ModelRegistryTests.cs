using System.Diagnostics;
using Shared.Results;
using Shared.Runs;

namespace Compute.Tests;

/// <summary>What every model type owes the portal, checked once over <see cref="ModelRegistry.All"/>.</summary>
public class ModelRegistryTests
{
    public static TheoryData<string> Types => new(ModelRegistry.All.Select(t => t.Info.Id));

    private static IModelType Type(string id) => ModelRegistry.Find(id)!;

    /// <summary>The check's decision recomputed from its stored numbers alone.</summary>
    private static bool Passes(Check c) => c.Kind switch
    {
        CheckKind.WithinSigma => Math.Abs(c.Simulated - c.Reference) <= c.Sigmas * c.Error + c.Allowance,
        CheckKind.Bound => (c.Side == BoundSide.AtMost ? c.Reference - c.Simulated : c.Simulated - c.Reference) >= -((c.Sigmas == 0 ? 0 : c.Sigmas * c.Error) + c.Allowance),
        CheckKind.Chi2 => c.Simulated <= c.Reference + 3 * Math.Sqrt(2 * c.Reference),
        _ => Math.Abs(c.Simulated - c.Reference) <= c.Allowance,
    };

    [Theory, MemberData(nameof(Types))]
    public void Example_PassesEveryCheck_AssertedAgainstItsNumbers(string id)
    {
        var (result, cpu) = ModelRunner.Example(Type(id));
        Assert.Equal(id, result.ModelType);
        Assert.NotEmpty(result.Checks);
        Assert.All(result.Checks, c =>
        {
            var numbers = $"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference} ({c.Criterion}) → {c.Verdict}";
            Assert.True(double.IsFinite(c.Simulated) && double.IsFinite(c.Reference), numbers);
            Assert.True(Passes(c), numbers);
            Assert.True(c.Agrees, numbers);
        });
        Assert.True(result.AllChecksAgree);
        Assert.NotEmpty(result.Figures);
        // The examples are the demo content computed at first start: they must stay small.
        Assert.True(cpu < TimeSpan.FromSeconds(10), $"the example took {cpu} of CPU time");
    }

    [Theory, MemberData(nameof(Types))]
    public void Example_SameSeedWithOneOrTwoThreads_GivesTheIdenticalDocument(string id)
    {
        var type = Type(id);
        var one = ModelRunner.Json(ModelRunner.Example(type).Result);
        var two = ModelRunner.Json(ModelRunner.Run(type, ModelRunner.ExampleSpec(type), threads: 2));
        Assert.Equal(one, two);
    }

    [Theory, MemberData(nameof(Types))]
    public void Example_AnotherSeed_GivesAnotherDocument(string id)
    {
        var type = Type(id);
        // Pure theory (replica curves, the Parisi solution) involves no randomness at all.
        if (id is Compute.Perceptron.TheoryModel.Id or Compute.EnergyModels.Parisi.SkParisiModel.Id) return;
        var other = ModelRunner.Json(ModelRunner.Run(type, ModelRunner.ExampleSpec(type, seed: 2)));
        Assert.NotEqual(ModelRunner.Json(ModelRunner.Example(type).Result), other);
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
        Assert.ThrowsAny<OperationCanceledException>(() => ModelRunner.Run(type, ModelRunner.ExampleSpec(type), progress: progress, cancellation: cts.Token));
        Assert.NotNull(progress.SinceCancel);
        Assert.True(progress.SinceCancel!.Elapsed < TimeSpan.FromSeconds(1), $"stopped {progress.SinceCancel.Elapsed} after the cancel");
    }
}
