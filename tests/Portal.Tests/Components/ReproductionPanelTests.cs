using Bunit;
using Portal.Features.Runs;

namespace Portal.Tests.Components;

public class ReproductionPanelTests : ComponentTestContext
{
    private static Run Finished(int number, string result) =>
        new() { Id = Guid.NewGuid(), Number = number, Status = RunStatus.Succeeded, ResultJson = result, FinishedAt = DateTimeOffset.UtcNow };

    [Fact]
    public void IdenticalResults_ShowTheBadge()
    {
        var original = Finished(3, """{"metrics":[{"name":"eg","value":0.1}]}""");
        var rerun = Finished(7, """{"metrics":[{"name":"eg","value":0.1}]}""");
        var panel = Render<ReproductionPanel>(p => p.Add(x => x.Reproduction, Reproduction.Of(original, rerun)));
        Assert.Contains("reproduced bit for bit", panel.Find("[data-testid=reproduced-badge]").TextContent);
        Assert.Contains("#3", panel.Find("[data-testid=reproduction]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=reproduction-differences]"));
    }

    [Fact]
    public void DifferentResults_ListWhatDiffersWithBothValues()
    {
        var original = Finished(3, """{"metrics":[{"name":"eg","value":0.1}]}""");
        var rerun = Finished(7, """{"metrics":[{"name":"eg","value":0.2}]}""");
        var panel = Render<ReproductionPanel>(p => p.Add(x => x.Reproduction, Reproduction.Of(original, rerun)));
        Assert.Empty(panel.FindAll("[data-testid=reproduced-badge]"));
        Assert.Contains("1 value differs from #3", panel.Find("[data-testid=reproduction-differs]").TextContent);
        var row = panel.Find("[data-testid=reproduction-differences] tbody tr");
        Assert.Contains("metrics[eg].value", row.TextContent);
        Assert.Contains("0.1", row.Children[1].TextContent);
        Assert.Contains("0.2", row.Children[2].TextContent);
    }

    [Fact]
    public void UnfinishedRerun_Waits()
    {
        var original = Finished(3, "{}");
        var rerun = new Run { Id = Guid.NewGuid(), Number = 4, Status = RunStatus.Running };
        var panel = Render<ReproductionPanel>(p => p.Add(x => x.Reproduction, Reproduction.Of(original, rerun)));
        Assert.Equal("Waiting", panel.Find("[data-testid=reproduction]").GetAttribute("data-state"));
    }
}
