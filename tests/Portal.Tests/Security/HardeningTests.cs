using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Collaboration;
using static Portal.Tests.Collaboration.CollaborationWorld;

namespace Portal.Tests.Security;

/// <summary>The defects found by probing the running portal, each with the request that showed it.</summary>
public class HardeningTests(CollaborationWorld world) : IClassFixture<CollaborationWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CookieSignedStateChange_FromAnotherOrigin_IsRefused_BearerCallsAreNot()
    {
        var browser = world.Browser[Role.Editor];
        var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{world.RunId}/cancel");
        cancel.Headers.Add("Origin", "https://evil.example");
        Assert.Contains("Cross-site", await (await browser.SendAsync(cancel, Ct)).Content.ReadAsStringAsync(Ct));

        var upload = new HttpRequestMessage(HttpMethod.Post, "/api/datasets")
        {
            Content = new MultipartFormDataContent { { new StringContent("0 1\n1 0\n"), "file", "bits.txt" }, { new StringContent(world.WorkspaceId.ToString()), "workspaceId" } },
        };
        upload.Headers.Add("Sec-Fetch-Site", "same-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(upload, Ct)).StatusCode);

        var sameOrigin = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{world.RunId}/cancel");
        sameOrigin.Headers.Add("Origin", browser.BaseAddress!.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SendAsync(sameOrigin, Ct)).StatusCode); // past the guard: "already finished"

        var script = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{world.RunId}/cancel");
        script.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, (await world.Api[Role.Editor].SendAsync(script, Ct)).StatusCode);
    }

    [Fact]
    public async Task BogusCharset_Is415WithAProblem_NotA500()
    {
        var response = await world.Api[Role.Editor].PostAsync("/api/runs",
            new StringContent("{\"modelType\":\"perceptron.online-hebb\"}", new MediaTypeHeaderValue("application/json") { CharSet = "bogus" }), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("bogus", (await Expect(response, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Logout_WithAForeignReturnUrl_StaysOnThePortal()
    {
        foreach (var evil in new[] { "//evil.com", "/\\evil.com", "https://evil.com" })
        {
            var client = await world.SignInAsync(world.Emails[Role.NonMember]);
            var token = System.Text.RegularExpressions.Regex.Match(await client.GetStringAsync("/", Ct), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["returnUrl"] = evil,
            }), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task JobDashboardStats_ByGet_Is405_NotA500()
    {
        var response = await world.Browser[Role.Admin].GetAsync("/admin/jobs/stats", Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsCapturedCookiesAndBearerTokens_RefreshWorksUntilThen()
    {
        await world.Api[Role.Anonymous].PostAsJsonAsync("/api/auth/register", new { email = "leaver@matrix.org", password = Password }, Ct);
        var login = await Expect(await world.Api[Role.Anonymous].PostAsJsonAsync("/api/auth/login", new { email = "leaver@matrix.org", password = Password }, Ct), HttpStatusCode.OK);
        var refreshed = await Expect(await world.Api[Role.Anonymous].PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }, Ct), HttpStatusCode.OK);
        using var bearer = world.Portal.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/workspaces", Ct)).StatusCode);

        var cookie = await world.SignInAsync("leaver@matrix.org");
        var captured = world.Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var jar = string.Join("; ", (await cookie.GetAsync("/", Ct)).RequestMessage!.Headers.TryGetValues("Cookie", out var sent) ? sent : []);
        Assert.Equal(HttpStatusCode.OK, (await SendWithCookie(captured, "/inbox", jar)).StatusCode);

        await Expect(await bearer.PostAsync("/api/auth/logout", null, Ct), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/workspaces", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SendWithCookie(captured, "/inbox", jar)).StatusCode);
        var stale = await world.Api[Role.Anonymous].PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
    }

    [Fact]
    public async Task WrongPasswords_ThrottleThatAccountFromThatAddress_AndAnswerAlikeForUnknownAccounts()
    {
        await world.Api[Role.Anonymous].PostAsJsonAsync("/api/auth/register", new { email = "guessed@matrix.org", password = Password }, Ct);
        string? real = null, unknown = null;
        for (var i = 0; i < 5; i++)
        {
            real = await DetailAsync(await Login("guessed@matrix.org", "wrong-" + i), HttpStatusCode.Unauthorized);
            unknown = await DetailAsync(await Login("nobody@matrix.org", "wrong-" + i), HttpStatusCode.Unauthorized);
        }
        Assert.Equal(real, unknown);
        var refused = await Login("guessed@matrix.org", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        var refusedUnknown = await Login("nobody@matrix.org", Password);
        Assert.Equal(await DetailAsync(refused, HttpStatusCode.TooManyRequests), await DetailAsync(refusedUnknown, HttpStatusCode.TooManyRequests));
        // Others signing in from the same address are not affected.
        Assert.Equal(HttpStatusCode.OK, (await Login(world.Emails[Role.Viewer], Password)).StatusCode);
    }

    [Fact]
    public async Task ABurstOfRunSubmissions_NeverExceedsTheActiveRunQuota()
    {
        await world.Api[Role.Anonymous].PostAsJsonAsync("/api/auth/register", new { email = "burst@matrix.org", password = Password }, Ct);
        var client = await world.Portal.ClientForAsync("burst@matrix.org", Password);
        var body = new { modelType = "perceptron.online-hebb", parameters = new { N = 3000, alphaMax = 200.0, samples = 100 } };
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => client.PostAsJsonAsync("/api/runs", body, Ct)));
        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.Accepted).ToList();
        Assert.InRange(accepted.Count, 1, 20);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("limit is 20", await responses.First(r => r.StatusCode == HttpStatusCode.BadRequest).Content.ReadAsStringAsync(Ct));
        foreach (var r in accepted)
        {
            var id = (await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
            await client.PostAsync($"/api/runs/{id}/cancel", null, Ct);
        }
    }

    [Fact]
    public async Task Pages_CarryAContentSecurityPolicy_AndRefuseFraming()
    {
        var page = await world.Browser[Role.Viewer].GetAsync($"/runs/{world.RunId}", Ct);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'nonce-", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"nonce=\"{nonce}\"", await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        var api = await world.Api[Role.Viewer].GetAsync("/api/workspaces", Ct);
        Assert.Equal("nosniff", api.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private Task<HttpResponseMessage> Login(string email, string password) =>
        world.Api[Role.Anonymous].PostAsJsonAsync("/api/auth/login", new { email, password }, Ct);

    private static async Task<string?> DetailAsync(HttpResponseMessage response, HttpStatusCode status) =>
        (await Expect(response, status)).GetProperty("detail").GetString();

    private static Task<HttpResponseMessage> SendWithCookie(HttpClient client, string url, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, Ct);
    }
}
