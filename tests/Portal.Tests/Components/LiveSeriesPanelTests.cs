using Bunit;
using Compute;
using Portal.Features.Runs;

namespace Portal.Tests.Components;

public class LiveSeriesPanelTests : ComponentTestContext
{
    [Fact]
    public void RunExecutingHere_DrawsItsSeriesAndRedrawsWhenTheyGrow()
    {
        var runId = Guid.NewGuid();
        using var context = RunContext.Serial(Xunit.TestContext.Current.CancellationToken);
        var loss = context.Series("loss", "step", "reverse KL");
        loss.Add(1, 2.5);
        Harness.Notifier.Attach(runId, context);

        var panel = Render<LiveSeriesPanel>(p => p.Add(x => x.RunId, runId));
        Assert.Single(panel.FindAll("[data-testid=live-series] .figure-chart"));

        context.Series("ess", "step", "ESS/N").Add(1, 0.4);
        Harness.Notifier.Publish(new RunUpdate(runId, WorkspaceId, RunStatus.Running, 0.5, "training"));
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=live-series] .figure-chart").Count));
        Harness.Notifier.Detach(runId);
    }

    [Fact]
    public void RunNotExecutingHere_RendersNothing()
    {
        var panel = Render<LiveSeriesPanel>(p => p.Add(x => x.RunId, Guid.NewGuid()));
        Assert.Empty(panel.FindAll("[data-testid=live-series]"));
    }
}
