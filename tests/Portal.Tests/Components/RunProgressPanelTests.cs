using Bunit;
using Compute.Perceptron;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Features.Runs;
using Portal.Tests.Runs;

namespace Portal.Tests.Components;

public class RunProgressPanelTests : ComponentTestContext
{
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderPanel(Func<Task>? onCancel, params (string Name, object? Value)[] parameters)
    {
        var cancel = EventCallback.Factory.Create(this, onCancel ?? (() => Task.CompletedTask));
        // The confirmation is a MudDialog: it renders through the layout's dialog provider.
        return Render(b =>
        {
            b.OpenComponent<MudDialogProvider>(0);
            b.CloseComponent();
            b.OpenComponent<RunProgressPanel>(1);
            foreach (var (name, value) in parameters) b.AddAttribute(2, name, value);
            b.AddAttribute(3, nameof(RunProgressPanel.OnCancel), cancel);
            b.CloseComponent();
        });
    }

    [Fact]
    public void QueuedRun_ShowsHowManyRunsStartBeforeIt()
    {
        var spec = RunHarness.HebbSpec(1);
        Harness.Db.AddRun(WorkspaceId, OnlineHebbModel.Id, spec, createdBy: User.UserId);
        var second = Harness.Db.AddRun(WorkspaceId, OnlineHebbModel.Id, spec, createdBy: User.UserId);
        var panel = RenderPanel(null, ("RunId", second.Id), ("Status", RunStatus.Queued));
        panel.WaitForAssertion(() => Assert.Equal("1", panel.Find("[data-testid=queue-position]").GetAttribute("data-ahead")));
        Assert.Contains("1 queued run starts before this one", panel.Markup);
    }

    [Fact]
    public void RunningRun_ShowsTheTimeLeft_OnlyPastTwoPercentAndTwoSeconds()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-20);
        var early = RenderPanel(null, ("Status", RunStatus.Running), ("Progress", 0.01), ("StartedAt", (DateTimeOffset?)started));
        Assert.Empty(early.FindAll("[data-testid=run-eta]"));
        var justStarted = RenderPanel(null, ("Status", RunStatus.Running), ("Progress", 0.5), ("StartedAt", (DateTimeOffset?)DateTimeOffset.UtcNow));
        Assert.Empty(justStarted.FindAll("[data-testid=run-eta]"));

        var half = RenderPanel(null, ("Status", RunStatus.Running), ("Progress", 0.5), ("StartedAt", (DateTimeOffset?)started));
        Assert.Contains("Time left: about 20 s", half.Find("[data-testid=run-eta]").TextContent);
    }

    [Fact]
    public void Cancel_AsksFirst_AndOnlyTheConfirmationCancels()
    {
        var cancelled = 0;
        var panel = RenderPanel(() => { cancelled++; return Task.CompletedTask; }, ("Status", RunStatus.Running), ("Progress", 0.4), ("CanCancel", true));

        panel.Find("[data-testid=cancel-run]").Click();
        panel.WaitForAssertion(() => Assert.Contains("Cancel this run?", panel.Markup));
        Assert.Contains("stops within a second at 40 %", panel.Markup);
        Assert.Equal(0, cancelled);

        panel.Find("[data-testid=keep-running]").Click();
        panel.WaitForAssertion(() => Assert.DoesNotContain("Cancel this run?", panel.Markup));
        Assert.Equal(0, cancelled);

        panel.Find("[data-testid=cancel-run]").Click();
        panel.WaitForAssertion(() => panel.Find("[data-testid=confirm-cancel]").Click());
        panel.WaitForAssertion(() => Assert.Equal(1, cancelled));
    }
}
