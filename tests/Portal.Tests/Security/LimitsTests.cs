using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portal.Tests.Security;

/// <summary>A portal as deployed (Production) with tight per-user limits and small data-set quotas.</summary>
public sealed class TightPortal : PortalFactory
{
    public TightPortal()
    {
        EnvironmentName = "Production";
        Settings["Portal:RateLimits:TokensPerHour"] = "2";
        Settings["Portal:RateLimits:RunsPerMinute"] = "2";
        Settings["Portal:Limits:MaxDatasetMegabytesPerUser"] = "1";
    }
}

/// <summary>A portal whose sign-in and sign-up limits per address are tight (its own host: they count every test's sign-ups).</summary>
public sealed class SignInLimitedPortal : PortalFactory
{
    public SignInLimitedPortal()
    {
        Settings["Portal:RateLimits:SignInPerMinute"] = "8";
        Settings["Portal:RateLimits:SignUpPerHour"] = "6";
    }
}

public class SignInLimitTests(SignInLimitedPortal portal) : IClassFixture<SignInLimitedPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInAndSignUp_AreRateLimitedPerAddress_With429AndRetryAfter()
    {
        var anonymous = portal.CreateClient();
        var signUps = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            signUps.Add((await anonymous.PostAsJsonAsync("/api/auth/register", new { email = $"limited{i}@x.org", password = "passw0rd-test" }, Ct)).StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 6), HttpStatusCode.TooManyRequests], signUps);

        HttpResponseMessage? last = null;
        for (var i = 0; i < 9; i++) last = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = $"limited{i % 6}@x.org", password = "passw0rd-test" }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Contains("try again", (await last.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }
}

public class LimitsTests(TightPortal portal) : IClassFixture<TightPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TokensAndRuns_PerUser()
    {
        var client = await portal.ClientForAsync("runner@x.org");
        var tokens = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) tokens.Add((await client.PostAsJsonAsync("/api/tokens", new { name = $"t{i}" }, Ct)).StatusCode);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], tokens);

        var runs = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            runs.Add((await client.PostAsJsonAsync("/api/runs", new { modelType = "perceptron.online-hebb", parameters = new { N = 40, alphaMax = 0.5, samples = 2, testSize = 100 } }, Ct)).StatusCode);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], runs);
    }

    [Fact]
    public async Task UnreadableBodies_InProduction_AnswerAProblemNamingWhatCouldNotBeRead()
    {
        var client = await portal.ClientForAsync("reader@x.org");
        var cases = new (string Body, string Expected)[]
        {
            ("{\"modelType\":", "could not be read"),
            ("{\"name\":\"x\",\"modelType\":\"perceptron.online-hebb\",\"datasetId\":\"abc\"}", "$.datasetId"),
            ("[1,2,3]", "could not be read"),
            ("{\"parameters\":{\"N\":" + new string('[', 5000) + "}}", "could not be read"),
        };
        foreach (var (body, expected) in cases)
        {
            var response = await client.PostAsync("/api/models", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{body[..Math.Min(40, body.Length)]}: {response.Content.Headers.ContentType}");
            Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct));
        }
        var noType = await client.PostAsync("/api/models", new StringContent("{}", Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, noType.StatusCode);
        Assert.Equal("application/problem+json", noType.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DataSetQuota_PerUser_IsEnforcedNamingTheLimit()
    {
        var client = await portal.ClientForAsync("uploader@x.org");
        var rows = string.Join('\n', Enumerable.Range(0, 1000).Select(r => string.Join(' ', Enumerable.Range(0, 700).Select(c => (r + c) % 2))));
        Task<HttpResponseMessage> Upload() => client.PostAsync("/api/datasets", new MultipartFormDataContent { { new StringContent(rows), "file", "big.txt" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, (await Upload()).StatusCode);
        var second = await Upload();
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("limit per user is 1 MB", await second.Content.ReadAsStringAsync(Ct));
    }
}
