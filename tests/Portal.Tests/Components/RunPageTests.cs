using Bunit;
using Compute.Perceptron;
using Portal.Features.Runs;
using Portal.Tests.Runs;
using Shared.Results;
using Shared.Runs;

namespace Portal.Tests.Components;

public class RunPageTests : ComponentTestContext
{
    [Fact]
    public void ProgressPanel_UpdatesFromTheNotifier_ThenShowsResultWithVerdict()
    {
        var spec = RunHarness.HebbSpec(2, ("N", 100), ("alphaMax", 2.0), ("checkpoints", 3), ("samples", 4), ("testSize", 300));
        var run = Harness.Db.AddRun(WorkspaceId, spec.ModelType, spec, RunStatus.Running, User.UserId, attempt: 1);
        var page = Render<RunPage>(p => p.Add(x => x.Id, run.Id));
        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=progress-bar]").GetAttribute("data-progress")));

        Harness.Notifier.Publish(new RunUpdate(run.Id, WorkspaceId, RunStatus.Running, 0.42, "sample 2/4"));
        page.WaitForAssertion(() => Assert.Equal("0.42", page.Find("[data-testid=progress-bar]").GetAttribute("data-progress")));
        Assert.Contains("sample 2/4", page.Find("[data-testid=progress-panel]").TextContent);

        ResultDocument result;
        using (var context = Compute.RunContext.Serial(Xunit.TestContext.Current.CancellationToken))
            result = new OnlineHebbModel().Run(spec, context);
        using (var db = Harness.Db.Factory.CreateDbContext())
        {
            var row = db.Runs.Single(r => r.Id == run.Id);
            row.Status = RunStatus.Succeeded;
            row.ResultJson = ResultJson.Serialize(result);
            db.SaveChanges();
        }
        Harness.Notifier.Publish(new RunUpdate(run.Id, WorkspaceId, RunStatus.Succeeded, 1, "succeeded"));

        page.WaitForAssertion(() => Assert.Equal(result.AllChecksAgree ? "true" : "false", page.Find("[data-testid=verdict]").GetAttribute("data-agrees")));
        Assert.Empty(page.FindAll("[data-testid=progress-panel]"));
        Assert.Equal(result.Figures.Count, page.FindAll(".figure-chart").Count);
        Assert.Equal(run.Label, page.Find("[data-testid=run-title-number]").TextContent);
        Assert.Equal(Portal.Features.Runs.ResultFingerprint.Hash(ResultJson.Serialize(result))[..12], page.Find("[data-testid=result-hash]").TextContent);
    }

    [Fact]
    public void OtherWorkspacesRun_ShowsNotFound()
    {
        var (_, otherWs) = Harness.Db.AddUser("other@x.org");
        var run = Harness.Db.AddRun(otherWs, OnlineHebbModel.Id, RunHarness.HebbSpec(1));
        var page = Render<RunPage>(p => p.Add(x => x.Id, run.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=not-found]")));
    }
}
