using System.Diagnostics;
using System.Text.Json;
using Shared.Models;
using Shared.Runs;

namespace Compute.Benchmarks;

/// <summary>
/// How many cores one run occupies under its thread budget: the whole process's CPU time over the wall time of a
/// run, with budgets of one and two threads, for a sample-parallel model (teacher-student, Gibbs learning, N = 200,
/// 6 α × 10 samples) and a helper-thread model (flow.phi4 training on its example). Not a BENCHMARKS.md workload: it
/// measures the budget, not speed. Run it on an otherwise idle machine; another process on the cores lowers the figure.
/// </summary>
public sealed class RunBudgetWorkload : Workload
{
    public override string Name => "run-budget";
    public override string Description => "CPU cores used by one run with thread budgets 1 and 2";

    public override string Run(BenchContext context)
    {
        var lines = new List<string>();
        foreach (var (id, overrides) in new (string, Dictionary<string, object>)[]
                 {
                     (Perceptron.TeacherStudentModel.Id, new() { ["N"] = 200L, ["rule"] = "gibbs", ["samples"] = 10L, ["alphaMax"] = 3.0 }),
                     (Flows.Phi4.Phi4Model.Id, new() { ["L"] = 8L, ["steps"] = 300L, ["batch"] = 256L, ["samples"] = 4096L, ["baselineSweeps"] = 1000L }),
                 })
        {
            var type = ModelRegistry.Find(id)!;
            var errors = new List<FieldError>();
            var spec = ModelRegistry.Prepare(id, overrides.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value)), 1, RunLimits.Default, errors)
                       ?? throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
            foreach (var threads in new[] { 1, 2 })
            {
                var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                using (var run = new RunContext(threads, CancellationToken.None)) type.Run(spec, run);
                var seconds = wall.Elapsed.TotalSeconds;
                process.Refresh();
                var cores = (process.TotalProcessorTime - cpu0).TotalSeconds / seconds;
                lines.Add($"{id} budget {threads}: {cores:0.00} cores for {seconds:0.00} s");
            }
        }
        return string.Join("; ", lines);
    }
}
