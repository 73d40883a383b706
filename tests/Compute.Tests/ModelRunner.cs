using System.Collections.Concurrent;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Tests;

/// <summary>Prepares specs through the registry (schema + Validate) and runs them in a run context, as the portal does.</summary>
internal static class ModelRunner
{
    private static readonly ConcurrentDictionary<string, Lazy<(ResultDocument Result, TimeSpan Cpu)>> Examples = new();

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

    public static RunSpec ExampleSpec(IModelType model, long seed = 1) => Spec(model, seed, model.Example.Select(kv => (kv.Key, kv.Value)).ToArray());

    /// <summary>
    /// The example of a model type run once per test process (seed 1, one thread), with the CPU time it took: the
    /// registry's tests and the families' tests of what the example shows share this one run.
    /// </summary>
    public static (ResultDocument Result, TimeSpan Cpu) Example(IModelType model) =>
        Examples.GetOrAdd(model.Info.Id, _ => new Lazy<(ResultDocument, TimeSpan)>(() =>
            ThreadCpuClock.Measure(() => Run(model, ExampleSpec(model), cancellation: CancellationToken.None)))).Value;

    public static ResultDocument RunExample(IModelType model) => Example(model).Result;

    public static string Json(ResultDocument document) => ResultJson.Serialize(document);
}
