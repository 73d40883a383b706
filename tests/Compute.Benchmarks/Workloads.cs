namespace Compute.Benchmarks;

/// <summary>The workloads of BENCHMARKS.md, by name. Adding one is a class plus a line here.</summary>
public static class Workloads
{
    public static IReadOnlyList<Workload> All { get; } =
    [
        new PeakWorkload(),
        new GemmWorkload(),
        new IsingWorkload(),
        new SkWorkload(),
        new CapacityWorkload(),
        new TeacherStudentWorkload(),
        new RbmPcdWorkload(),
        new TwoStateProductWorkload(),
        new FlowPhi4Workload(),
        new FlowPhi4MlpWorkload(),
        new VanWorkload(),
        new RunBudgetWorkload(),
    ];
}
