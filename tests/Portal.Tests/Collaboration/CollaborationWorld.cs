using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Sharing;
using Portal.Features.Workspaces;

namespace Portal.Tests.Collaboration;

/// <summary>
/// A running portal with one shared workspace "Spin glasses" (an Owner, an Editor and a Viewer), an outsider,
/// an admin, a model with a finished run, a comment and a share link; API clients (bearer tokens) and browser
/// clients (sign-in cookies) for every role. Objects that a request changes are made fresh with <see cref="FreshWorkspaceAsync"/>.
/// </summary>
public sealed partial class CollaborationWorld : IAsyncLifetime
{
    public const string Password = "passw0rd-matrix";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public PortalFactory Portal { get; } = new();
    public Dictionary<Role, HttpClient> Api { get; } = [];
    public Dictionary<Role, HttpClient> Browser { get; } = [];
    public Dictionary<Role, string> UserIds { get; } = [];
    public Dictionary<Role, string> Emails { get; } = [];
    public string ExtraUserId { get; private set; } = "";

    public Guid WorkspaceId { get; private set; }
    public string WorkspaceName => "Spin glasses";
    public Guid ModelId { get; private set; }
    public Guid ModelVersionId { get; private set; }
    public Guid RunId { get; private set; }
    public Guid SweepId { get; private set; }
    public Guid CommentId { get; private set; }
    public string ShareToken { get; private set; } = "";

    /// <summary>A report of the workspace on the run, published once (version 1), in a session, its version shared.</summary>
    public Guid ReportId { get; private set; }

    public Guid SessionId { get; private set; }
    public string ReportShareToken { get; private set; } = "";

    public static readonly Role[] SignedIn = [Role.Viewer, Role.Editor, Role.Owner, Role.NonMember, Role.Admin];

    public async ValueTask InitializeAsync()
    {
        // The first account becomes Admin.
        foreach (var role in new[] { Role.Admin, Role.Owner, Role.Editor, Role.Viewer, Role.NonMember })
        {
            var email = $"{role.ToString().ToLowerInvariant()}@matrix.org";
            Emails[role] = email;
            Api[role] = await Portal.ClientForAsync(email, Password);
        }
        using (var scope = Portal.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            foreach (var role in Emails.Keys) UserIds[role] = await db.Users.Where(u => u.Email == Emails[role]).Select(u => u.Id).SingleAsync(Ct);
        }
        await Portal.ClientForAsync("extra@matrix.org", Password);
        using (var scope = Portal.Services.CreateScope())
            ExtraUserId = await scope.ServiceProvider.GetRequiredService<PortalDb>().Users.Where(u => u.Email == "extra@matrix.org").Select(u => u.Id).SingleAsync(Ct);

        Api[Role.Anonymous] = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        WorkspaceId = await FreshWorkspaceAsync(WorkspaceName);

        var model = await Api[Role.Editor].PostAsJsonAsync("/api/models", new
        {
            workspaceId = WorkspaceId, name = "Hebb, N = 60", modelType = "perceptron.online-hebb",
            parameters = new { N = 60, alphaMax = 1.0, checkpoints = 2, samples = 2, testSize = 100 },
        }, Ct);
        var modelJson = await Expect(model, HttpStatusCode.Created);
        ModelId = modelJson.GetProperty("id").GetGuid();
        using (var scope = Portal.Services.CreateScope())
            ModelVersionId = await scope.ServiceProvider.GetRequiredService<PortalDb>().ModelVersions.Where(v => v.ModelId == ModelId).Select(v => v.Id).SingleAsync(Ct);
        RunId = await StartFinishedRunAsync(Role.Editor);
        SweepId = await FinishedSweepAsync(Role.Editor);

        var comment = await Api[Role.Viewer].PostAsJsonAsync($"/api/runs/{RunId}/comments", new { markdown = "Agrees with ε(α) to 3σ." }, Ct);
        CommentId = (await Expect(comment, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        ShareToken = await ShareAsync(Role.Owner, RunId);
        ReportId = await ReportAsync();
        var published = await Expect(await Api[Role.Editor].PostAsJsonAsync($"/api/reports/{ReportId}/publish", new { note = "first" }, Ct), HttpStatusCode.Created);
        var shared = await Api[Role.Owner].PostAsJsonAsync("/api/share-links", new { target = "ReportVersion", targetId = published.GetProperty("id").GetGuid(), expiry = "Never" }, Ct);
        ReportShareToken = (await Expect(shared, HttpStatusCode.Created)).GetProperty("url").GetString()!.Split('/')[^1];
        SessionId = await SessionAsync();

        // The share-link holder: a browser with no account that opened the link.
        var holder = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync($"/s/{ShareToken}", Ct)).StatusCode);
        Api[Role.ShareLinkHolder] = holder;
        Browser[Role.ShareLinkHolder] = holder;
        // No cookies at all: opening the share link in the page matrix must not turn it into a link holder.
        Browser[Role.Anonymous] = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        foreach (var role in SignedIn) Browser[role] = await SignInAsync(Emails[role]);
    }

    /// <summary>A workspace of the Owner with the Editor, the Viewer and the extra user as members (the extra user as Viewer).</summary>
    public async Task<Guid> FreshWorkspaceAsync(string name = "Fresh")
    {
        using var scope = Portal.Services.CreateScope();
        var services = scope.ServiceProvider;
        var owner = new Caller(UserIds[Role.Owner], false);
        var ws = (await services.GetRequiredService<WorkspaceService>().CreateAsync(owner, name, Ct)).Value!;
        var db = services.GetRequiredService<PortalDb>();
        db.WorkspaceMembers.AddRange(
            new WorkspaceMember { WorkspaceId = ws.Id, UserId = UserIds[Role.Editor], Role = WorkspaceRole.Editor, JoinedAt = DateTimeOffset.UtcNow },
            new WorkspaceMember { WorkspaceId = ws.Id, UserId = UserIds[Role.Viewer], Role = WorkspaceRole.Viewer, JoinedAt = DateTimeOffset.UtcNow },
            new WorkspaceMember { WorkspaceId = ws.Id, UserId = ExtraUserId, Role = WorkspaceRole.Viewer, JoinedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Ct);
        return ws.Id;
    }

    public async Task<Guid> StartFinishedRunAsync(Role who)
    {
        var started = await Api[who].PostAsJsonAsync("/api/runs", new { modelId = ModelId, seed = 5 }, Ct);
        var id = (await Expect(started, HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var status = (await Api[who].GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Ct)).GetProperty("status").GetString();
            if (status == "Succeeded") return id;
            Assert.True(status is "Queued" or "Running", $"The run ended {status}.");
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("The matrix run did not finish in 60 s.");
    }

    /// <summary>A succeeded run of the workspace written straight into the database (for requests that delete one).</summary>
    public async Task<Guid> FinishedRunRowAsync()
    {
        using var scope = Portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var original = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == RunId, Ct);
        var run = new global::Portal.Features.Runs.Run
        {
            Id = Guid.CreateVersion7(), WorkspaceId = WorkspaceId, ModelVersionId = original.ModelVersionId, ModelType = original.ModelType, Seed = 77,
            SpecJson = original.SpecJson, SpecHash = original.SpecHash, SoftwareVersion = original.SoftwareVersion, Status = global::Portal.Features.Runs.RunStatus.Succeeded,
            CreatedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow, CreatedById = UserIds[Role.Editor], ResultJson = original.ResultJson,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await global::Portal.Features.Runs.RunNumbers.AssignAsync(db, WorkspaceId, [run], Ct);
        db.Runs.Add(run);
        await db.SaveChangesAsync(Ct);
        await transaction.CommitAsync(Ct);
        return run.Id;
    }

    /// <summary>A finished sweep of the model over two values of α with one seed.</summary>
    public async Task<Guid> FinishedSweepAsync(Role who)
    {
        var started = await Api[who].PostAsJsonAsync("/api/sweeps", new { modelId = ModelId, axes = new[] { new { parameter = "alphaMax", values = new[] { 0.25, 0.5 } } }, seedCount = 1 }, Ct);
        var id = (await Expect(started, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var statuses = (await Api[who].GetFromJsonAsync<JsonElement>($"/api/sweeps/{id}", Ct)).GetProperty("statuses");
            if (statuses.TryGetProperty("Succeeded", out var done) && done.GetInt32() == 2) return id;
            Assert.False(statuses.TryGetProperty("Failed", out _), "A matrix sweep member failed.");
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("The matrix sweep did not finish in 60 s.");
    }

    /// <summary>A fresh draft report (by the Editor) that embeds the workspace's run.</summary>
    public async Task<Guid> ReportAsync()
    {
        var source = $"---\ntitle: Hebb report\n---\n# Result\n\n{{{{figure run={RunId} name=learning-curve #fig:eps}}}}\n\nSee @fig:eps: ε = {{{{metric run={RunId} name=epsilon_final}}}}.\n";
        var response = await Api[Role.Editor].PostAsJsonAsync("/api/reports", new { workspaceId = WorkspaceId, source }, Ct);
        return (await Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>A fresh session (by the Editor) with the report in its first slot.</summary>
    public async Task<Guid> SessionAsync()
    {
        var response = await Api[Role.Editor].PostAsJsonAsync("/api/sessions", new
        {
            workspaceId = WorkspaceId, title = "Group meeting", date = "2026-12-05", venue = "Room 1",
            slots = new object[] { new { start = "14:00", durationMinutes = 20, speaker = "Editor", reportId = ReportId }, new { start = "14:20", title = "External talk" } },
        }, Ct);
        return (await Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>Creates a share link for a run and returns its token.</summary>
    public async Task<string> ShareAsync(Role who, Guid runId)
    {
        var response = await Api[who].PostAsJsonAsync("/api/share-links", new { target = "Run", targetId = runId, expiry = "Never" }, Ct);
        return (await Expect(response, HttpStatusCode.Created)).GetProperty("url").GetString()!.Split('/')[^1];
    }

    public async Task<Guid> ShareLinkIdAsync(Role who, Guid runId)
    {
        var response = await Api[who].PostAsJsonAsync("/api/share-links", new { target = "Run", targetId = runId, expiry = "Never" }, Ct);
        return (await Expect(response, HttpStatusCode.Created)).GetProperty("link").GetProperty("id").GetGuid();
    }

    public async Task<Guid> CommentAsync(Role who, Guid runId, string text = "a fresh comment")
    {
        var response = await Api[who].PostAsJsonAsync($"/api/runs/{runId}/comments", new { markdown = text }, Ct);
        return (await Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>Signs in through the real sign-in form (antiforgery token included) and keeps the cookie.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/account/login", Ct);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = Password,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public async ValueTask DisposeAsync()
    {
        foreach (var c in Api.Values.Concat(Browser.Values).Distinct()) c.Dispose();
        await Portal.DisposeAsync();
    }
}
