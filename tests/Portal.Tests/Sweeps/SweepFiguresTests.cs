using System.Text.Json;
using Portal.Features.Runs;
using Portal.Features.Sweeps;
using Portal.Features.Workspaces;
using Shared.Results;
using static Portal.Tests.Sweeps.SweepHarness;

namespace Portal.Tests.Sweeps;

public class SweepFiguresTests
{
    /// <summary>A finished 2D Hopfield sweep over (α, noise) with synthetic overlaps m = 1 below α_c and 0.2 above.</summary>
    private static (SweepState State, SweepAggregate Aggregate) Hopfield()
    {
        var grid = new SweepGrid([new SweepAxis("alphaMax", [J(0.05), J(0.1), J(0.15), J(0.2)]), new SweepAxis("noise", [J(0.0), J(0.1), J(0.2)])],
            [1, 2], new Dictionary<string, JsonElement>());
        var results = new Dictionary<Guid, ResultDocument>();
        var members = new List<SweepMember>();
        foreach (var p in grid.Points())
            foreach (var seed in grid.Seeds)
            {
                var run = new Run { Id = Guid.NewGuid(), Status = RunStatus.Succeeded, Seed = seed };
                results[run.Id] = new ResultDocument { ModelType = "ebm.hopfield", Metrics = [new Metric("overlap_last", $"m at α = {p[0]}", p[0].GetDouble() < 0.138 ? 1 : 0.2)] };
                members.Add(new SweepMember(p, SweepGrid.PointKey(p), seed, run, 1));
            }
        var sweep = new Sweep { Id = Guid.NewGuid(), ModelType = Compute.EnergyModels.Hopfield.HopfieldModel.Id, Name = "Hopfield" };
        var state = new SweepState(sweep, grid, members, WorkspaceAccess.None)
        {
            SharedParameters = new Dictionary<string, JsonElement> { ["N"] = J(200), ["alphaPoints"] = J(1), ["alphaMin"] = J(0.05) },
        };
        return (state, SweepAggregate.Compute(grid, members, results, "overlap_last"));
    }

    [Fact]
    public void PhaseDiagram_IsAHeatmapOfTheMeanWithTheAgsLine()
    {
        var (state, aggregate) = Hopfield();

        var figure = SweepFigures.Build(state, aggregate, SweepView.Heatmap, showSeeds: false);

        Assert.Equal(FigureKind.Heatmap, figure.Kind);
        Assert.StartsWith("Largest load α", figure.XAxis.Title);
        Assert.StartsWith("Initial noise", figure.YAxis.Title);
        var map = figure.Traces[0];
        Assert.Equal("m", map.Name);
        Assert.Equal([0.0, 0.1, 0.2], map.Y);
        Assert.Equal([1.0, 1.0, 0.2, 0.2], map.Z![1]);
        var line = Assert.Single(figure.Traces, t => t.Role == TraceRole.Theory);
        Assert.Null(line.Z);
        Assert.All(line.X, x => Assert.Equal(0.137906, x, 5));
    }

    [Fact]
    public void Curves_OnePerValueOfTheSecondParameter_WithTheCapacityMarker()
    {
        var (state, aggregate) = Hopfield();

        var figure = SweepFigures.Build(state, aggregate, SweepView.Curves, showSeeds: true);

        Assert.Equal(3, figure.Traces.Count(t => t.Role == TraceRole.Simulation && !t.Faint));
        Assert.Contains(figure.Traces, t => t.Name == "noise = 0.1");
        Assert.Equal(3, figure.Traces.Count(t => t.Faint));
        Assert.Equal(0.137906, Assert.Single(figure.Markers).X, 5);
    }
}
