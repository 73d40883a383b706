using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>What a collaborator clicks through, in Debian's chromium against the running portal.</summary>
public class UserFlowTests(PortalServer portal) : IClassFixture<PortalServer>, IAsyncLifetime
{
    private IPlaywright _playwright = default!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        SetDefaultExpectTimeout(30_000);
        // The first account becomes Admin: claim it so the users below are ordinary members.
        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        await http.PostAsJsonAsync("/api/auth/register", new { email = "admin@e2e.org", password = "passw0rd-e2e" });
    }

    public ValueTask DisposeAsync()
    {
        _playwright.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task SignUp_CreateModel_Run_SeeProgressThenChartWithTheoryAndGreenCheck_PermalinkNeedsSignIn()
    {
        await using var context = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();

        await page.GotoAsync("/account/register");
        await page.FillAsync("#displayName", "Elizabeth Gardner");
        await page.FillAsync("#email", "gardner@e2e.org");
        await page.FillAsync("#password", "capacity2alpha");
        await page.ClickAsync("#sign-up");
        await page.WaitForURLAsync(portal.BaseUrl + "/");
        await Browser.WaitInteractiveAsync(page);
        await Expect(page.GetByText("Your workspaces")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Open" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/workspaces/"));
        await page.ClickAsync("[data-testid=new-model]");
        await page.WaitForURLAsync(new Regex("/models/new"));
        await page.FillAsync("#model-name", "Hebb learning, N = 400");

        // An absurd size is refused inline, naming the limit, and the text stays as typed.
        await page.FillAsync("#param-N", "1000000000");
        await Expect(page.GetByText("N must be at most 100000")).ToBeVisibleAsync();
        await Expect(page.Locator("#param-N")).ToHaveValueAsync("1000000000");
        await page.FillAsync("#param-N", "400");
        await page.FillAsync("#param-alphaMax", "8");
        await page.FillAsync("#param-samples", "12");
        await Expect(page.GetByText("N must be at most 100000")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "01-new-model");
        await page.ClickAsync("[data-testid=save-model]");

        await page.WaitForURLAsync(new Regex("/models/[0-9a-f-]{36}$"));
        await page.FillAsync("#run-seed", "2026");
        await page.ClickAsync("[data-testid=run-model]");
        await page.WaitForURLAsync(new Regex("/runs/[0-9a-f-]{36}$"));
        var runUrl = page.Url;

        await Expect(page.Locator("[data-testid=progress-bar]")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "02-run-progress");

        await Expect(page.Locator("[data-testid=verdict]")).ToBeVisibleAsync(new() { Timeout = 180_000 });
        await Expect(page.Locator("[data-testid=verdict]")).ToHaveAttributeAsync("data-agrees", "true");
        await Expect(page.Locator(".figure-chart .js-plotly-plot").First).ToBeVisibleAsync();
        await Expect(page.Locator(".figure-chart .legendtext", new() { HasText = "exact" }).First).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=checks-toggle]");
        await Expect(page.Locator("[data-testid=checks]")).ToContainTextAsync("3σ");
        await Browser.ScreenshotAsync(page, "03-run-result");

        await page.ClickAsync("[data-testid=copy-permalink]");
        await Expect(page.GetByText("Copied to the clipboard.")).ToBeVisibleAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(runUrl, copied);

        // The conventions link to the model type's science notes: formulas typeset, equations numbered, sources listed.
        await page.ClickAsync("[data-testid=science-notes-link]");
        await page.WaitForURLAsync(new Regex("/docs/science/perceptron\\.[a-z-]+$"));
        await Expect(page.Locator("[data-testid=paper] .katex").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "03b-science-notes");
        await Expect(page.Locator("[data-testid=paper] .references")).ToContainTextAsync("Engel");

        await using var signedOut = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var stranger = signedOut.Pages.Count > 0 ? signedOut.Pages[0] : await signedOut.NewPageAsync();
        await stranger.GotoAsync(copied);
        await stranger.WaitForURLAsync(new Regex("/account/login\\?returnUrl=", RegexOptions.IgnoreCase));
        await Expect(stranger.Locator("h1")).ToHaveTextAsync("Sign in");
        await Browser.ScreenshotAsync(stranger, "04-permalink-signed-out");
    }

    [Fact]
    public async Task UploadDataset_RaggedFileNamesTheLine_GoodFileIsListed()
    {
        await using var context = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", "uploader@e2e.org");
        await page.FillAsync("#password", "bars4stripes");
        await page.ClickAsync("#sign-up");
        await page.WaitForURLAsync(portal.BaseUrl + "/");
        await Browser.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Open" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/workspaces/"));
        await page.ClickAsync("[data-testid=datasets]");
        await Expect(page.Locator("[data-testid=upload]")).ToBeVisibleAsync();

        await page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "ragged.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("0,1,1\n1,0\n"),
        });
        await Expect(page.Locator("[data-testid=upload-error]").First).ToContainTextAsync("line 2");

        await page.FillAsync("#dataset-name", "four bits");
        await page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "good.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes("0 1 1 0\n1 0 0 1\n1 1 0 0\n"),
        });
        await Expect(page.GetByText("Stored “four bits”")).ToBeVisibleAsync();
        await Expect(page.Locator("table").Last).ToContainTextAsync("four bits");
        await Browser.ScreenshotAsync(page, "05-datasets");
    }

    [Fact]
    public async Task NonAdmin_GetsForbiddenAtTheJobDashboard()
    {
        await using var context = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", "member@e2e.org");
        await page.FillAsync("#password", "notanadmin1");
        await page.ClickAsync("#sign-up");
        await page.WaitForURLAsync(portal.BaseUrl + "/");

        var response = await page.GotoAsync("/admin/jobs");
        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task Admin_SeesTheInProcessWorker_AndPausesAndResumesTheComputeQueue()
    {
        await using var context = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var page = await Browser.PageAsync(context);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", "admin@e2e.org");
        await page.FillAsync("#password", "passw0rd-e2e");
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));

        await page.GotoAsync("/admin/workers");
        await Browser.WaitInteractiveAsync(page);
        var workers = page.Locator("[data-testid=workers]");
        await Expect(workers).ToContainTextAsync("alive");
        await Expect(workers).ToContainTextAsync("all");
        await page.ClickAsync("[data-testid=toggle-pause]");
        await Expect(page.Locator("[data-testid=queue-paused]")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "06-workers-paused");
        await page.ClickAsync("[data-testid=toggle-pause]");
        await Expect(page.Locator("[data-testid=queues]")).ToContainTextAsync("taking runs");
    }
}
