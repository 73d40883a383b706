using Bunit;
using Compute.Perceptron;
using Microsoft.Extensions.DependencyInjection;
using Portal.Components.Charts;
using Portal.Features.Models;
using Portal.Features.Runs;
using Portal.Features.Sweeps;
using Shared.Results;
using static Portal.Tests.Sweeps.SweepHarness;

namespace Portal.Tests.Components;

public class SweepPageTests : ComponentTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public SweepPageTests()
    {
        Services.AddScoped<SweepService>();
        Services.AddScoped<RunQueryService>();
        Services.AddScoped<RunLabelService>();
        Services.AddScoped<RunBulkService>();
    }

    /// <summary>A Hebb teacher-student model swept over α with three seeds, every member computed for real.</summary>
    private async Task<Guid> FinishedSweepAsync()
    {
        Guid modelId;
        using (var db = Harness.Db.Factory.CreateDbContext())
        {
            var model = new Model { Id = Guid.NewGuid(), WorkspaceId = WorkspaceId, Name = "Hebb student", ModelType = TeacherStudentModel.Id, LatestVersion = 1, CreatedAt = DateTimeOffset.UtcNow };
            model.Versions.Add(new ModelVersion
            {
                Id = Guid.NewGuid(), Version = 1, CreatedAt = DateTimeOffset.UtcNow,
                ParametersJson = """{"N":40,"alphaPoints":1,"samples":4,"rule":"hebb","testSize":400}""",
            });
            db.Models.Add(model);
            db.SaveChanges();
            modelId = model.Id;
        }
        var sweeps = Services.GetRequiredService<SweepService>();
        var sweep = await sweeps.CreateAsync(User, modelId, new SweepRequest { Axes = [Values("alphaMax", 0.5, 1, 2, 4)], SeedCount = 3 }, Ct);
        Assert.True(sweep.Succeeded, string.Join(" ", sweep.Errors.Select(e => e.Message)));
        foreach (var id in Harness.Jobs.EnqueuedRunIds.ToList()) Harness.Job.Execute(id, Ct);
        return sweep.Value!.Id;
    }

    [Fact]
    public async Task FinishedSweep_ShowsMeanWithErrorBarsAndTheRulesTheoryCurve()
    {
        var id = await FinishedSweepAsync();

        var page = Render<SweepPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Contains("12 succeeded", page.Find("[data-testid=sweep-counts]").TextContent), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindComponents<FigureChart>()));
        var figure = page.FindComponent<FigureChart>().Instance.Figure;
        Assert.Equal("test error", figure.YAxis.Title);
        Assert.StartsWith("Largest α = P/N", figure.XAxis.Title);
        var mean = Assert.Single(figure.Traces, t => t.Role == TraceRole.Simulation);
        Assert.Equal([0.5, 1, 2, 4], mean.X);
        Assert.All(mean.ErrorY!, e => Assert.True(e > 0));
        var theory = Assert.Single(figure.Traces, t => t.Role == TraceRole.Theory);
        Assert.Contains("Hebb", theory.Name);
        // The simulation agrees with ε_Hebb(α) within a few standard errors (N = 40 has finite-size corrections of order 1/N).
        for (var i = 0; i < mean.X.Length; i++)
        {
            var exact = HebbTheory.GeneralizationError(mean.X[i]);
            Assert.True(Math.Abs(mean.Y[i] - exact) < 4 * mean.ErrorY![i] + 0.03, $"α = {mean.X[i]}: {mean.Y[i]} ± {mean.ErrorY[i]} vs {exact}");
        }
        Assert.Equal(4, page.FindAll("[data-testid=sweep-grid] tbody tr").Count);
        Assert.Equal(12, page.FindAll("[data-testid=sweep-grid] td[data-status=Succeeded]").Count);
        // The sweep's runs also in the runs table, with their verdicts.
        page.WaitForAssertion(() => Assert.Equal(12, page.FindAll("[data-testid=run-table] input[data-testid=run-select]").Count));
        Assert.Equal(12, page.FindAll("[data-testid=run-table] [data-verdict]").Count);
        // The swept parameter is a column from the start.
        Assert.Contains("param.alphaMax", page.FindAll("[data-testid=run-table] th").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task EverySeed_AddsFaintSingleSeedMarkers()
    {
        var id = await FinishedSweepAsync();
        var page = Render<SweepPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindComponents<FigureChart>()), TimeSpan.FromSeconds(10));

        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));

        page.WaitForAssertion(() =>
        {
            var seeds = Assert.Single(page.FindComponent<FigureChart>().Instance.Figure.Traces, t => t.Faint);
            Assert.Equal(12, seeds.Y.Length);
        });
    }

    [Fact]
    public void OtherWorkspacesSweep_ShowsNotFound()
    {
        var page = Render<SweepPage>(p => p.Add(x => x.Id, Guid.NewGuid()));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=not-found]")));
    }
}
