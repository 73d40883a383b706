using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>
/// A researcher turns a run into a report: writes it with an equation, a figure and a citation, publishes it,
/// reads the paper, prints it to PDF, presents it with a presenter window, shares it with a signed-out reader,
/// lists it in a session; and hostile report text never executes.
/// </summary>
public class ReportTests(PortalServer portal) : IClassFixture<PortalServer>, IAsyncLifetime
{
    private const string Password = "ising-kaufman1";
    private IPlaywright _playwright = default!;
    private HttpClient _api = default!;
    private Guid _runId;
    private Guid _workspaceId;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        SetDefaultExpectTimeout(30_000);
        _api = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        await _api.PostAsJsonAsync("/api/auth/register", new { email = "admin@e2e.org", password = "passw0rd-e2e" });
        await _api.PostAsJsonAsync("/api/auth/register", new { email = "ada@e2e.org", password = Password });
        var login = await (await _api.PostAsJsonAsync("/api/auth/login", new { email = "ada@e2e.org", password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var run = await (await _api.PostAsJsonAsync("/api/runs", new { modelType = "perceptron.online-hebb", parameters = new { N = 200, alphaMax = 4, samples = 4 }, seed = 3 })).Content.ReadFromJsonAsync<JsonElement>();
        _runId = run.GetProperty("id").GetGuid();
        _workspaceId = run.GetProperty("workspaceId").GetGuid();
        for (var status = ""; status != "Succeeded";)
        {
            status = (await _api.GetFromJsonAsync<JsonElement>($"/api/runs/{_runId}")).GetProperty("status").GetString()!;
            Assert.True(status is "Queued" or "Running" or "Succeeded", $"the run ended {status}");
            if (status != "Succeeded") await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync()
    {
        _api.Dispose();
        _playwright.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Source => $$$"""
        ---
        title: Hebb learning meets theory
        authors:
          - name: Ada Lovelace
            affiliation: Analytical Engine Lab
        abstract: The test error follows $\varepsilon = \arccos(R)/\pi$.
        references:
          - id: engel2001
            author: A. Engel, C. Van den Broeck
            title: Statistical Mechanics of Learning
            year: 2001
            doi: 10.1017/CBO9781139164542
        ---

        # Theory {#sec:theory}

        The overlap gives the error [@engel2001]:

        $$ \varepsilon(\alpha) = \frac{1}{\pi} \arccos R(\alpha) $$ {#eq:eps}

        Note: start with the one-line theory.

        ---

        # Simulation

        {{figure run={{{_runId}}} name=learning-curve caption="Test error against @eq:eps." #fig:eps}}

        Final error {{metric run={{{_runId}}} name=epsilon_final}}, see @fig:eps.

        Note: the markers sit on the exact curve.
        """;

    [Fact]
    public async Task Write_Publish_ReadPrintPresent_Share_AndListInASession()
    {
        await using var context = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var page = await Browser.PageAsync(context);
        await SignInAsync(page);

        await page.GotoAsync($"/workspaces/{_workspaceId}/reports");
        await Browser.WaitInteractiveAsync(page);
        await page.ClickAsync("[data-testid=new-report]");
        await page.WaitForURLAsync(new Regex("/reports/[0-9a-f-]{36}/edit$"));
        var reportUrl = page.Url[..^"/edit".Length];
        await Browser.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync(".report-editor[data-ready=true]");
        await page.FillAsync("#report-source", Source);
        await Expect(page.Locator("[data-testid=preview] [data-testid=paper-title]")).ToHaveTextAsync("Hebb learning meets theory");
        await Expect(page.Locator("[data-testid=save-state]")).ToHaveAttributeAsync("data-state", "Saved", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=preview] .figure-chart .js-plotly-plot")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=preview] .katex").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "20-report-editor");

        // The paper: title block, numbered equation and figure, citation, math typeset, live chart.
        await page.GotoAsync(reportUrl);
        await Browser.WaitInteractiveAsync(page);
        await page.FillAsync("#publish-note", "first version");
        await page.ClickAsync("[data-testid=publish]");
        await page.WaitForURLAsync(new Regex("/v/1$"));
        await Browser.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=paper-title]")).ToHaveTextAsync("Hebb learning meets theory");
        await Expect(page.Locator(".eq-number")).ToHaveTextAsync("(1)");
        await Expect(page.Locator("figcaption .fig-label")).ToHaveTextAsync("Figure 1.");
        await Expect(page.Locator("a.cite")).ToHaveTextAsync("1");
        await Expect(page.Locator(".references li")).ToContainTextAsync("Statistical Mechanics of Learning");
        await Expect(page.Locator(".paper .katex").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=report-figure] .js-plotly-plot")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "21-report-paper");

        // Print: the figure becomes a static image, the portal's chrome goes, and the PDF is a document with the title.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("[data-testid=report-figure] .print-only svg")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=report-toolbar]")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "22-report-print");
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true, Path = Path.Combine(PortalServer.ScreenshotDirectory, "report.pdf") });
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        // Chromium writes the document's title into the PDF's information dictionary as UTF-16 in hex.
        var title = Regex.Match(Encoding.Latin1.GetString(pdf), "/Title <FEFF([0-9A-F]+)>").Groups[1].Value;
        Assert.StartsWith("Hebb learning meets theory", Encoding.BigEndianUnicode.GetString(Convert.FromHexString(title)));
        Assert.True(pdf.Length > 20_000, $"the PDF has only {pdf.Length} bytes");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        var versionUrl = page.Url;

        // The talk (title, two slides, references): keyboard navigation, the slide in the address, a presenter window that follows.
        var talk = await context.NewPageAsync();
        await talk.GotoAsync(versionUrl + "/talk");
        await Browser.WaitInteractiveAsync(talk);
        var counter = talk.Locator("[data-testid=talk] .slide-counter");
        await Expect(counter).ToHaveTextAsync("1 / 4");
        await talk.Keyboard.PressAsync("ArrowRight");
        await Expect(counter).ToHaveTextAsync("2 / 4");
        Assert.EndsWith("#/2", talk.Url);
        await talk.Keyboard.PressAsync("ArrowRight");
        await Expect(counter).ToHaveTextAsync("3 / 4");
        await Expect(talk.Locator(".slide.active .js-plotly-plot")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(talk, "23-report-talk");
        await talk.Keyboard.PressAsync("PageUp");
        await Expect(counter).ToHaveTextAsync("2 / 4");

        var presenter = await context.NewPageAsync();
        // A controllable clock: a window behind another may have its timers throttled, so the test moves time itself.
        await presenter.Clock.InstallAsync();
        await presenter.GotoAsync(versionUrl + "/presenter#/2");
        await Browser.WaitInteractiveAsync(presenter);
        await Expect(presenter.Locator(".slide-notes.active")).ToContainTextAsync("start with the one-line theory");
        await talk.BringToFrontAsync();
        await talk.Keyboard.PressAsync("ArrowRight");
        await Expect(presenter.Locator(".presenter .slide-counter")).ToHaveTextAsync("3 / 4");
        await Expect(presenter.Locator(".slide-notes.active")).ToContainTextAsync("the markers sit on the exact curve");
        await presenter.BringToFrontAsync();
        await presenter.Clock.RunForAsync(61_000);
        await Expect(presenter.Locator("[data-testid=timer]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^01:0[0-9]$"), new() { Timeout = 5_000 });
        await Browser.ScreenshotAsync(presenter, "24-report-presenter");

        // A share link of the version, opened signed out.
        await page.BringToFrontAsync();
        await page.ClickAsync("[data-testid=share-menu]");
        await page.ClickAsync("[data-testid=open-share-dialog]");
        await page.ClickAsync("[data-testid=create-share-link]");
        var link = (await page.Locator("[data-testid=new-share-link]").TextContentAsync())!.Trim();
        await using var strangerContext = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var stranger = await Browser.PageAsync(strangerContext);
        Assert.Equal(200, (await stranger.GotoAsync(link))!.Status);
        await Browser.WaitInteractiveAsync(stranger);
        await Expect(stranger.Locator("[data-testid=paper-title]")).ToHaveTextAsync("Hebb learning meets theory");
        await Expect(stranger.Locator("[data-testid=report-figure] .js-plotly-plot")).ToBeVisibleAsync();
        await Expect(stranger.Locator(".embed-metric")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(stranger, "25-report-shared");

        // The report in a session's programme.
        var reportId = Guid.Parse(new Regex("/reports/([0-9a-f-]{36})").Match(versionUrl).Groups[1].Value);
        var session = await (await _api.PostAsJsonAsync("/api/sessions", new
        {
            workspaceId = _workspaceId, title = "Physics meets machine learning", date = "2026-12-05", venue = "Seminar room", chairs = "Ada Lovelace",
            slots = new object[]
            {
                new { start = "14:00", durationMinutes = 20, speaker = "Ada Lovelace", reportId },
                new { start = "14:25", durationMinutes = 25, speaker = "Invited", title = "Replica theory, thirty years on", @abstract = "An external talk." },
            },
        }, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        await page.GotoAsync($"/sessions/{session.GetProperty("id").GetGuid()}");
        await Browser.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=slot]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=slot]").First).ToContainTextAsync("14:00–14:20");
        await Expect(page.Locator("[data-testid=slot-talk]")).ToHaveAttributeAsync("href", new Regex("/v/1/talk$"));
        await Browser.ScreenshotAsync(page, "26-session-programme");
    }

    [Fact]
    public async Task HostileReportText_NeverExecutes_InPaperTalkOrPresenter()
    {
        string[] payloads =
        [
            "<script>alert('script')</script>",
            "<img src=x onerror=alert('img')>",
            "<svg onload=alert('svg')></svg>",
            "[md](javascript:alert('md-link'))",
            "![pic](javascript:alert('md-img'))",
            "$\\href{javascript:alert('katex-href')}{click}$",
            "$$\\url{javascript:alert('katex-url')}$$",
            "$</span><img src=x onerror=alert('math-break')>$",
            $"{{{{figure run={_runId} name=learning-curve caption=\"<img src=x onerror=alert('caption')>\"}}}}",
            "Note: <img src=x onerror=alert('notes')>",
        ];
        var source = "---\ntitle: \"<img src=x onerror=alert('title')>\"\n---\n\n" + string.Join("\n\n", payloads);
        var created = await (await _api.PostAsJsonAsync("/api/reports", new { workspaceId = _workspaceId, source }, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var id = created.GetProperty("id").GetGuid();

        await using var context = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var page = await Browser.PageAsync(context);
        var dialogs = new List<string>();
        context.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await SignInAsync(page);
        foreach (var url in new[] { $"/reports/{id}", $"/reports/{id}/talk", $"/reports/{id}/presenter", $"/reports/{id}/edit" })
        {
            await page.GotoAsync(url);
            await Browser.WaitInteractiveAsync(page);
            await page.WaitForSelectorAsync(".math-tex[data-typeset]", new() { State = WaitForSelectorState.Attached });
            foreach (var a in await page.Locator(".paper a, .slide a, .slide-notes a").AllAsync())
            {
                var href = await a.GetAttributeAsync("href") ?? "";
                Assert.False(href.Trim().StartsWith("javascript", StringComparison.OrdinalIgnoreCase), $"{url}: a link to {href}");
            }
        }
        await page.GotoAsync($"/reports/{id}");
        await Browser.WaitInteractiveAsync(page);
        foreach (var link in await page.Locator(".paper a").AllAsync()) await link.ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
        await Browser.ScreenshotAsync(page, "27-report-hostile-text-inert");
        Assert.Empty(dialogs);
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", "ada@e2e.org");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await Browser.WaitInteractiveAsync(page);
    }
}
