using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Tests;

/// <summary>Prepares specs through the registry (schema + Validate) and runs them in a run context, as the portal does.</summary>
internal static class ModelRunner
{
    public static RunSpec Spec(IModelType model, long seed, params (string Name, object Value)[] overrides) =>
        Specs.Prepare(model.Info.Id, seed, overrides);

    public static List<FieldError> Errors(IModelType model, long seed, out RunSpec? spec, params (string Name, object Value)[] overrides) =>
        Specs.Errors(model.Info.Id, seed, out spec, overrides);

    /// <summary>Runs <paramref name="spec"/> with a budget of <paramref name="threads"/> threads; the context is disposed after, so the test thread's budget is restored.</summary>
    public static ResultDocument Run(IModelType model, RunSpec spec, int threads = 1, IProgress<RunProgress>? progress = null, CancellationToken? cancellation = null)
    {
        using var context = new RunContext(threads, cancellation ?? TestContext.Current.CancellationToken, progress);
        return model.Run(spec, context);
    }

    public static ResultDocument RunExample(IModelType model)
    {
        var spec = Spec(model, 1, model.Example.Select(kv => (kv.Key, kv.Value)).ToArray());
        return Run(model, spec);
    }

    /// <summary>Asserts that a long run throws OperationCanceledException within ~1 s of cancellation.</summary>
    public static void AssertCancelsQuickly(IModelType model, RunSpec spec)
    {
        using var cts = new CancellationTokenSource();
        cts.CancelAfter(300);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => Run(model, spec, cancellation: cts.Token));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1.3), $"took {sw.Elapsed}");
    }

    public static string Json(ResultDocument document) => ResultJson.Serialize(document);
}
