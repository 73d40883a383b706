using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Features.Runs;
using Shared.Results;

namespace Portal.Tests.Runs;

/// <summary>Runs stored before the runs table kept values and verdicts on rows get them once, from their JSON.</summary>
public class RunValuesBackfillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EarlierRuns_GetTheirValuesAndVerdict_Once()
    {
        using var database = new TestDatabase();
        var (caller, ws) = database.AddUser("old@x.org");
        var spec = RunHarness.HebbSpec(3, ("N", 120));
        var disagreeing = database.AddRun(ws, spec.ModelType, spec, RunStatus.Succeeded, caller.UserId);
        var agreeing = database.AddRun(ws, spec.ModelType, spec, RunStatus.Succeeded, caller.UserId);
        var failed = database.AddRun(ws, spec.ModelType, spec, RunStatus.Failed, caller.UserId);
        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            await db.Runs.Where(r => r.Id == disagreeing.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResultJson, Result(agrees: false)), Ct);
            await db.Runs.Where(r => r.Id == agreeing.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResultJson, Result(agrees: true)), Ct);
            await db.RunValues.ExecuteDeleteAsync(Ct);
        }

        await RunValuesBackfill.EnsureAsync(database.Factory, NullLogger.Instance, Ct);

        Assert.Equal(RunVerdict.Disagrees, database.Reload(disagreeing.Id).Verdict);
        Assert.Equal(RunVerdict.Agrees, database.Reload(agreeing.Id).Verdict);
        Assert.Null(database.Reload(failed.Id).Verdict);
        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(0.25, (await db.RunValues.SingleAsync(v => v.RunId == disagreeing.Id && v.Name == "gen_error", Ct)).Value);
            Assert.Equal(120, (await db.RunValues.SingleAsync(v => v.RunId == failed.Id && v.Name == "N", Ct)).Value);
            // Done once: a verdict cleared afterwards (as a run that is computed again) is not set behind the portal's back.
            await db.Runs.Where(r => r.Id == agreeing.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Verdict, (RunVerdict?)null), Ct);
        }
        await RunValuesBackfill.EnsureAsync(database.Factory, NullLogger.Instance, Ct);
        Assert.Null(database.Reload(agreeing.Id).Verdict);
    }

    private static string Result(bool agrees) => ResultJson.Serialize(new ResultDocument
    {
        ModelType = "perceptron.online",
        Metrics = [new Metric("gen_error", "ε", 0.25, 0.01)],
        Checks = [Check.WithinSigma("ε vs theory", simulated: agrees ? 0.25 : 0.5, error: 0.01, reference: 0.25, source: "test")],
    });
}
