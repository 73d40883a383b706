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
        var cut = Render(b =>
        {
            b.OpenComponent<MudSnackbarProvider>(0);
            b.CloseComponent();
            b.OpenComponent<RunFinishedNotices>(1);
            b.AddAttribute(2, nameof(RunFinishedNotices.Caller), User);
            b.CloseComponent();
        });

        // Notices are handled in the order runs finish: once mine is shown, the stranger's has been looked at before it.
        var (stranger, _) = Harness.Db.AddUser("stranger@x.org");
        await FinishedHebbRunAsync(stranger);
        await FinishedHebbRunAsync(User);
        cut.WaitForAssertion(() => Assert.NotEmpty(snackbar.ShownSnackbars));
        var told = Assert.Single(snackbar.ShownSnackbars);
        Assert.StartsWith("Run #1 (perceptron.online-hebb) finished: ", told.Message);
        Assert.Contains("agree", told.Message);
        Assert.Equal(Severity.Success, told.Severity);
    }
}
