using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>
/// A group lead, two colleagues and a referee, each in their own browser: workspace, invitations, a run, a
/// comment, a share link opened without an account, its revocation, the activity feed; and hostile text
/// everywhere a user can type it.
/// </summary>
public class CollaborationTests(PortalServer portal) : IClassFixture<PortalServer>, IAsyncLifetime
{
    private IPlaywright _playwright = default!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        SetDefaultExpectTimeout(30_000);
        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/auth/register", new { email = "admin@e2e.org", password = "passw0rd-e2e" });
    }

    public ValueTask DisposeAsync()
    {
        _playwright.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Lead_InvitesEditorAndViewer_EditorRuns_ViewerComments_RefereeReadsTheSharedRunUntilRevoked()
    {
        await using var leadContext = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var lead = await Browser.PageAsync(leadContext);
        var leadErrors = Browser.TrackErrors(lead);
        await Browser.SignUpAsync(lead, "Marc Mézard", "lead@e2e.org", "cavity-method1");

        await lead.FillAsync("#new-workspace-name", "Spin glasses");
        await lead.ClickAsync("[data-testid=create-workspace]");
        await lead.WaitForURLAsync(new Regex("/workspaces/[0-9a-f-]{36}$"));
        var workspaceUrl = lead.Url;
        await lead.ClickAsync("[data-testid=tab-members]");
        await lead.WaitForURLAsync(new Regex("/members$"));

        var editorInvite = await InviteAsync(lead, "editor@e2e.org", "Editor:");
        var viewerInvite = await InviteAsync(lead, "viewer@e2e.org", "Viewer:");
        await Expect(lead.Locator("[data-testid=pending-invitations]")).ToContainTextAsync("viewer@e2e.org");
        await Browser.ScreenshotAsync(lead, "10-members-invitations");

        // The Editor has no account yet: the invitation leads to sign-up and straight into the workspace.
        await using var editorContext = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var editor = await Browser.PageAsync(editorContext);
        await editor.GotoAsync(editorInvite);
        await Expect(editor.Locator("[data-testid=invitation-title]")).ToHaveTextAsync("Join “Spin glasses”");
        await editor.ClickAsync("[data-testid=invitation-sign-up]");
        await editor.FillAsync("#displayName", "Giorgio Parisi");
        await editor.FillAsync("#email", "editor@e2e.org");
        await editor.FillAsync("#password", "replica-symmetry1");
        await editor.ClickAsync("#sign-up");
        // Arriving is what counts; the page is ready once interactive (its load event can lag on a busy machine).
        await editor.WaitForURLAsync(workspaceUrl, new() { WaitUntil = WaitUntilState.Commit });
        await Browser.WaitInteractiveAsync(editor);
        await Expect(editor.Locator("[data-testid=workspace-role]")).ToHaveTextAsync("Editor");

        // The Viewer signs up on their own first, then accepts.
        await using var viewerContext = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var viewer = await Browser.PageAsync(viewerContext);
        await Browser.SignUpAsync(viewer, "Lenka Zdeborová", "viewer@e2e.org", "message-passing1");
        await viewer.GotoAsync(viewerInvite);
        await Browser.WaitInteractiveAsync(viewer);
        await viewer.ClickAsync("[data-testid=accept-invitation]");
        await viewer.WaitForURLAsync(workspaceUrl);
        await Expect(viewer.Locator("[data-testid=workspace-role]")).ToHaveTextAsync("Viewer");
        await Expect(viewer.Locator("[data-testid=new-model]")).ToHaveCountAsync(0);

        // The Editor defines a model and runs it.
        await editor.ClickAsync("[data-testid=new-model]");
        await editor.WaitForURLAsync(new Regex("/models/new"));
        await editor.FillAsync("#model-name", "Hebb, N = 300");
        await editor.FillAsync("#param-N", "300");
        await editor.FillAsync("#param-alphaMax", "4");
        await editor.FillAsync("#param-samples", "6");
        await editor.ClickAsync("[data-testid=save-model]");
        await editor.WaitForURLAsync(new Regex("/models/[0-9a-f-]{36}$"));
        var modelUrl = editor.Url;
        await editor.ClickAsync("[data-testid=run-model]");
        await editor.WaitForURLAsync(new Regex("/runs/[0-9a-f-]{36}$"));
        var runUrl = editor.Url;
        await Expect(editor.Locator("[data-testid=verdict]")).ToBeVisibleAsync(new() { Timeout = 180_000 });

        // The Viewer cannot run it, but comments on the run and mentions the lead.
        await viewer.GotoAsync(modelUrl);
        await Browser.WaitInteractiveAsync(viewer);
        await Expect(viewer.Locator("h4", new() { HasText = "Hebb, N = 300" })).ToBeVisibleAsync();
        await Expect(viewer.Locator("[data-testid=run-model]")).ToHaveCountAsync(0);
        await viewer.GotoAsync(runUrl);
        await Browser.WaitInteractiveAsync(viewer);
        await viewer.FillAsync("#comment-text", "The test error follows **ε(α)** within the error bars. @lead shall we share it?");
        await viewer.ClickAsync("[data-testid=post-comment]");
        await Expect(viewer.Locator("[data-testid=comment-body]").First).ToContainTextAsync("within the error bars");
        await Expect(viewer.Locator("[data-testid=comment-body] strong").First).ToHaveTextAsync("ε(α)");

        // The lead sees the mention, then shares the run with a referee.
        await lead.GotoAsync(runUrl);
        await Browser.WaitInteractiveAsync(lead);
        await Expect(lead.Locator("[data-testid=inbox-count]")).ToHaveAttributeAsync("data-count", "1");
        await Expect(lead.Locator("[data-testid=comment-author]").First).ToHaveTextAsync("Lenka Zdeborová");
        await lead.ClickAsync("[data-testid=share-menu]");
        await lead.ClickAsync("[data-testid=open-share-dialog]");
        await lead.FillAsync("#share-note", "referee of the PRL submission");
        await lead.ClickAsync("[data-testid=create-share-link]");
        var shareLink = (await lead.Locator("[data-testid=new-share-link]").TextContentAsync())!.Trim();
        Assert.Matches("/s/s_[A-Za-z0-9_-]{43}$", shareLink);
        await Expect(lead.Locator("[data-testid=share-link-row]")).ToContainTextAsync("referee of the PRL submission");
        await Browser.ScreenshotAsync(lead, "11-share-dialog");

        // The referee has no account: the run, its figure and checks, nothing else.
        await using var refereeContext = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var referee = await Browser.PageAsync(refereeContext);
        var refereeErrors = Browser.TrackErrors(referee);
        var shared = await referee.GotoAsync(shareLink);
        Assert.Equal(200, shared!.Status);
        await Browser.WaitInteractiveAsync(referee);
        await Expect(referee.Locator("[data-testid=shared-title]")).ToHaveTextAsync("Hebb, N = 300");
        await Expect(referee.Locator(".figure-chart .js-plotly-plot").First).ToBeVisibleAsync();
        await Expect(referee.Locator("[data-testid=verdict]")).ToBeVisibleAsync();
        await Expect(referee.Locator("[data-testid=comments]")).ToHaveCountAsync(0);
        Assert.DoesNotContain("viewer@e2e.org", await referee.ContentAsync());
        await Browser.ScreenshotAsync(referee, "12-shared-run");
        Assert.Empty(refereeErrors);
        var workspace = await referee.GotoAsync(workspaceUrl);
        Assert.Equal(404, workspace!.Status);
        Assert.DoesNotContain("Spin glasses", await referee.ContentAsync());

        // Revoked: the link stops working at once.
        await lead.ClickAsync("[data-testid=revoke-share-link]");
        await Expect(lead.Locator("[data-testid=share-link-row]")).ToContainTextAsync("revoked");
        await lead.ClickAsync("[data-testid=close-share-dialog]");
        var gone = await referee.GotoAsync(shareLink);
        Assert.Equal(410, gone!.Status);
        await Expect(referee.Locator("[data-testid=share-link-invalid]")).ToBeVisibleAsync();

        // Everything above is in the workspace's activity feed.
        await lead.GotoAsync(workspaceUrl + "/activity");
        await Browser.WaitInteractiveAsync(lead);
        foreach (var action in new[] { "workspace.created", "member.invited", "member.joined", "model.created", "run.started", "run.finished", "comment.posted", "share.created", "share.used", "share.revoked" })
            await Expect(lead.Locator($"[data-testid=activity-row][data-action='{action}']").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(lead, "13-activity-feed");
        Assert.Empty(leadErrors);
    }

    [Fact]
    public async Task HostileText_InWorkspaceNamesCommentsAndNotes_NeverExecutes()
    {
        const string payload = "<script>alert('name')</script><img src=x onerror=\"alert('img')\">";
        await using var context = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
        var page = await Browser.PageAsync(context);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await Browser.SignUpAsync(page, "<b onmouseover=alert('who')>Mallory</b>", "mallory@e2e.org", "injection-1");

        await page.FillAsync("#new-workspace-name", payload);
        await page.ClickAsync("[data-testid=create-workspace]");
        await page.WaitForURLAsync(new Regex("/workspaces/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid=workspace-name]")).ToHaveTextAsync(payload);
        var workspaceUrl = page.Url;

        await page.ClickAsync("[data-testid=new-model]");
        await page.FillAsync("#model-name", "Hebb <svg onload=alert('model')>");
        await page.FillAsync("#param-N", "50");
        await page.FillAsync("#param-alphaMax", "1");
        await page.FillAsync("#param-samples", "2");
        await page.ClickAsync("[data-testid=save-model]");
        await page.WaitForURLAsync(new Regex("/models/[0-9a-f-]{36}$"));
        await page.ClickAsync("[data-testid=run-model]");
        await page.WaitForURLAsync(new Regex("/runs/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid=verdict]")).ToBeVisibleAsync(new() { Timeout = 120_000 });

        string[] comments =
        [
            "<script>alert('comment')</script>",
            "<img src=x onerror=alert('comment-img')>",
            "[click me](javascript:alert('md-link'))",
            "[also me](JaVaScRiPt:alert('md-case'))",
            "[ref][1]\n\n[1]: javascript:alert('md-ref')",
            "<a href=\"javascript:alert('raw-a')\">raw</a>",
            "![pic](javascript:alert('md-img'))",
        ];
        for (var i = 0; i < comments.Length; i++)
        {
            await page.FillAsync("#comment-text", comments[i]);
            await page.ClickAsync("[data-testid=post-comment]");
            await Expect(page.Locator("[data-testid=comment]")).ToHaveCountAsync(i + 1);
        }
        foreach (var link in await page.Locator("[data-testid=comment-body] a").AllAsync())
        {
            var href = await link.GetAttributeAsync("href");
            Assert.True(href is null || href.StartsWith("http"), $"a comment link points at {href}");
            if (href is null) await link.ClickAsync();
        }

        await page.ClickAsync("[data-testid=share-menu]");
        await page.ClickAsync("[data-testid=open-share-dialog]");
        await page.FillAsync("#share-note", "<img src=x onerror=alert('note')>");
        await page.ClickAsync("[data-testid=create-share-link]");
        await Expect(page.Locator("[data-testid=share-link-row]")).ToContainTextAsync("<img src=x onerror=alert('note')>");
        var shareLink = (await page.Locator("[data-testid=new-share-link]").TextContentAsync())!.Trim();
        await page.ClickAsync("[data-testid=close-share-dialog]");

        foreach (var url in new[] { "/", workspaceUrl, workspaceUrl + "/activity", workspaceUrl + "/share-links", workspaceUrl + "/members", "/inbox", shareLink })
        {
            await page.GotoAsync(url);
            await Browser.WaitInteractiveAsync(page);
        }
        await Browser.ScreenshotAsync(page, "14-hostile-text-inert");
        Assert.Empty(dialogs);
    }

    private static async Task<string> InviteAsync(IPage lead, string email, string role)
    {
        var shown = lead.Locator("[data-testid=invitation-link]");
        var previous = await shown.CountAsync() > 0 ? await shown.TextContentAsync() : null;
        await lead.FillAsync("#invite-email", email);
        await Browser.SelectAsync(lead, "invite-role", role);
        await lead.ClickAsync("[data-testid=invite]");
        await Expect(shown).ToContainTextAsync("/invite/inv_");
        if (previous is not null) await Expect(shown).Not.ToHaveTextAsync(previous);
        var link = (await lead.Locator("[data-testid=invitation-link]").TextContentAsync())!.Trim();
        await Expect(lead.Locator("[data-testid=pending-invitations]")).ToContainTextAsync(email);
        return link;
    }
}
