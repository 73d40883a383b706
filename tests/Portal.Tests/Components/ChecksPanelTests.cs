using Bunit;
using Portal.Features.Runs;
using Shared.Results;

namespace Portal.Tests.Components;

public class ChecksPanelTests : ComponentTestContext
{
    private static readonly Check Agreeing = Check.WithinSigma("energy", 1.0, 0.1, 1.05, "exact");
    private static readonly Check Bound = Check.Bound("ε ≥ Bayes", 0.30, 0.01, 0.25, BoundSide.AtLeast, "Opper & Haussler");

    [Fact]
    public void AllPassing_IsGreenAndShowsBoundsAsAMargin()
    {
        var panel = Render<ChecksPanel>(p => p.Add(x => x.Checks, [Agreeing, Bound]));
        var verdict = panel.Find("[data-testid=verdict]");
        Assert.Equal("agrees", verdict.GetAttribute("data-verdict"));
        Assert.Equal("true", verdict.GetAttribute("data-agrees"));
        // Nothing needs attention: the table starts collapsed and opens on a click.
        Assert.Empty(panel.FindAll("[data-testid=checks]"));
        Assert.Contains("all 2 pass", panel.Find("[data-testid=checks-count]").TextContent);
        panel.Find("[data-testid=checks-toggle]").Click();
        var rows = panel.FindAll("[data-testid=checks] tbody tr");
        Assert.Contains("-0.5 σ", rows[0].TextContent);
        Assert.Contains("margin 0.05", rows[1].TextContent);
        Assert.DoesNotContain("σ", rows[1].Children[5].TextContent);
    }

    [Fact]
    public void ABoundHoldingOnlyWithinItsTolerance_SaysSoBesideItsNegativeMargin()
    {
        var plateau = Check.Bound("loss plateaued", 1.00, 0.1, 1.5, BoundSide.AtLeast, "the training curve itself", allowance: 0.3);
        Assert.Equal(Verdict.BoundSatisfied, plateau.Verdict);
        Assert.Equal("margin -0.5, within the tolerance 0.6", CheckDisplay.Deviation(plateau));
        Assert.Equal("margin 0.05", CheckDisplay.Deviation(Bound));
    }

    [Fact]
    public void AWarning_IsNeverGreenAndSaysWhatToChange()
    {
        var warned = Check.WithinSigma("identity at T = 1", 0.03, 0.009, 0, "exact").Unless(false, Verdict.NotEquilibrated, "Not equilibrated: increase the warm-up.");
        var panel = Render<ChecksPanel>(p => p.Add(x => x.Checks, [Agreeing, warned]));
        var verdict = panel.Find("[data-testid=verdict]");
        Assert.Equal("warning", verdict.GetAttribute("data-verdict"));
        Assert.Equal("false", verdict.GetAttribute("data-agrees"));
        Assert.Contains("not equilibrated", verdict.TextContent);
        Assert.Contains("increase the warm-up", verdict.TextContent);
        // Collapsed to the warning; the agreeing check is one click away.
        var rows = panel.FindAll("[data-testid=checks] tbody tr");
        Assert.Single(rows);
        Assert.Contains("not equilibrated", rows[0].TextContent);
        panel.Find("[data-testid=checks-toggle]").Click();
        Assert.Equal(2, panel.FindAll("[data-testid=checks] tbody tr").Count);
    }

    [Fact]
    public void AFailure_OutranksWarnings()
    {
        var failing = Check.Bound("F_q ≥ F", -1.2, 0.01, -1.0, BoundSide.AtLeast, "Gibbs-Bogoliubov");
        var low = Check.WithinSigma("ln Z", 1, double.NaN, 1, "exact");
        var panel = Render<ChecksPanel>(p => p.Add(x => x.Checks, [failing, low]));
        var verdict = panel.Find("[data-testid=verdict]");
        Assert.Equal("disagrees", verdict.GetAttribute("data-verdict"));
        Assert.Contains("1 of 2 checks disagree", verdict.TextContent);
        Assert.Contains("low statistics", verdict.TextContent);
        Assert.Equal(2, panel.FindAll("[data-testid=checks] tbody tr").Count);
    }

    [Fact]
    public void BannerAndTable_RenderSeparately_SoThatFiguresCanGoBetween()
    {
        var bannerOnly = Render<ChecksPanel>(p => p.Add(x => x.Checks, [Agreeing]).Add(x => x.ShowTable, false));
        Assert.Single(bannerOnly.FindAll("[data-testid=verdict]"));
        Assert.Empty(bannerOnly.FindAll("[data-testid=checks-toggle]"));
        var tableOnly = Render<ChecksPanel>(p => p.Add(x => x.Checks, [Agreeing]).Add(x => x.ShowBanner, false));
        Assert.Empty(tableOnly.FindAll("[data-testid=verdict]"));
        Assert.Single(tableOnly.FindAll("[data-testid=checks-toggle]"));
    }
}
