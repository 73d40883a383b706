using Compute.Benchmarks;

// Usage: dotnet run -c Release --project tests/Compute.Benchmarks -- <workload>|all [--reps N]
var name = args.FirstOrDefault() ?? "";
var reps = args.SkipWhile(a => a != "--reps").Skip(1).Select(int.Parse).FirstOrDefault(5);
var selected = name == "all" ? Workloads.All : Workloads.All.Where(w => w.Name == name).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine("Usage: Compute.Benchmarks <workload>|all [--reps N]. Workloads:");
    foreach (var w in Workloads.All) Console.Error.WriteLine($"  {w.Name,-16} {w.Description}");
    return 2;
}
var context = new BenchContext { Repetitions = reps };
foreach (var w in selected)
    Console.WriteLine($"{w.Name,-16} {w.Run(context)}");
return 0;
