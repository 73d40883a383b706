using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Runs;
using Portal.Features.Workspaces;

namespace Portal.Tests.Components;

public class RunFinishedNoticesTests : ComponentTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<Guid> FinishedHebbRunAsync(Caller caller)
    {
        var parameters = new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["N"] = System.Text.Json.JsonSerializer.SerializeToElement(50),
            ["alphaMax"] = System.Text.Json.JsonSerializer.SerializeToElement(1.0),
            ["samples"] = System.Text.Json.JsonSerializer.SerializeToElement(4),
        };
        var outcome = await Harness.Runs.StartInlineAsync(caller, null, Compute.Perceptron.OnlineHebbModel.Id, parameters, 7, Ct);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        Harness.Job.Execute(outcome.Value!.Id, Ct);
        return outcome.Value.Id;
    }

    [Fact]
    public async Task MyRunFinishing_IsToldWithItsNumberAndVerdict_AnotherUsersIsNot()
    {
        var snackbar = Services.GetRequiredService<ISnackbar>();
        Render<RunFinishedNotices>(p => p.Add(x => x.Caller, User));

        var (stranger, _) = Harness.Db.AddUser("stranger@x.org");
        await FinishedHebbRunAsync(stranger);
        await Task.Delay(200, Ct);
        Assert.Empty(snackbar.ShownSnackbars);

        await FinishedHebbRunAsync(User);
        WaitForAssertion(() => Assert.Single(snackbar.ShownSnackbars));
        var told = snackbar.ShownSnackbars.Single();
        Assert.StartsWith("Run #1 (perceptron.online-hebb) finished: ", told.Message);
        Assert.Contains("agree", told.Message);
        Assert.Equal(Severity.Success, told.Severity);
    }

    private void WaitForAssertion(Action assertion)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try { assertion(); return; }
            catch when (DateTime.UtcNow < deadline) { Thread.Sleep(50); }
        }
    }
}
