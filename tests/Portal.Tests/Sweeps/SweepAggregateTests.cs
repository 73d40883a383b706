using System.Text.Json;
using Portal.Features.Runs;
using Portal.Features.Sweeps;
using Shared.Results;
using static Portal.Tests.Sweeps.SweepHarness;

namespace Portal.Tests.Sweeps;

public class SweepAggregateTests
{
    [Fact]
    public void MeanAndError_KnownSample_IsSampleStdOverRootN()
    {
        var (mean, se) = SweepAggregate.MeanAndError([1.0, 2.0, 3.0, 4.0]);

        Assert.Equal(2.5, mean, 12);
        // s² = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3; SE = √(5/3 / 4).
        Assert.Equal(Math.Sqrt(5.0 / 12.0), se!.Value, 12);
    }

    [Fact]
    public void MeanAndError_OneValue_HasNoError_NoValue_IsNaN()
    {
        Assert.Equal((3.0, (double?)null), SweepAggregate.MeanAndError([3.0]));
        Assert.True(double.IsNaN(SweepAggregate.MeanAndError([]).Mean));
    }

    [Fact]
    public void Compute_MissingAndFailedMembers_AreCountedNotAveraged()
    {
        var grid = new SweepGrid([new SweepAxis("alphaMax", [J(1.0), J(2.0)])], [1, 2, 3], new Dictionary<string, JsonElement>());
        var results = new Dictionary<Guid, ResultDocument>();
        var members = new List<SweepMember>();
        foreach (var point in grid.Points())
            foreach (var seed in grid.Seeds)
            {
                var x = point[0].GetDouble();
                // At α = 2 seed 3 failed and seed 2's result lacks the metric.
                var status = x == 2 && seed == 3 ? RunStatus.Failed : RunStatus.Succeeded;
                var run = new Run { Id = Guid.NewGuid(), Status = status, Seed = seed };
                if (status == RunStatus.Succeeded)
                    results[run.Id] = new ResultDocument
                    {
                        ModelType = "t",
                        Metrics = x == 2 && seed == 2 ? [] : [new Metric("eps", "ε", x * 10 + seed, Unit: "1")],
                    };
                members.Add(new SweepMember(point, SweepGrid.PointKey(point), seed, run, 1));
            }

        var aggregate = SweepAggregate.Compute(grid, members, results, "eps");

        Assert.Equal("ε", aggregate.Label);
        Assert.Equal(2, aggregate.Points.Count);
        var first = aggregate.Points[0];
        Assert.Equal((3, 0, 12.0), (first.Count, first.Missing, first.Mean));
        Assert.Equal(1.0 / Math.Sqrt(3), first.StandardError!.Value, 12);
        var second = aggregate.Points[1];
        Assert.Equal((1, 2, 21.0, (double?)null), (second.Count, second.Missing, second.Mean, second.StandardError));
        Assert.Equal([2.0], second.Coordinates);
        Assert.Equal("alphaMax,n,missing,eps_mean,eps_standard_error", aggregate.ToCsv(grid).Split(Environment.NewLine)[0]);
        Assert.Equal("2,1,2,21,", aggregate.ToCsv(grid).Split(Environment.NewLine)[2]);
    }
}
