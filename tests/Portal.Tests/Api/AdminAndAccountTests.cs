using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Admin;
using Portal.Features.Workspaces;

namespace Portal.Tests.Api;

/// <summary>Runs on its own portal so that the first account (which becomes Admin) is known.</summary>
public partial class AdminAndAccountTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstAccountIsAdmin_JobDashboardAndAdminApiAreAdminOnly()
    {
        var admin = await portal.ClientForAsync("first@x.org");
        var user = await portal.ClientForAsync("second@x.org");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/runs", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/admin/runs", Ct)).StatusCode);

        var adminBrowser = await SignInWithCookieAsync("first@x.org");
        var userBrowser = await SignInWithCookieAsync("second@x.org");
        var anonymous = portal.CreateClient(new() { AllowAutoRedirect = false });

        var dashboard = await adminBrowser.GetAsync("/admin/jobs", Ct);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Phase Portal · jobs", await dashboard.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await userBrowser.GetAsync("/admin/jobs", Ct)).StatusCode);
        var anon = await anonymous.GetAsync("/admin/jobs", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anon.StatusCode);
        Assert.StartsWith("/account/login", anon.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task InviteOnly_RefusesSignUpWithoutInvitation_AcceptsWithIt()
    {
        await portal.ClientForAsync("first@x.org");
        using var scope = portal.Services.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<SettingsService>();
        var adminCaller = new Caller(await UserIdAsync("first@x.org"), IsAdmin: true);
        Assert.True(await settings.SetSignUpModeAsync(adminCaller, SignUpMode.InviteOnly, Ct));
        try
        {
            var client = portal.CreateClient();
            var refused = await client.PostAsJsonAsync("/api/auth/register", new { email = "uninvited@x.org", password = "passw0rd-test" }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("invitation", await refused.Content.ReadAsStringAsync(Ct));

            var invitation = await settings.InviteAsync(adminCaller, "invited@x.org", TimeSpan.FromDays(1), Ct);
            Assert.True(invitation!.Value.Token.Length >= 40);
            var accepted = await client.PostAsJsonAsync("/api/auth/register", new { email = "invited@x.org", password = "passw0rd-test", inviteToken = invitation.Value.Token }, Ct);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            var reused = await client.PostAsJsonAsync("/api/auth/register", new { email = "invited2@x.org", password = "passw0rd-test", inviteToken = invitation.Value.Token }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        }
        finally
        {
            await settings.SetSignUpModeAsync(adminCaller, SignUpMode.Open, Ct);
        }
    }

    [Fact]
    public async Task SignUp_WeakPassword_NamesThePasswordField()
    {
        var client = portal.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/register", new { email = "weak@x.org", password = "short" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"password\"", await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<string> UserIdAsync(string email)
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Data.PortalUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>Signs in through the real sign-in form (antiforgery token included), as a browser would.</summary>
    private async Task<HttpClient> SignInWithCookieAsync(string email, string password = "passw0rd-test")
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/account/login", Ct);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = password,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
