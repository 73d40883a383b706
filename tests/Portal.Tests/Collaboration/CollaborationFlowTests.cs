using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Admin;
using Portal.Features.Workspaces;
using static Portal.Tests.Collaboration.CollaborationWorld;
using static Portal.Tests.Collaboration.Role;

namespace Portal.Tests.Collaboration;

/// <summary>The collaboration features end to end over HTTP: invitations, roles, archive and delete, share links, comments, tokens, the log.</summary>
public class CollaborationFlowTests(CollaborationWorld world) : IClassFixture<CollaborationWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invitation_WorksOnce_OnlyForItsAddress_AndNotAfterRevocation()
    {
        var ws = await world.FreshWorkspaceAsync("Invitations");
        var link = await InviteAsync(ws, world.Emails[NonMember], "Editor");

        var wrongPerson = await world.Api[Admin].PostAsync($"/api/invitations/{link}/accept", null, Ct);
        Assert.Contains(world.Emails[NonMember], (await Expect(wrongPerson, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());

        await Expect(await world.Api[NonMember].PostAsync($"/api/invitations/{link}/accept", null, Ct), HttpStatusCode.OK);
        var members = await Expect(await world.Api[NonMember].GetAsync($"/api/workspaces/{ws}/members", Ct), HttpStatusCode.OK);
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("email").GetString() == world.Emails[NonMember] && m.GetProperty("role").GetString() == "Editor");
        var again = await world.Api[NonMember].PostAsync($"/api/invitations/{link}/accept", null, Ct);
        Assert.Contains("already been used", await again.Content.ReadAsStringAsync(Ct));

        var revokedLink = await InviteAsync(ws, "someone-else@matrix.org", "Viewer");
        var pending = await Expect(await world.Api[Owner].GetAsync($"/api/workspaces/{ws}/invitations", Ct), HttpStatusCode.OK);
        var id = pending.EnumerateArray().Single(i => i.GetProperty("email").GetString() == "someone-else@matrix.org").GetProperty("id").GetGuid();
        await Expect(await world.Api[Owner].DeleteAsync($"/api/workspaces/{ws}/invitations/{id}", Ct), HttpStatusCode.NoContent);
        var register = await world.Api[Anonymous].PostAsJsonAsync("/api/auth/register", new { email = "someone-else@matrix.org", password = Password, inviteToken = revokedLink }, Ct);
        Assert.Contains("revoked", await register.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Invitation_LetsANewUserSignUp_WhileSignUpIsInviteOnly_AndJoins()
    {
        var ws = await world.FreshWorkspaceAsync("Invite-only");
        var link = await InviteAsync(ws, "newcomer@matrix.org", "Viewer");
        using var scope = world.Portal.Services.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<SettingsService>();
        var admin = new Caller(world.UserIds[Admin], IsAdmin: true);
        await settings.SetSignUpModeAsync(admin, SignUpMode.InviteOnly, Ct);
        try
        {
            var uninvited = await world.Api[Anonymous].PostAsJsonAsync("/api/auth/register", new { email = "stranger@matrix.org", password = Password }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, uninvited.StatusCode);
            var registered = await world.Api[Anonymous].PostAsJsonAsync("/api/auth/register", new { email = "newcomer@matrix.org", password = Password, inviteToken = link }, Ct);
            await Expect(registered, HttpStatusCode.OK);
        }
        finally
        {
            await settings.SetSignUpModeAsync(admin, SignUpMode.Open, Ct);
        }
        var newcomer = await world.Portal.ClientForAsync("newcomer@matrix.org", Password);
        var workspace = await Expect(await newcomer.GetAsync($"/api/workspaces/{ws}", Ct), HttpStatusCode.OK);
        Assert.Equal("Viewer", workspace.GetProperty("role").GetString());
    }

    [Fact]
    public async Task LastOwner_CannotLeaveOrBeDemoted_UntilAnotherOwnerExists()
    {
        var ws = await world.FreshWorkspaceAsync("Owners");
        var owner = world.UserIds[Owner];
        var demote = await world.Api[Owner].PutAsJsonAsync($"/api/workspaces/{ws}/members/{owner}", new { role = "Editor" }, Ct);
        Assert.Contains("last Owner", await demote.Content.ReadAsStringAsync(Ct));
        Assert.Contains("last Owner", await (await world.Api[Owner].PostAsync($"/api/workspaces/{ws}/leave", null, Ct)).Content.ReadAsStringAsync(Ct));

        await Expect(await world.Api[Owner].PutAsJsonAsync($"/api/workspaces/{ws}/members/{world.UserIds[Editor]}", new { role = "Owner" }, Ct), HttpStatusCode.OK);
        await Expect(await world.Api[Owner].PutAsJsonAsync($"/api/workspaces/{ws}/members/{owner}", new { role = "Viewer" }, Ct), HttpStatusCode.OK);
        await Expect(await world.Api[Owner].PostAsync($"/api/workspaces/{ws}/leave", null, Ct), HttpStatusCode.NoContent);
        await Expect(await world.Api[Owner].GetAsync($"/api/workspaces/{ws}", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Archive_MakesTheWorkspaceReadOnlyAndHidden_RestoreUndoesIt()
    {
        var ws = await world.FreshWorkspaceAsync("Archived");
        await Expect(await world.Api[Owner].PostAsync($"/api/workspaces/{ws}/archive", null, Ct), HttpStatusCode.OK);

        var list = await Expect(await world.Api[Editor].GetAsync("/api/workspaces", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), w => w.GetProperty("id").GetGuid() == ws);
        var withArchived = await Expect(await world.Api[Editor].GetAsync("/api/workspaces?includeArchived=true", Ct), HttpStatusCode.OK);
        Assert.Contains(withArchived.EnumerateArray(), w => w.GetProperty("id").GetGuid() == ws && w.GetProperty("isArchived").GetBoolean());

        var run = await world.Api[Editor].PostAsJsonAsync("/api/runs", new { workspaceId = ws, modelType = "perceptron.online-hebb" }, Ct);
        Assert.Contains("archived", (await Expect(run, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await world.Api[Viewer].GetAsync($"/api/workspaces/{ws}/members", Ct)).StatusCode);

        await Expect(await world.Api[Owner].PostAsync($"/api/workspaces/{ws}/restore", null, Ct), HttpStatusCode.OK);
        var after = await world.Api[Editor].PostAsJsonAsync("/api/runs", new
        {
            workspaceId = ws, modelType = "perceptron.online-hebb", parameters = new { N = 40, alphaMax = 0.5, checkpoints = 2, samples = 2, testSize = 100 },
        }, Ct);
        await Expect(after, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Delete_NeedsTheExactName_ArchivesAWorkspaceWithRuns_AndTheLogOutlivesIt()
    {
        var empty = await world.FreshWorkspaceAsync("Scratch");
        var wrong = await world.Api[Owner].DeleteAsync($"/api/workspaces/{empty}?confirm=scratch", Ct);
        Assert.Contains("exactly", (await Expect(wrong, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        var deleted = await Expect(await world.Api[Owner].DeleteAsync($"/api/workspaces/{empty}?confirm=Scratch", Ct), HttpStatusCode.OK);
        Assert.Equal("Deleted", deleted.GetProperty("outcome").GetString());
        await Expect(await world.Api[Owner].GetAsync($"/api/workspaces/{empty}", Ct), HttpStatusCode.NotFound);

        var audit = await Expect(await world.Api[Admin].GetAsync($"/api/admin/audit?workspaceId={empty}", Ct), HttpStatusCode.OK);
        var actions = audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("workspace.deleted", actions);
        Assert.Contains("workspace.created", actions);
        Assert.All(audit.EnumerateArray(), e => Assert.Equal("Scratch", e.GetProperty("workspaceName").GetString()));

        var outcome = await Expect(await world.Api[Owner].DeleteAsync($"/api/workspaces/{world.WorkspaceId}?confirm={Uri.EscapeDataString(world.WorkspaceName)}", Ct), HttpStatusCode.OK);
        Assert.Equal("Archived", outcome.GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.OK, (await world.Api[Viewer].GetAsync($"/api/runs/{world.RunId}/result", Ct)).StatusCode);
        await Expect(await world.Api[Owner].PostAsync($"/api/workspaces/{world.WorkspaceId}/restore", null, Ct), HttpStatusCode.OK);
    }

    [Fact]
    public async Task ShareLink_OpensOnlyItsRun_CountsUses_AndStopsAtOnceWhenRevokedOrExpired()
    {
        var created = await Expect(await world.Api[Editor].PostAsJsonAsync("/api/share-links",
            new { target = "Run", targetId = world.RunId, expiry = "SevenDays", note = "for the referee" }, Ct), HttpStatusCode.Created);
        var url = new Uri(created.GetProperty("url").GetString()!);
        var token = url.AbsolutePath.Split('/')[^1];
        var id = created.GetProperty("link").GetProperty("id").GetGuid();
        Assert.True(token.Length >= 43, "a share token carries at least 256 random bits");

        using var referee = world.Portal.CreateClient(new() { AllowAutoRedirect = false });
        var page = await referee.GetAsync(url.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("run-details", html);
        Assert.Contains("noindex", html);
        Assert.Equal("noindex, nofollow", page.Headers.GetValues("X-Robots-Tag").Single());
        foreach (var email in world.Emails.Values) Assert.DoesNotContain(email, html);
        Assert.DoesNotContain($"/workspaces/{world.WorkspaceId}", html);

        var shared = await Expect(await referee.GetAsync($"/api/shared/{token}", Ct), HttpStatusCode.OK);
        Assert.Equal(world.RunId, shared.GetProperty("id").GetGuid());
        Assert.Equal("perceptron.online-hebb", shared.GetProperty("result").GetProperty("modelType").GetString());
        Assert.False(shared.TryGetProperty("workspaceId", out _));

        var links = await Expect(await world.Api[Owner].GetAsync($"/api/share-links?target=Run&targetId={world.RunId}", Ct), HttpStatusCode.OK);
        var view = links.EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == id);
        Assert.Equal(2, view.GetProperty("useCount").GetInt32());
        Assert.Equal("for the referee", view.GetProperty("note").GetString());
        Assert.DoesNotContain(token, links.GetRawText());

        await Expect(await world.Api[Owner].PostAsync($"/api/share-links/{id}/revoke", null, Ct), HttpStatusCode.OK);
        var gone = await referee.GetAsync(url.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var goneHtml = await gone.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Link no longer valid", goneHtml);
        Assert.DoesNotContain("Hebb", goneHtml);
        Assert.Equal(HttpStatusCode.Gone, (await referee.GetAsync($"/api/shared/{token}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await referee.GetAsync($"/s/{token[..^2]}xx", Ct)).StatusCode);

        var expiring = await Expect(await world.Api[Editor].PostAsJsonAsync("/api/share-links", new { target = "Run", targetId = world.RunId, expiry = "OneDay" }, Ct), HttpStatusCode.Created);
        using (var scope = world.Portal.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            var linkId = expiring.GetProperty("link").GetProperty("id").GetGuid();
            var row = await db.ShareLinks.SingleAsync(l => l.Id == linkId, Ct);
            row.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(HttpStatusCode.Gone, (await referee.GetAsync(new Uri(expiring.GetProperty("url").GetString()!).PathAndQuery, Ct)).StatusCode);

        var past = await world.Api[Editor].PostAsJsonAsync("/api/share-links", new { target = "Run", targetId = world.RunId, expiry = "Date", until = "2020-01-01" }, Ct);
        Assert.Contains("future", (await Expect(past, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        var longNote = await world.Api[Editor].PostAsJsonAsync("/api/share-links", new { target = "Run", targetId = world.RunId, note = new string('x', 501) }, Ct);
        Assert.Contains("500", (await Expect(longNote, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ShareLink_ForAModelVersion_ShowsItsParameters()
    {
        var created = await Expect(await world.Api[Owner].PostAsJsonAsync("/api/share-links", new { target = "ModelVersion", targetId = world.ModelVersionId }, Ct), HttpStatusCode.Created);
        var url = new Uri(created.GetProperty("url").GetString()!);
        using var anonymous = world.Portal.CreateClient(new() { AllowAutoRedirect = false });
        var html = await (await anonymous.GetAsync(url.PathAndQuery, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("version-parameters", html);
        Assert.Contains("alphaMax", html);
        var shared = await Expect(await anonymous.GetAsync($"/api/shared/{url.AbsolutePath.Split('/')[^1]}", Ct), HttpStatusCode.OK);
        Assert.Equal(1, shared.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Mention_ReachesTheMembersInbox_Once_AndNotOutsiders()
    {
        var before = (await Expect(await world.Api[Editor].GetAsync("/api/inbox", Ct), HttpStatusCode.OK)).GetProperty("unread").GetInt32();
        var comment = await world.CommentAsync(Viewer, world.RunId, "@editor could you rerun with N = 400? cc @nonmember");
        var inbox = await Expect(await world.Api[Editor].GetAsync("/api/inbox", Ct), HttpStatusCode.OK);
        Assert.Equal(before + 1, inbox.GetProperty("unread").GetInt32());
        Assert.Contains(inbox.GetProperty("mentions").EnumerateArray(), m => m.GetProperty("commentId").GetGuid() == comment);
        Assert.DoesNotContain((await Expect(await world.Api[NonMember].GetAsync("/api/inbox", Ct), HttpStatusCode.OK)).GetProperty("mentions").EnumerateArray(),
            m => m.GetProperty("commentId").GetGuid() == comment);

        // Editing keeps the mention without notifying twice.
        await Expect(await world.Api[Viewer].PutAsJsonAsync($"/api/comments/{comment}", new { markdown = "@editor could you rerun with N = 800?" }, Ct), HttpStatusCode.OK);
        Assert.Equal(before + 1, (await Expect(await world.Api[Editor].GetAsync("/api/inbox", Ct), HttpStatusCode.OK)).GetProperty("unread").GetInt32());
        await Expect(await world.Api[Editor].PostAsJsonAsync("/api/inbox/read", new { }, Ct), HttpStatusCode.OK);
        Assert.Equal(0, (await Expect(await world.Api[Editor].GetAsync("/api/inbox", Ct), HttpStatusCode.OK)).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Comment_TooLongOrEmpty_IsRefusedNamingTheLimit()
    {
        var empty = await world.Api[Viewer].PostAsJsonAsync($"/api/runs/{world.RunId}/comments", new { markdown = "   " }, Ct);
        Assert.Contains("empty", (await Expect(empty, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        var huge = await world.Api[Viewer].PostAsJsonAsync($"/api/runs/{world.RunId}/comments", new { markdown = new string('ε', 10_001) }, Ct);
        Assert.Contains("10000", (await Expect(huge, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AccessToken_StartsRuns_ReadOnlyTokenOnlyReads_RevokedTokenIsRefused()
    {
        var created = await Expect(await world.Api[Editor].PostAsJsonAsync("/api/tokens", new { name = "sweep script", validDays = 30 }, Ct), HttpStatusCode.Created);
        var secret = created.GetProperty("token").GetString()!;
        Assert.StartsWith("pat_", secret);
        using var script = world.Portal.CreateClient(new() { AllowAutoRedirect = false });
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        await Expect(await script.PostAsJsonAsync("/api/runs", new { modelId = world.ModelId, seed = 77 }, Ct), HttpStatusCode.Accepted);
        var listed = await Expect(await world.Api[Editor].GetAsync("/api/tokens", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(secret, listed.GetRawText());
        Assert.NotEqual(JsonValueKind.Null, listed.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "sweep script").GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await script.PostAsJsonAsync("/api/tokens", new { name = "escalate" }, Ct)).StatusCode);

        var readOnly = (await Expect(await world.Api[Editor].PostAsJsonAsync("/api/tokens", new { name = "dashboard", readOnly = true }, Ct), HttpStatusCode.Created))
            .GetProperty("token").GetString()!;
        using var reader = world.Portal.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readOnly);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/runs/{world.RunId}/result", Ct)).StatusCode);
        var write = await reader.PostAsJsonAsync("/api/runs", new { modelId = world.ModelId }, Ct);
        Assert.Contains("read-only", (await Expect(write, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());

        await Expect(await world.Api[Editor].DeleteAsync($"/api/tokens/{created.GetProperty("details").GetProperty("id").GetGuid()}", Ct), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/runs", Ct)).StatusCode);
        using var forged = world.Portal.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pat_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/runs", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIns_AndFailedSignIns_AreInTheAudit_WhichOnlyAdminsRead()
    {
        await world.SignInAsync(world.Emails[Viewer]);
        await world.Api[Anonymous].PostAsJsonAsync("/api/auth/login", new { email = world.Emails[Viewer], password = "wrong-password" }, Ct);
        var audit = await Expect(await world.Api[Admin].GetAsync("/api/admin/audit?action=account", Ct), HttpStatusCode.OK);
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "account.signed-in" && e.GetProperty("summary").GetString()!.Contains(world.Emails[Viewer]));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "account.sign-in-failed" && e.GetProperty("summary").GetString()!.Contains("wrong password"));
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Api[Owner].GetAsync("/api/admin/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task ActivityFeed_ShowsWhoDidWhat_ToMembersOnly()
    {
        var feed = await Expect(await world.Api[Viewer].GetAsync($"/api/workspaces/{world.WorkspaceId}/activity?take=500", Ct), HttpStatusCode.OK);
        var actions = feed.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToHashSet();
        foreach (var expected in new[] { "workspace.created", "model.created", "run.started", "run.finished", "comment.posted", "share.created", "share.used" })
            Assert.Contains(expected, actions);
        var runOnly = await Expect(await world.Api[Viewer].GetAsync($"/api/workspaces/{world.WorkspaceId}/activity?action=run", Ct), HttpStatusCode.OK);
        Assert.All(runOnly.EnumerateArray(), e => Assert.StartsWith("run.", e.GetProperty("action").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await world.Api[NonMember].GetAsync($"/api/workspaces/{world.WorkspaceId}/activity", Ct)).StatusCode);
    }

    private async Task<string> InviteAsync(Guid workspaceId, string email, string role)
    {
        var created = await Expect(await world.Api[Owner].PostAsJsonAsync($"/api/workspaces/{workspaceId}/invitations", new { email, role }, Ct), HttpStatusCode.Created);
        return created.GetProperty("link").GetString()!.Split('/')[^1];
    }
}
