using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Tests.Api;

/// <summary>Without a mail server: an admin issues a single-use reset link and passes it on.</summary>
public class PasswordResetTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static (string User, string Token) Parse(string link)
    {
        var m = Regex.Match(link, @"/account/reset\?user=([^&\s]+)&token=([A-Za-z0-9_-]+)");
        Assert.True(m.Success, link);
        return (Uri.UnescapeDataString(m.Groups[1].Value), m.Groups[2].Value);
    }

    internal static async Task<HttpStatusCode> LoginAsync(HttpClient client, string email, string password) =>
        (await client.PostAsJsonAsync("/api/auth/login", new { email, password }, Ct)).StatusCode;

    [Fact]
    public async Task AnAdminsResetLink_SetsANewPasswordOnce_AndOnlyAdminsIssueThem()
    {
        var admin = await portal.ClientForAsync("reset-admin@x.org");
        var member = await portal.ClientForAsync("forgetful@x.org");
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users", Ct);
        var id = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "forgetful@x.org").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/admin/users", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/admin/users/{id}/password-reset", null, Ct)).StatusCode);

        var issued = await admin.PostAsync($"/api/admin/users/{id}/password-reset", null, Ct);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var expires = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
        var (user, token) = Parse(body.GetProperty("link").GetString()!);
        Assert.Equal(id, user);

        var anonymous = portal.CreateClient();
        var tooShort = await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { userId = user, token, password = "short" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("password", await tooShort.Content.ReadAsStringAsync(Ct));
        var tampered = await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { userId = user, token = token[..^4] + "AAAA", password = "brand-new-pass1" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { userId = user, token, password = "brand-new-pass1" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(anonymous, "forgetful@x.org", "passw0rd-test"));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(anonymous, "forgetful@x.org", "brand-new-pass1"));
        // The reset signed the account out everywhere, and the link works once.
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/workspaces", Ct)).StatusCode);
        var again = await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { userId = user, token, password = "another-pass22" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("expired or was already used", await again.Content.ReadAsStringAsync(Ct));

        var audit = await admin.GetStringAsync("/api/admin/audit?action=account.password-reset", Ct);
        Assert.Contains("forgetful@x.org", audit);
    }

    [Fact]
    public async Task WithoutAMailServer_TheForgottenPasswordPageSaysToAskAnAdmin()
    {
        var page = await portal.CreateClient().GetStringAsync("/account/forgot", Ct);
        Assert.Contains("data-testid=\"no-mail\"", page);
        Assert.Contains("Forgotten your password?", await portal.CreateClient().GetStringAsync("/account/login", Ct));
        var answer = await portal.CreateClient().PostAsJsonAsync("/api/auth/password-reset", new { email = "anyone@x.org" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Contains("ask an administrator", await answer.Content.ReadAsStringAsync(Ct));
    }
}

/// <summary>With a mail server: anyone asks for a link by email; the answer never says whether the account exists.</summary>
public class MailedPasswordResetTests(MailingPortalFactory portal) : IClassFixture<MailingPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALinkIsMailedToTheAccount_AndTheAnswerIsTheSameForAnUnknownAddress()
    {
        await portal.ClientForAsync("mailed-admin@x.org");
        await portal.ClientForAsync("mailed@x.org");
        var anonymous = portal.CreateClient();

        var unknown = await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email = "nobody@x.org" }, Ct);
        var known = await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email = "mailed@x.org" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(Ct), await known.Content.ReadAsStringAsync(Ct));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (portal.Mail.Messages.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50, Ct);
        var mail = Assert.Single(portal.Mail.Messages);
        Assert.Equal("mailed@x.org", mail.To);
        // Quoted-printable bodies break long lines with "=" at the end; join them before reading the link.
        var joined = Regex.Replace(mail.Data, "=\r?\n", "");
        var text = Regex.Replace(joined, "=([0-9A-F]{2})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        var (user, token) = PasswordResetTests.Parse(text);
        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { userId = user, token, password = "mailed-new-pass1" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await PasswordResetTests.LoginAsync(anonymous, "mailed@x.org", "mailed-new-pass1"));

        Assert.Contains("id=\"send-reset\"", await anonymous.GetStringAsync("/account/forgot", Ct));
    }
}
