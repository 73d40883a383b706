using Microsoft.AspNetCore.Components;
using Bunit;
using Compute.Perceptron;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
using Portal.Tests.Runs;

namespace Portal.Tests.Components;

public class RunsGridTests : ComponentTestContext
{
    public RunsGridTests()
    {
        Services.AddScoped<RunQueryService>();
        Services.AddScoped<RunLabelService>();
        Services.AddScoped<RunBulkService>();
    }

    /// <summary>30 Hebb runs with N = 10, 20, …, 300, the newest with the largest N.</summary>
    private List<Run> Seed() => Enumerable.Range(1, 30).Select(i => Harness.Db.AddRun(WorkspaceId, OnlineHebbModel.Id, RunHarness.HebbSpec(i, ("N", 10 * i)),
        RunStatus.Succeeded, User.UserId)).ToList();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderGrid() => Render(b =>
    {
        b.OpenComponent<MudPopoverProvider>(0);
        b.CloseComponent();
        b.OpenComponent<MudDialogProvider>(1);
        b.CloseComponent();
        b.OpenComponent<MudSnackbarProvider>(2);
        b.CloseComponent();
        b.OpenComponent<RunsGrid>(3);
        b.AddAttribute(4, nameof(RunsGrid.Scope), new RunQuery { WorkspaceId = WorkspaceId });
        b.AddAttribute(5, nameof(RunsGrid.Caller), User);
        b.AddAttribute(6, nameof(RunsGrid.Access), new WorkspaceAccess(AccessKind.Member, WorkspaceRole.Owner, false));
        b.CloseComponent();
    });

    [Fact]
    public void ShowsOnePageFromTheServer_NewestFirst_WithTheTotal()
    {
        var runs = Seed();
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(25, grid.FindAll("input[data-testid=run-select]").Count));
        Assert.Contains(runs[^1].Id.ToString(), grid.Find("[data-testid=run-table] tbody tr").InnerHtml);
        Assert.Contains("of 30", grid.Markup);
        // Each row names the parameters that tell it apart.
        Assert.Equal("N=300", grid.Find("[data-testid=run-table] tbody tr [data-testid=key-parameters]").TextContent);
        Assert.DoesNotContain($"/runs/{runs[0].Id}", grid.Markup);
    }

    [Fact]
    public async Task Verdicts_AreShownPerRun_AndTheColumnChooserListsTheParametersWhenOpened()
    {
        var newest = Seed()[^1].Id;
        await using (var db = await Harness.Db.Factory.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
            await db.Runs.Where(r => r.Id == newest).ExecuteUpdateAsync(s => s.SetProperty(r => r.Verdict, RunVerdict.Inconclusive), Xunit.TestContext.Current.CancellationToken);
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(25, grid.FindAll("input[data-testid=run-select]").Count));
        var first = grid.Find("[data-testid=run-table] tbody tr");
        Assert.Equal("Inconclusive", first.QuerySelector("[data-verdict]")?.GetAttribute("data-verdict"));
        Assert.Contains("inconclusive", first.TextContent);

        grid.Find("[data-testid=column-chooser] button").Click();
        grid.WaitForAssertion(() => Assert.NotEmpty(grid.FindAll("[data-testid='column-param.N']")));
    }

    [Fact]
    public void ModelTypeAndAuthorFilters_NarrowTheQuery()
    {
        Seed();
        var (other, _) = Harness.Db.AddUser("other@x.org");
        var foreign = Harness.Db.AddRun(WorkspaceId, OnlineHebbModel.Id, RunHarness.HebbSpec(99, ("N", 77)), RunStatus.Succeeded, other.UserId);
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Contains("of 31", grid.Markup));

        grid.Find("input[data-testid=filter-author]").Change("other@x.org");
        grid.WaitForAssertion(() => Assert.Single(grid.FindAll("input[data-testid=run-select]")));
        Assert.Contains($"/runs/{foreign.Id}", grid.Markup);
        Assert.Contains("author=other%40x.org", grid.Find("[data-testid=export-csv]").GetAttribute("href"));

        grid.Find("input[data-testid=filter-author]").Change("nobody@x.org");
        grid.WaitForAssertion(() => Assert.Contains("No runs match the filter.", grid.Markup));
    }

    [Fact]
    public void AdminScope_ShowsWorkspaceAndWorkerColumns_AndTheRowActions()
    {
        Seed();
        var grid = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<RunsGrid>(1);
            b.AddAttribute(2, nameof(RunsGrid.Scope), new RunQuery { AllWorkspaces = true });
            b.AddAttribute(3, nameof(RunsGrid.Caller), User with { IsAdmin = true });
            b.AddAttribute(4, nameof(RunsGrid.Access), new WorkspaceAccess(AccessKind.Admin, null, false));
            b.AddAttribute(5, nameof(RunsGrid.RowActions), (RenderFragment<RunRow>)(row => r => r.AddMarkupContent(0, $"<span class=\"row-action\">{row.Number}</span>")));
            b.CloseComponent();
        });
        grid.WaitForAssertion(() => Assert.Equal(25, grid.FindAll(".row-action").Count));
        var headers = grid.FindAll("[data-testid=run-table] th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Workspace", headers);
        Assert.Contains("Worker", headers);
        Assert.Empty(grid.FindAll("[data-testid=bulk-tag]"));
    }

    [Fact]
    public void FilterText_NarrowsTheQuery_AndABadConditionNamesTheProblem()
    {
        Seed();
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(25, grid.FindAll("input[data-testid=run-select]").Count));

        grid.Find("input[data-testid=filter-text]").Change("N>=270");
        grid.WaitForAssertion(() => Assert.Equal(4, grid.FindAll("input[data-testid=run-select]").Count));

        grid.Find("input[data-testid=filter-text]").Change("N>=lots");
        grid.WaitForAssertion(() => Assert.Contains("is not a finite number", grid.Markup));
        Assert.Equal(4, grid.FindAll("input[data-testid=run-select]").Count);
    }

    [Fact]
    public async Task BulkTag_TagsTheTickedRuns_AndShowsTheChips()
    {
        var runs = Seed();
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(25, grid.FindAll("input[data-testid=run-select]").Count));
        grid.FindAll("input[data-testid=run-select]")[0].Change(true);
        grid.FindAll("input[data-testid=run-select]")[1].Change(true);
        grid.WaitForAssertion(() => Assert.Contains("Tag 2", grid.Find("[data-testid=bulk-tag]").TextContent));

        grid.Find("input[data-testid=bulk-tag-text]").Change("Fig 3");
        grid.Find("[data-testid=bulk-tag]").Click();

        grid.WaitForAssertion(() => Assert.Equal(2, grid.FindAll("[data-testid=tag-chip]").Count));
        Assert.All(grid.FindAll("[data-testid=tag-chip]"), chip => Assert.Contains("fig 3", chip.TextContent));
        await using var db = await Harness.Db.Factory.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var tagged = await db.RunTags.Where(t => t.Tag == "fig 3").Select(t => t.RunId).ToListAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(new[] { runs[^1].Id, runs[^2].Id }.Order(), tagged.Order());
    }
}
