using Bunit;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Compare;
using Portal.Features.Runs;
using Shared.Results;

namespace Portal.Tests.Compare;

public class SpecDiffTableTests : BunitContext
{
    private static RunSpecView Hebb(double alphaMax, long seed, int n = 100) =>
        new(Guid.CreateVersion7(), "perceptron.online-hebb", null, null, seed,
            "{\"modelType\":\"perceptron.online-hebb\",\"seed\":" + seed + ",\"parameters\":{\"N\":" + n + ",\"alphaMax\":"
            + alphaMax.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"checkpoints\":6,\"samples\":4,\"testSize\":400}}");

    [Fact]
    public void Labels_NameTheDifferingParametersThenTheSeed_AndTellRepeatsApartByTheirId()
    {
        var runs = new[] { Hebb(0.5, 3), Hebb(2, 3), Hebb(2, 4), Hebb(2, 4) };
        var rows = SpecDifferences.Rows(runs);
        Assert.Equal(["alphaMax", "seed"], rows.Where(r => r.Differs).Select(r => r.Name));
        var labels = SpecDifferences.Labels(runs, rows);
        Assert.Equal("alphaMax=0.5, seed 3", labels[0]);
        Assert.Equal("alphaMax=2, seed 3", labels[1]);
        Assert.Equal($"alphaMax=2, seed 4 ({runs[2].Id.ToString()[..8]})", labels[2]);
        Assert.NotEqual(labels[2], labels[3]);
        Assert.Equal("alphaMax", SpecDifferences.SingleNumericDifference(rows)?.Name);
        Assert.Null(SpecDifferences.SingleNumericDifference(SpecDifferences.Rows([Hebb(1, 1, 50), Hebb(2, 1, 100)])));
    }

    [Fact]
    public void Metrics_LabelledDifferentlyPerRun_ShareTheirCommonLabel_AndKeepEachRunsOwn()
    {
        ResultDocument Doc(double alpha) => new() { ModelType = "m", Metrics = [new Metric("eps", $"ε at α = {alpha}", 0.2, 0.01)] };
        var row = Assert.Single(CompareFigures.Metrics([Doc(2), null, Doc(8)]));
        Assert.Equal("ε at α", row.Label);
        Assert.Null(row.Values[1]);
        Assert.Equal("ε at α = 8", row.Values[2]!.Label);
    }

    [Fact]
    public void SpecTable_ShowsOnlyDifferingRows_UntilShowAllIsSwitchedOn()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var specs = new[] { Hebb(0.5, 3), Hebb(2, 3) };
        var rows = SpecDifferences.Rows(specs);
        var labels = SpecDifferences.Labels(specs, rows);
        var runs = specs.Select((s, i) => new ComparedRun(s.Id, labels[i], s.ModelType, null, null, s.Seed, RunStatus.Succeeded, "Compute 1.0.0",
            DateTimeOffset.UtcNow, new Dictionary<Verdict, int> { [Verdict.Agrees] = 2 })).ToList();

        var table = Render<SpecDiffTable>(p => p.Add(x => x.Runs, runs).Add(x => x.Rows, rows));
        Assert.Equal(["alphaMax"], table.FindAll("[data-testid=spec-row]").Select(r => r.GetAttribute("data-name")));
        Assert.Contains("seed = 3", table.Find("[data-testid=spec-same]").TextContent);
        Assert.Contains("2 agree", table.Find("[data-testid=checks-row]").TextContent);

        table.Find("input[data-testid=spec-show-all]").Change(true);
        Assert.Equal(rows.Count, table.FindAll("[data-testid=spec-row]").Count);
        Assert.Empty(table.FindAll("[data-testid=spec-same]"));
        table.Find("input[data-testid=spec-show-all]").Change(false);
        Assert.Single(table.FindAll("[data-testid=spec-row]"));
    }
}
