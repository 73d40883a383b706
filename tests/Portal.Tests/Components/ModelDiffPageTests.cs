using System.Text.Json;
using Bunit;
using Compute.Perceptron;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Models;

namespace Portal.Tests.Components;

public class ModelDiffPageTests : ComponentTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ModelDiffPageTests() => Services.AddScoped<ModelService>();

    private IRenderedComponent<ModelDiffPage> RenderDiff(Guid id, int a, int b)
    {
        // The versions come from the query string, as in /models/{id}/diff?a=1&b=3.
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/models/{id}/diff?a={a}&b={b}");
        return Render<ModelDiffPage>(p => p.Add(x => x.Id, id));
    }

    private static Dictionary<string, JsonElement> Values(params (string Name, object Value)[] values) =>
        values.ToDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value));

    private async Task<Guid> ModelWithThreeVersionsAsync(Portal.Features.Workspaces.Caller? owner = null, Guid? workspaceId = null)
    {
        var models = new ModelService(Harness.Db.Factory, Harness.Workspaces, Harness.Options);
        var created = await models.CreateAsync(owner ?? User, workspaceId ?? WorkspaceId, new ModelInput("Online", "", OnlineModel.Id, Values(("rule", "perceptron"), ("N", 200))), Ct);
        var id = created.Value!.Id;
        // v2: the hinge rule with its margin; v3: a larger N and another margin.
        await models.UpdateAsync(owner ?? User, id, new ModelInput("Online", "", OnlineModel.Id, Values(("rule", "hinge"), ("N", 200), ("kappa", 1.0))), Ct);
        await models.UpdateAsync(owner ?? User, id, new ModelInput("Online", "", OnlineModel.Id, Values(("rule", "hinge"), ("N", 400), ("kappa", 2.0))), Ct);
        return id;
    }

    [Fact]
    public async Task Diff_ListsTheChangedParameters_OldToNew()
    {
        var id = await ModelWithThreeVersionsAsync();
        var page = RenderDiff(id, 1, 3);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=model-diff]")));
        var rows = page.FindAll("[data-testid=model-diff] tbody tr").ToDictionary(r => r.GetAttribute("data-param")!, r => r);
        Assert.Equal(["N", "rule", "kappa"], rows.Keys);  // in the order of the form
        Assert.Equal("200", rows["N"].QuerySelector(".diff-old")!.TextContent);
        Assert.Equal("400", rows["N"].QuerySelector(".diff-new")!.TextContent);
        Assert.Equal("perceptron", rows["rule"].QuerySelector(".diff-old")!.TextContent);
        Assert.Equal("hinge", rows["rule"].QuerySelector(".diff-new")!.TextContent);
        Assert.Equal("0.5", rows["kappa"].QuerySelector(".diff-old")!.TextContent);  // the default v1 did not use
        Assert.Equal("2", rows["kappa"].QuerySelector(".diff-new")!.TextContent);
    }

    [Fact]
    public async Task Diff_OfAVersionWithItself_SaysNothingChanged_AndAMissingVersionSaysWhichExist()
    {
        var id = await ModelWithThreeVersionsAsync();
        var same = RenderDiff(id, 2, 2);
        same.WaitForAssertion(() => Assert.NotNull(same.Find("[data-testid=diff-same]")));
        var missing = RenderDiff(id, 1, 9);
        missing.WaitForAssertion(() => Assert.Contains("versions v1 to v3", missing.Find("[data-testid=diff-missing]").TextContent));
    }

    [Fact]
    public void Diff_LeavesOutValuesThatApplyInNeitherVersion()
    {
        var a = new ModelVersion { Version = 1, ParametersJson = """{"N":200,"kappa":0.5,"rule":"hebb"}""" };
        var b = new ModelVersion { Version = 2, ParametersJson = """{"N":200,"kappa":3,"rule":"perceptron"}""" };
        var diff = ModelVersionDiff.Between(OnlineModel.Id, a, b);
        Assert.Equal(["rule"], diff.Parameters.Select(p => p.Name));
    }

    [Fact]
    public async Task Diff_OfAnotherWorkspacesModel_IsNotFound()
    {
        var (stranger, theirs) = Harness.Db.AddUser("stranger@x.org");
        var id = await ModelWithThreeVersionsAsync(stranger, theirs);
        var page = RenderDiff(id, 1, 3);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=not-found]")));
    }
}
