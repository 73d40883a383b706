using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Workers;

/// <summary>The fair order through the real portal: Hangfire's FIFO queue of jobs, one worker, two users.</summary>
public class FairQueueThroughHangfireTests : IClassFixture<FairQueueThroughHangfireTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        public Factory() => Settings["Portal:Limits:MaxActiveRunsPerUser"] = "100";
    }

    private readonly Factory _factory;

    public FairQueueThroughHangfireTests(Factory factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SweepOfFiftyRuns_ThenAnotherUsersSingleRun_TheSingleRunStartsBeforeTheSweepsThirdNext()
    {
        var a = await _factory.ClientForAsync("sweeper@x.org");
        var b = await _factory.ClientForAsync("single@x.org");
        var aRuns = new List<Guid>();
        for (var i = 0; i < 50; i++) aRuns.Add(await StartAsync(a, i));
        var bRun = await StartAsync(b, 99);

        var bDone = await GracefulShutdownTests.WaitForAsync(b, bRun, s => s.GetProperty("status").GetString() == "Succeeded", TimeSpan.FromSeconds(120));
        var (bSubmitted, bStart) = (bDone.GetProperty("createdAt").GetDateTimeOffset(), bDone.GetProperty("startedAt").GetDateTimeOffset());
        // A's runs that started between B's submission and B's start: with one worker, the slot freed next goes to B.
        var aStarts = new List<DateTimeOffset>();
        foreach (var id in aRuns)
        {
            var s = await a.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Ct);
            if (s.GetProperty("startedAt").ValueKind != JsonValueKind.Null) aStarts.Add(s.GetProperty("startedAt").GetDateTimeOffset());
        }
        var overtaking = aStarts.Count(t => t > bSubmitted && t < bStart);
        var waitingAtSubmission = aRuns.Count - aStarts.Count(t => t <= bSubmitted);
        TestContext.Current.SendDiagnosticMessage($"Fair queue: {waitingAtSubmission} of user A's runs waited when user B submitted one; {overtaking} of them started before B's, which waited {(bStart - bSubmitted).TotalMilliseconds:0} ms.");
        Assert.True(waitingAtSubmission >= 10, $"the sweep should still be queued when B submits ({waitingAtSubmission} waiting)");
        Assert.InRange(overtaking, 0, 1);
        foreach (var id in aRuns) await a.PostAsync($"/api/runs/{id}/cancel", null, Ct);
    }

    private static async Task<Guid> StartAsync(HttpClient client, long seed)
    {
        var started = await client.PostAsJsonAsync("/api/runs", new
        {
            modelType = "perceptron.online-hebb", seed, parameters = new { N = 400, alphaMax = 20.0, checkpoints = 2, samples = 8, testSize = 200 },
        }, Ct);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync(Ct));
        return (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }
}
