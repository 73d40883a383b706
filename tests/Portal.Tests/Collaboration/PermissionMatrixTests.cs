using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Portal.Tests.Collaboration.Role;

namespace Portal.Tests.Collaboration;

/// <summary>
/// Every API route, enumerated from the endpoint data source, against the permission matrix: a route without
/// an entry here fails the test, and so does an entry whose route no longer exists. Each cell sends a real
/// request as that role and compares the status code. Columns, in order: anonymous, share-link holder,
/// Viewer, Editor, Owner, non-member, Admin.
/// </summary>
public class PermissionMatrixTests(CollaborationWorld world) : IClassFixture<CollaborationWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private delegate Task<HttpRequestMessage> RequestFor(CollaborationWorld w, Role role);

    private sealed record Cell(string Expected, RequestFor Request);

    private static readonly Role[] Columns = [Anonymous, ShareLinkHolder, Viewer, Editor, Owner, NonMember, Admin];

    private static Cell Row(string expected, RequestFor request) => new(expected, request);

    private static RequestFor Get(Func<CollaborationWorld, string> url) => (w, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url(w)));

    private static RequestFor Send(HttpMethod method, Func<CollaborationWorld, string> url, Func<CollaborationWorld, object>? body = null) =>
        (w, _) => Task.FromResult(Message(method, url(w), body?.Invoke(w)));

    private static RequestFor Fresh(HttpMethod method, Func<CollaborationWorld, Role, Task<string>> url, Func<CollaborationWorld, object>? body = null) =>
        async (w, role) => Message(method, await url(w, role), body?.Invoke(w));

    private static HttpRequestMessage Message(HttpMethod method, string url, object? body) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body) };

    private static readonly object HebbParameters = new { N = 40, alphaMax = 0.5, checkpoints = 2, samples = 2, testSize = 100 };

    private static readonly Dictionary<string, Cell> Api = new()
    {
        ["GET /api/model-types"] = Row("401 401 200 200 200 200 200", Get(_ => "/api/model-types")),

        ["GET /api/workspaces"] = Row("401 401 200 200 200 200 200", Get(_ => "/api/workspaces")),
        ["POST /api/workspaces"] = Row("401 401 201 201 201 201 201", Send(HttpMethod.Post, _ => "/api/workspaces", _ => new { name = "Mine" })),
        ["GET /api/workspaces/{id:guid}"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/workspaces/{w.WorkspaceId}")),
        ["PATCH /api/workspaces/{id:guid}"] = Row("401 401 403 403 200 404 403",
            Fresh(HttpMethod.Patch, async (w, _) => $"/api/workspaces/{await w.FreshWorkspaceAsync()}", _ => new { name = "Renamed" })),
        ["POST /api/workspaces/{id:guid}/archive"] = Row("401 401 403 403 200 404 403",
            Fresh(HttpMethod.Post, async (w, _) => $"/api/workspaces/{await w.FreshWorkspaceAsync()}/archive")),
        ["POST /api/workspaces/{id:guid}/restore"] = Row("401 401 403 403 200 404 403",
            Fresh(HttpMethod.Post, async (w, _) => $"/api/workspaces/{await ArchivedWorkspaceAsync(w)}/restore")),
        ["DELETE /api/workspaces/{id:guid}"] = Row("401 401 403 403 200 404 403",
            Fresh(HttpMethod.Delete, async (w, _) => $"/api/workspaces/{await w.FreshWorkspaceAsync()}?confirm=Fresh")),
        ["GET /api/workspaces/{id:guid}/members"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/workspaces/{w.WorkspaceId}/members")),
        ["PUT /api/workspaces/{id:guid}/members/{userId}"] = Row("401 401 403 403 200 404 403",
            Fresh(HttpMethod.Put, async (w, _) => $"/api/workspaces/{await w.FreshWorkspaceAsync()}/members/{w.ExtraUserId}", _ => new { role = "Editor" })),
        ["DELETE /api/workspaces/{id:guid}/members/{userId}"] = Row("401 401 403 403 204 404 403",
            Fresh(HttpMethod.Delete, async (w, _) => $"/api/workspaces/{await w.FreshWorkspaceAsync()}/members/{w.ExtraUserId}")),
        ["POST /api/workspaces/{id:guid}/leave"] = Row("401 401 204 204 400 404 404",
            Fresh(HttpMethod.Post, async (w, _) => $"/api/workspaces/{await w.FreshWorkspaceAsync()}/leave")),
        ["GET /api/workspaces/{id:guid}/invitations"] = Row("401 401 403 403 200 404 403", Get(w => $"/api/workspaces/{w.WorkspaceId}/invitations")),
        ["POST /api/workspaces/{id:guid}/invitations"] = Row("401 401 403 403 201 404 403",
            Send(HttpMethod.Post, w => $"/api/workspaces/{w.WorkspaceId}/invitations", _ => new { email = "colleague@matrix.org", role = "Editor" })),
        ["DELETE /api/workspaces/{id:guid}/invitations/{invitationId:guid}"] = Row("401 401 403 403 204 404 403",
            Fresh(HttpMethod.Delete, async (w, _) => $"/api/workspaces/{w.WorkspaceId}/invitations/{(await InviteAsync(w, w.WorkspaceId, "later@matrix.org")).Id}")),
        ["POST /api/invitations/{token}/accept"] = Row("401 401 400 400 400 200 400",
            Fresh(HttpMethod.Post, async (w, _) => $"/api/invitations/{(await InviteAsync(w, await w.FreshWorkspaceAsync(), w.Emails[NonMember])).Token}/accept")),
        ["GET /api/workspaces/{id:guid}/activity"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/workspaces/{w.WorkspaceId}/activity")),
        ["GET /api/admin/audit"] = Row("401 401 403 403 403 403 200", Get(_ => "/api/admin/audit")),

        ["GET /api/share-links"] = Row("401 401 403 200 200 404 200", Get(w => $"/api/share-links?workspaceId={w.WorkspaceId}")),
        ["POST /api/share-links"] = Row("401 401 403 201 201 404 403",
            Send(HttpMethod.Post, _ => "/api/share-links", w => new { target = "Run", targetId = w.RunId, expiry = "OneDay", note = "referee" })),
        ["POST /api/share-links/{id:guid}/revoke"] = Row("401 401 403 200 200 404 200",
            Fresh(HttpMethod.Post, async (w, _) => $"/api/share-links/{await w.ShareLinkIdAsync(Editor, w.RunId)}/revoke")),
        ["GET /api/admin/share-links"] = Row("401 401 403 403 403 403 200", Get(_ => "/api/admin/share-links")),
        ["GET /api/shared/{token}"] = Row("200 200 200 200 200 200 200", Get(w => $"/api/shared/{w.ShareToken}")),

        ["GET /api/runs/{id:guid}/comments"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/runs/{w.RunId}/comments")),
        ["POST /api/runs/{id:guid}/comments"] = Row("401 401 201 201 201 404 403",
            Send(HttpMethod.Post, w => $"/api/runs/{w.RunId}/comments", _ => new { markdown = "Looks equilibrated." })),
        ["GET /api/models/{id:guid}/comments"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/models/{w.ModelId}/comments")),
        ["POST /api/models/{id:guid}/comments"] = Row("401 401 201 201 201 404 403",
            Send(HttpMethod.Post, w => $"/api/models/{w.ModelId}/comments", _ => new { markdown = "Try N = 400." })),
        ["PUT /api/comments/{id:guid}"] = Row("401 401 200 403 403 404 403",
            Send(HttpMethod.Put, w => $"/api/comments/{w.CommentId}", _ => new { markdown = "Agrees with ε(α) to 3σ (edited)." })),
        ["DELETE /api/comments/{id:guid}"] = Row("401 401 204 403 204 404 403",
            Fresh(HttpMethod.Delete, async (w, _) => $"/api/comments/{await w.CommentAsync(Viewer, w.RunId)}")),
        ["GET /api/inbox"] = Row("401 401 200 200 200 200 200", Get(_ => "/api/inbox")),
        ["POST /api/inbox/read"] = Row("401 401 200 200 200 200 200", Send(HttpMethod.Post, _ => "/api/inbox/read", _ => new { })),

        ["GET /api/tokens"] = Row("401 401 200 200 200 200 200", Get(_ => "/api/tokens")),
        ["POST /api/tokens"] = Row("401 401 201 201 201 201 201", Send(HttpMethod.Post, _ => "/api/tokens", _ => new { name = "matrix script", validDays = 7 })),
        ["DELETE /api/tokens/{id:guid}"] = Row("401 401 200 404 404 404 404",
            Fresh(HttpMethod.Delete, async (w, _) => $"/api/tokens/{await TokenIdAsync(w, Viewer)}")),

        ["GET /api/models"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/models?workspaceId={w.WorkspaceId}")),
        ["POST /api/models"] = Row("401 401 403 201 201 404 403", Send(HttpMethod.Post, _ => "/api/models",
            w => new { workspaceId = w.WorkspaceId, name = "Another Hebb", modelType = "perceptron.online-hebb", parameters = HebbParameters })),
        ["GET /api/models/{id:guid}"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/models/{w.ModelId}")),
        ["GET /api/models/{id:guid}/versions/{version:int}"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/models/{w.ModelId}/versions/1")),
        ["PUT /api/models/{id:guid}"] = Row("401 401 403 200 200 404 403", Send(HttpMethod.Put, w => $"/api/models/{w.ModelId}", _ => new { name = "Hebb, N = 60" })),

        ["POST /api/runs"] = Row("401 401 403 202 202 404 403", Send(HttpMethod.Post, _ => "/api/runs", w => new { modelId = w.ModelId, seed = 9 })),
        ["GET /api/runs"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/runs?workspaceId={w.WorkspaceId}")),
        ["GET /api/runs/{id:guid}"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/runs/{w.RunId}")),
        ["GET /api/runs/{id:guid}/result"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/runs/{w.RunId}/result")),
        ["POST /api/runs/{id:guid}/rerun"] = Row("401 401 403 202 202 404 403", Send(HttpMethod.Post, w => $"/api/runs/{w.RunId}/rerun")),
        // The run has finished: whoever may cancel gets past the permission check and is told so (400).
        ["POST /api/runs/{id:guid}/cancel"] = Row("401 401 403 400 400 404 400", Send(HttpMethod.Post, w => $"/api/runs/{w.RunId}/cancel")),

        ["GET /api/runs/query"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/runs/query?workspaceId={w.WorkspaceId}&param=N>=10&sort=-param.N")),
        ["GET /api/runs/export"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/runs/export?workspaceId={w.WorkspaceId}&format=csv")),
        ["PUT /api/runs/{id:guid}/tags"] = Row("401 401 403 200 200 404 403", Send(HttpMethod.Put, w => $"/api/runs/{w.RunId}/tags", _ => new { tags = new[] { "matrix" } })),
        ["PUT /api/runs/{id:guid}/note"] = Row("401 401 403 200 200 404 403", Send(HttpMethod.Put, w => $"/api/runs/{w.RunId}/note", _ => new { note = "Checked by the matrix." })),
        ["POST /api/runs/bulk/tags"] = Row("401 401 403 200 200 404 403",
            Send(HttpMethod.Post, _ => "/api/runs/bulk/tags", w => new { runIds = new[] { w.RunId }, add = new[] { "bulk" } })),
        // Finished: whoever may cancel gets past the permission check and is told it was skipped (admins cancel one run at a time, audited).
        ["POST /api/runs/bulk/cancel"] = Row("401 401 403 200 200 404 403", Send(HttpMethod.Post, _ => "/api/runs/bulk/cancel", w => new { runIds = new[] { w.RunId } })),
        ["POST /api/runs/bulk/delete"] = Row("401 401 403 403 200 404 403",
            async (w, _) => Message(HttpMethod.Post, "/api/runs/bulk/delete", new { runIds = new[] { await w.FinishedRunRowAsync() } })),
        ["POST /api/sweeps"] = Row("401 401 403 201 201 404 403", Send(HttpMethod.Post, _ => "/api/sweeps",
            w => new { modelId = w.ModelId, axes = new[] { new { parameter = "alphaMax", values = new[] { 0.25 } } }, seedCount = 1 })),
        ["GET /api/sweeps/{id:guid}"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/sweeps/{w.SweepId}")),
        ["GET /api/sweeps/{id:guid}/members"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/sweeps/{w.SweepId}/members")),
        ["GET /api/sweeps/{id:guid}/aggregate"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/sweeps/{w.SweepId}/aggregate")),
        ["GET /api/sweeps/{id:guid}/aggregate.csv"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/sweeps/{w.SweepId}/aggregate.csv")),
        // Finished: whoever may cancel gets past the permission check and is told that nothing was running (0 cancelled).
        ["POST /api/sweeps/{id:guid}/cancel"] = Row("401 401 403 200 200 404 403", Send(HttpMethod.Post, w => $"/api/sweeps/{w.SweepId}/cancel")),
        // Nothing failed: past the permission check the answer is 400 "nothing to retry".
        ["POST /api/sweeps/{id:guid}/retry"] = Row("401 401 403 400 400 404 403", Send(HttpMethod.Post, w => $"/api/sweeps/{w.SweepId}/retry")),
        ["POST /api/sweeps/{id:guid}/extend"] = Row("401 401 403 200 200 404 403",
            Send(HttpMethod.Post, w => $"/api/sweeps/{w.SweepId}/extend", _ => new { seedCount = 1 })),

        ["GET /api/datasets"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/datasets?workspaceId={w.WorkspaceId}")),
        ["POST /api/datasets"] = Row("401 401 403 201 201 404 403", (w, _) =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("0 1 1\n1 0 0\n"), "file", "bits.txt" },
                { new StringContent(w.WorkspaceId.ToString()), "workspaceId" },
            };
            return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/datasets") { Content = form });
        }),
        // A comparison of a run and an id that exists nowhere: shown with one hidden run, or 404 when none is readable.
        ["GET /api/compare"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/compare?runs={w.RunId},{Guid.Empty}")),
        ["GET /api/admin/runs"] = Row("401 401 403 403 403 403 200", Get(_ => "/api/admin/runs")),

        ["GET /api/reports"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/reports?workspaceId={w.WorkspaceId}")),
        ["POST /api/reports"] = Row("401 401 403 201 201 404 403", Send(HttpMethod.Post, _ => "/api/reports", w => new { workspaceId = w.WorkspaceId, source = "---\ntitle: New\n---\nText" })),
        ["GET /api/reports/{id:guid}"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/reports/{w.ReportId}")),
        ["PUT /api/reports/{id:guid}"] = Row("401 401 403 200 200 404 403",
            Fresh(HttpMethod.Put, async (w, _) => $"/api/reports/{await w.ReportAsync()}", _ => new { source = "# Changed", revision = 1 })),
        ["DELETE /api/reports/{id:guid}"] = Row("401 401 403 204 204 404 403", Fresh(HttpMethod.Delete, async (w, _) => $"/api/reports/{await w.ReportAsync()}")),
        ["GET /api/reports/{id:guid}/render"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/reports/{w.ReportId}/render")),
        ["POST /api/reports/{id:guid}/publish"] = Row("401 401 403 201 201 404 403", Send(HttpMethod.Post, w => $"/api/reports/{w.ReportId}/publish", _ => new { note = "matrix" })),
        ["GET /api/reports/{id:guid}/versions"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/reports/{w.ReportId}/versions")),
        ["GET /api/reports/{id:guid}/versions/{n:int}"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/reports/{w.ReportId}/versions/1")),
        ["GET /api/reports/{id:guid}/versions/{n:int}/export.html"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/reports/{w.ReportId}/versions/1/export.html")),
        ["GET /api/reports/{id:guid}/versions/{n:int}/export.zip"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/reports/{w.ReportId}/versions/1/export.zip")),
        ["GET /api/sessions"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/sessions?workspaceId={w.WorkspaceId}")),
        ["GET /api/sessions/{id:guid}"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/sessions/{w.SessionId}")),
        ["POST /api/sessions"] = Row("401 401 403 201 201 404 403", Send(HttpMethod.Post, _ => "/api/sessions", w => new { workspaceId = w.WorkspaceId, title = "Journal club" })),
        ["PUT /api/sessions/{id:guid}"] = Row("401 401 403 200 200 404 403",
            Send(HttpMethod.Put, w => $"/api/sessions/{w.SessionId}", w => new { title = "Group meeting", slots = new object[] { new { start = "14:00", reportId = w.ReportId } } })),
        ["DELETE /api/sessions/{id:guid}"] = Row("401 401 403 204 204 404 403", Fresh(HttpMethod.Delete, async (w, _) => $"/api/sessions/{await w.SessionAsync()}")),
        ["GET /api/runs/{id:guid}/export/result.json"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/runs/{w.RunId}/export/result.json")),
        ["GET /api/runs/{id:guid}/export/metrics.csv"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/runs/{w.RunId}/export/metrics.csv")),
        ["GET /api/runs/{id:guid}/export/series.csv"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/runs/{w.RunId}/export/series.csv")),
        ["GET /api/runs/{id:guid}/export/figures/{name}.svg"] = Row("401 401 200 200 200 404 200", Get(w => $"/api/runs/{w.RunId}/export/figures/learning-curve.svg")),

        ["POST /api/auth/register"] = Row("200 200 200 200 200 200 200",
            Send(HttpMethod.Post, _ => "/api/auth/register", _ => new { email = $"new-{Guid.NewGuid():N}@matrix.org", password = CollaborationWorld.Password })),
        ["POST /api/auth/refresh"] = Row("401 401 401 401 401 401 401", Send(HttpMethod.Post, _ => "/api/auth/refresh", _ => new { refreshToken = "not-a-token" })),
        // Signing out renews the account's stamp, which would end the matrix's own sessions: each cell signs out a fresh account.
        ["POST /api/auth/logout"] = Row("401 401 204 204 204 204 204", async (w, role) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
            if (role is Anonymous or ShareLinkHolder) return request;
            var email = $"leaving-{Guid.NewGuid():N}@matrix.org";
            await w.Api[Anonymous].PostAsJsonAsync("/api/auth/register", new { email, password = CollaborationWorld.Password }, Ct);
            var login = await CollaborationWorld.Expect(await w.Api[Anonymous].PostAsJsonAsync("/api/auth/login", new { email, password = CollaborationWorld.Password }, Ct), HttpStatusCode.OK);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
            return request;
        }),
        ["POST /api/auth/password-reset"] = Row("202 202 202 202 202 202 202",
            Send(HttpMethod.Post, _ => "/api/auth/password-reset", _ => new { email = "someone@matrix.org" })),
        ["POST /api/auth/password-reset/confirm"] = Row("400 400 400 400 400 400 400",
            Send(HttpMethod.Post, _ => "/api/auth/password-reset/confirm", _ => new { userId = "nobody", token = "not-a-token", password = "new-password-1" })),
        ["GET /api/admin/users"] = Row("401 401 403 403 403 403 200", Get(_ => "/api/admin/users")),
        ["POST /api/admin/users/{id}/password-reset"] = Row("401 401 403 403 403 403 404",
            Send(HttpMethod.Post, _ => "/api/admin/users/no-such-user/password-reset", _ => new { })),
        ["POST /api/auth/login"] = Row("200 200 200 200 200 200 200",
            Send(HttpMethod.Post, _ => "/api/auth/login", _ => new { email = "extra@matrix.org", password = CollaborationWorld.Password })),
    };

    [Fact]
    public async Task EveryApiRoute_AnswersEveryRoleAsTheMatrixSays()
    {
        var routes = ApiRoutes();
        var missing = routes.Except(Api.Keys).Order().ToList();
        var stale = Api.Keys.Except(routes).Order().ToList();
        Assert.True(missing.Count == 0, "API routes without a row in the permission matrix:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Matrix rows for routes that no longer exist:\n" + string.Join("\n", stale));

        var failures = new List<string>();
        foreach (var (route, cell) in Api)
        {
            var expected = cell.Expected.Split(' ').Select(int.Parse).ToArray();
            for (var i = 0; i < Columns.Length; i++)
            {
                using var request = await cell.Request(world, Columns[i]);
                using var response = await world.Api[Columns[i]].SendAsync(request, Ct);
                if ((int)response.StatusCode != expected[i])
                    failures.Add($"{route} as {Columns[i]}: expected {expected[i]}, got {(int)response.StatusCode} {Excerpt(await response.Content.ReadAsStringAsync(Ct))}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Api.Count * Columns.Length} cells differ:\n" + string.Join("\n", failures));
        TestContext.Current.SendDiagnosticMessage($"Permission matrix: {Api.Count} API routes × {Columns.Length} roles = {Api.Count * Columns.Length} requests, all as expected.");
    }

    private sealed record Page(string Expected, Func<CollaborationWorld, string, string> Url);

    // 302: sent to sign in (or, for admin pages, to /forbidden); 403: may see the object but not use this page.
    private static readonly Dictionary<string, Page> Pages = new()
    {
        ["/"] = new("200 200 200 200 200 200 200", (_, _) => "/"),
        ["/not-found"] = new("200 200 200 200 200 200 200", (_, _) => "/not-found"),
        ["/forbidden"] = new("200 200 200 200 200 200 200", (_, _) => "/forbidden"),
        ["/error"] = new("200 200 200 200 200 200 200", (_, _) => "/error"),
        ["/account/login"] = new("200 200 200 200 200 200 200", (_, _) => "/account/login"),
        ["/account/register"] = new("200 200 200 200 200 200 200", (_, _) => "/account/register"),
        ["/account/forgot"] = new("200 200 200 200 200 200 200", (_, _) => "/account/forgot"),
        ["/account/reset"] = new("200 200 200 200 200 200 200", (_, _) => "/account/reset?user=nobody&token=x"),
        ["/admin/users"] = new("302 404 302 302 302 302 200", (_, _) => "/admin/users"),
        ["/model-types"] = new("302 404 200 200 200 200 200", (_, _) => "/model-types"),
        ["/workspaces/{Id:guid}"] = new("302 404 200 200 200 404 200", (w, _) => $"/workspaces/{w.WorkspaceId}"),
        ["/workspaces/{WorkspaceId:guid}/models/new"] = new("302 404 403 200 200 404 403", (w, _) => $"/workspaces/{w.WorkspaceId}/models/new"),
        ["/workspaces/{WorkspaceId:guid}/datasets"] = new("302 404 200 200 200 404 200", (w, _) => $"/workspaces/{w.WorkspaceId}/datasets"),
        ["/workspaces/{Id:guid}/members"] = new("302 404 200 200 200 404 200", (w, _) => $"/workspaces/{w.WorkspaceId}/members"),
        ["/workspaces/{Id:guid}/activity"] = new("302 404 200 200 200 404 200", (w, _) => $"/workspaces/{w.WorkspaceId}/activity"),
        ["/workspaces/{Id:guid}/share-links"] = new("302 404 403 200 200 404 200", (w, _) => $"/workspaces/{w.WorkspaceId}/share-links"),
        ["/workspaces/{Id:guid}/settings"] = new("302 404 403 403 200 404 403", (w, _) => $"/workspaces/{w.WorkspaceId}/settings"),
        ["/models/{Id:guid}"] = new("302 404 200 200 200 404 200", (w, _) => $"/models/{w.ModelId}"),
        ["/models/{Id:guid}/edit"] = new("302 404 403 200 200 404 403", (w, _) => $"/models/{w.ModelId}/edit"),
        ["/models/{Id:guid}/v/{N:int}"] = new("302 404 200 200 200 404 200", (w, _) => $"/models/{w.ModelId}/v/1"),
        ["/models/{Id:guid}/diff"] = new("302 404 200 200 200 404 200", (w, _) => $"/models/{w.ModelId}/diff?a=1&b=1"),
        ["/models/{Id:guid}/sweep"] = new("302 404 403 200 200 404 403", (w, _) => $"/models/{w.ModelId}/sweep"),
        ["/sweeps/{Id:guid}"] = new("302 404 200 200 200 404 200", (w, _) => $"/sweeps/{w.SweepId}"),
        ["/compare"] = new("302 404 200 200 200 404 200", (w, _) => $"/compare?runs={w.RunId},{Guid.Empty}"),
        ["/runs/{Id:guid}"] = new("302 404 200 200 200 404 200", (w, _) => $"/runs/{w.RunId}"),
        ["/s/{Token}"] = new("200 200 200 200 200 200 200", (w, _) => $"/s/{w.ShareToken}"),
        ["/invite/{Token}"] = new("200 200 200 200 200 200 200", (_, invitation) => $"/invite/{invitation}"),
        ["/inbox"] = new("302 404 200 200 200 200 200", (_, _) => "/inbox"),
        ["/account/tokens"] = new("302 404 200 200 200 200 200", (_, _) => "/account/tokens"),
        ["/admin/runs"] = new("302 404 302 302 302 302 200", (_, _) => "/admin/runs"),
        ["/admin/settings"] = new("302 404 302 302 302 302 200", (_, _) => "/admin/settings"),
        ["/admin/workers"] = new("302 404 302 302 302 302 200", (_, _) => "/admin/workers"),
        ["/admin/audit"] = new("302 404 302 302 302 302 200", (_, _) => "/admin/audit"),
        ["/workspaces/{WorkspaceId:guid}/reports"] = new("302 404 200 200 200 404 200", (w, _) => $"/workspaces/{w.WorkspaceId}/reports"),
        ["/reports/{Id:guid}"] = new("302 404 200 200 200 404 200", (w, _) => $"/reports/{w.ReportId}"),
        ["/reports/{Id:guid}/v/{N:int}"] = new("302 404 200 200 200 404 200", (w, _) => $"/reports/{w.ReportId}/v/1"),
        ["/reports/{Id:guid}/edit"] = new("302 404 403 200 200 404 403", (w, _) => $"/reports/{w.ReportId}/edit"),
        ["/reports/{Id:guid}/talk"] = new("302 404 200 200 200 404 200", (w, _) => $"/reports/{w.ReportId}/talk"),
        ["/reports/{Id:guid}/v/{N:int}/talk"] = new("302 404 200 200 200 404 200", (w, _) => $"/reports/{w.ReportId}/v/1/talk"),
        ["/reports/{Id:guid}/presenter"] = new("302 404 200 200 200 404 200", (w, _) => $"/reports/{w.ReportId}/presenter"),
        ["/reports/{Id:guid}/v/{N:int}/presenter"] = new("302 404 200 200 200 404 200", (w, _) => $"/reports/{w.ReportId}/v/1/presenter"),
        ["/reports/{Id:guid}/versions"] = new("302 404 200 200 200 404 200", (w, _) => $"/reports/{w.ReportId}/versions"),
        ["/sessions/{Id:guid}"] = new("302 404 200 200 200 404 200", (w, _) => $"/sessions/{w.SessionId}"),
        ["/sessions/{Id:guid}/edit"] = new("302 404 403 200 200 404 403", (w, _) => $"/sessions/{w.SessionId}/edit"),
        ["/help/reports"] = new("302 404 200 200 200 200 200", (_, _) => "/help/reports"),
        ["/docs/science"] = new("302 404 200 200 200 200 200", (_, _) => "/docs/science"),
        ["/docs/science/{ModelType}"] = new("302 404 200 200 200 200 200", (_, _) => "/docs/science/ebm.ising"),
        ["/s/{Token}/talk"] = new("200 200 200 200 200 200 200", (w, _) => $"/s/{w.ReportShareToken}/talk"),
        ["/admin/share-links"] = new("302 404 302 302 302 302 200", (_, _) => "/admin/share-links"),
    };

    [Fact]
    public async Task EveryRoutablePage_AnswersEveryRoleAsTheMatrixSays_AndRefusalsShowNothingOfTheWorkspace()
    {
        var templates = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false).Cast<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(a => a.Template).ToHashSet();
        var missing = templates.Except(Pages.Keys).Order().ToList();
        var stale = Pages.Keys.Except(templates).Order().ToList();
        Assert.True(missing.Count == 0, "Pages without a row in the permission matrix:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Matrix rows for pages that no longer exist:\n" + string.Join("\n", stale));

        var invitation = (await InviteAsync(world, world.WorkspaceId, "page-reader@matrix.org")).Token;
        var failures = new List<string>();
        foreach (var (template, page) in Pages)
        {
            var expected = page.Expected.Split(' ').Select(int.Parse).ToArray();
            for (var i = 0; i < Columns.Length; i++)
            {
                var url = page.Url(world, invitation);
                using var response = await world.Browser[Columns[i]].GetAsync(url, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                if ((int)response.StatusCode != expected[i])
                    failures.Add($"{url} ({template}) as {Columns[i]}: expected {expected[i]}, got {(int)response.StatusCode}");
                else if ((int)response.StatusCode is 404 or 302 && body.Contains(world.WorkspaceName, StringComparison.Ordinal))
                    failures.Add($"{url} as {Columns[i]}: the refusal shows the workspace's name");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Pages.Count * Columns.Length} cells differ:\n" + string.Join("\n", failures));
        TestContext.Current.SendDiagnosticMessage($"Page matrix: {Pages.Count} pages × {Columns.Length} roles = {Pages.Count * Columns.Length} requests, all as expected.");
    }

    /// <summary>"METHOD /pattern" of every endpoint under /api (documentation pages excepted), as the running portal maps them.</summary>
    private HashSet<string> ApiRoutes()
    {
        var source = world.Portal.Services.GetRequiredService<EndpointDataSource>();
        var result = new HashSet<string>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern.StartsWith("/api/docs", StringComparison.Ordinal)) continue;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                result.Add($"{method} {pattern}");
        }
        return result;
    }

    private static async Task<Guid> ArchivedWorkspaceAsync(CollaborationWorld w)
    {
        var id = await w.FreshWorkspaceAsync();
        await CollaborationWorld.Expect(await w.Api[Owner].PostAsync($"/api/workspaces/{id}/archive", null, Ct), HttpStatusCode.OK);
        return id;
    }

    private static async Task<(Guid Id, string Token)> InviteAsync(CollaborationWorld w, Guid workspaceId, string email)
    {
        var created = await CollaborationWorld.Expect(
            await w.Api[Owner].PostAsJsonAsync($"/api/workspaces/{workspaceId}/invitations", new { email, role = "Viewer" }, Ct), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("link").GetString()!.Split('/')[^1]);
    }

    private static async Task<Guid> TokenIdAsync(CollaborationWorld w, Role owner)
    {
        var created = await CollaborationWorld.Expect(await w.Api[owner].PostAsJsonAsync("/api/tokens", new { name = "to revoke" }, Ct), HttpStatusCode.Created);
        return created.GetProperty("details").GetProperty("id").GetGuid();
    }

    private static string Excerpt(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
