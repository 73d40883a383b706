using Microsoft.EntityFrameworkCore;
using Portal.Features.Models;
using Portal.Features.Runs;
using Portal.Features.Workspaces;

namespace Portal.Tests.Runs;

/// <summary>
/// The runs table's query over a small world: Alice's workspace holds four runs (two of her saved model "Hebb", v1 and
/// v2; one of Bob, an Editor there; one theory run of Bob), Carol's workspace one run; Vera is a Viewer of Alice's.
/// </summary>
public sealed class RunQueryServiceTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestDatabase _db = new();
    private readonly RunQueryService _service;
    private readonly Caller _alice, _bob, _carol, _vera;
    private readonly Guid _ws, _carolWs, _model;
    private readonly Run _r1, _r2, _r3, _r4, _c1;

    public RunQueryServiceTests()
    {
        _service = new RunQueryService(_db.Factory);
        (_alice, _ws) = _db.AddUser("alice@x.org");
        (_bob, _) = _db.AddUser("bob@x.org");
        (_carol, _carolWs) = _db.AddUser("carol@x.org");
        (_vera, _) = _db.AddUser("vera@x.org");
        using (var db = _db.Factory.CreateDbContext())
        {
            db.WorkspaceMembers.AddRange(
                new WorkspaceMember { WorkspaceId = _ws, UserId = _bob.UserId, Role = WorkspaceRole.Editor, JoinedAt = DateTimeOffset.UtcNow },
                new WorkspaceMember { WorkspaceId = _ws, UserId = _vera.UserId, Role = WorkspaceRole.Viewer, JoinedAt = DateTimeOffset.UtcNow });
            var model = new Model { Id = Guid.NewGuid(), WorkspaceId = _ws, Name = "Hebb", ModelType = Compute.Perceptron.OnlineHebbModel.Id, LatestVersion = 2, CreatedAt = DateTimeOffset.UtcNow };
            model.Versions.Add(new ModelVersion { Id = Guid.NewGuid(), Version = 1, CreatedAt = DateTimeOffset.UtcNow });
            model.Versions.Add(new ModelVersion { Id = Guid.NewGuid(), Version = 2, CreatedAt = DateTimeOffset.UtcNow });
            db.Models.Add(model);
            db.SaveChanges();
            _model = model.Id;
        }
        var hebb = Compute.Perceptron.OnlineHebbModel.Id;
        _r1 = Seed(_ws, hebb, RunHarness.HebbSpec(11, ("N", 100)), RunStatus.Succeeded, _alice, "2026-01-01", version: 1, epsilon: 0.1, tags: ["fig-3"]);
        _r2 = Seed(_ws, hebb, RunHarness.HebbSpec(22, ("N", 50)), RunStatus.Failed, _bob, "2026-02-01");
        _r3 = Seed(_ws, hebb, RunHarness.HebbSpec(33, ("N", 200)), RunStatus.Succeeded, _alice, "2026-03-01", version: 2, epsilon: 0.3, tags: ["fig-3", "diverged"]);
        _r4 = Seed(_ws, "perceptron.theory", null, RunStatus.Queued, _bob, "2026-04-01");
        _c1 = Seed(_carolWs, hebb, RunHarness.HebbSpec(44, ("N", 100)), RunStatus.Succeeded, _carol, "2026-01-15", epsilon: 0.2);
    }

    private Run Seed(Guid ws, string modelType, Shared.Runs.RunSpec? spec, RunStatus status, Caller author, string created, int? version = null,
        double? epsilon = null, string[]? tags = null)
    {
        var run = _db.AddRun(ws, modelType, spec, status, author.UserId);
        using var db = _db.Factory.CreateDbContext();
        var at = DateTimeOffset.Parse(created + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var versionId = version is { } v ? db.ModelVersions.Single(x => x.ModelId == _model && x.Version == v).Id : (Guid?)null;
        DateTimeOffset? finished = status == RunStatus.Queued ? null : at.AddHours(1);
        db.Runs.Where(r => r.Id == run.Id).ExecuteUpdate(s => s.SetProperty(r => r.CreatedAt, at).SetProperty(r => r.FinishedAt, finished).SetProperty(r => r.ModelVersionId, versionId));
        if (epsilon is { } e) db.RunValues.Add(new RunValue { RunId = run.Id, Kind = RunValueKind.Metric, Name = "epsilon_final", Value = e });
        foreach (var tag in tags ?? []) db.RunTags.Add(new RunTag { RunId = run.Id, Tag = tag });
        db.SaveChanges();
        return _db.Reload(run.Id);
    }

    private async Task<List<Guid>> Ids(RunQuery query, Caller? caller = null)
    {
        var outcome = await _service.QueryAsync(caller ?? _alice, query with { WorkspaceId = query.WorkspaceId ?? (query.ModelId is null && !query.AllWorkspaces ? _ws : null) }, Ct);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)) + (outcome.NotFound ? " not found" : ""));
        return outcome.Value!.Rows.Select(r => r.Id).ToList();
    }

    private static ValueCondition Condition(RunValueKind kind, string text) => ValueCondition.Parse(kind, text, out _)!;

    [Fact]
    public async Task NoFilter_ListsTheWorkspacesRuns_NewestFirst_WithTheTotal()
    {
        var page = (await _service.QueryAsync(_alice, new RunQuery { WorkspaceId = _ws }, Ct)).Value!;
        Assert.Equal(4, page.Total);
        Assert.Equal([_r4.Id, _r3.Id, _r2.Id, _r1.Id], page.Rows.Select(r => r.Id));
        var first = page.Rows.Single(r => r.Id == _r1.Id);
        Assert.Equal("Hebb v1", first.ModelLabel);
        Assert.Equal("alice@x.org", first.Author);
        Assert.Equal(["fig-3"], first.Tags);
        Assert.Equal(_r1.Number, first.Number);
    }

    [Fact]
    public async Task Status_OneOrSeveral()
    {
        Assert.Equal([_r3.Id, _r1.Id], await Ids(new RunQuery { Statuses = [RunStatus.Succeeded] }));
        Assert.Equal([_r3.Id, _r2.Id, _r1.Id], await Ids(new RunQuery { Statuses = [RunStatus.Succeeded, RunStatus.Failed] }));
        Assert.Empty(await Ids(new RunQuery { Statuses = [RunStatus.Cancelled] }));
    }

    [Fact]
    public async Task ModelType_AndModel_AndModelVersion()
    {
        Assert.Equal([_r4.Id], await Ids(new RunQuery { ModelType = "perceptron.theory" }));
        Assert.Equal([_r3.Id, _r1.Id], await Ids(new RunQuery { ModelId = _model }));
        Assert.Equal([_r3.Id], await Ids(new RunQuery { ModelId = _model, ModelVersion = 2 }));
        // A model of one workspace never lists runs of another, even when both are named.
        Assert.True((await _service.QueryAsync(_alice, new RunQuery { ModelId = _model, WorkspaceId = _carolWs }, Ct)).NotFound);
        Assert.Equal("version", Assert.Single((await _service.QueryAsync(_alice, new RunQuery { WorkspaceId = _ws, ModelVersion = 1 }, Ct)).Errors).Field);
    }

    [Fact]
    public async Task Author_ByIdOrEmail()
    {
        Assert.Equal([_r4.Id, _r2.Id], await Ids(new RunQuery { Author = _bob.UserId }));
        Assert.Equal([_r4.Id, _r2.Id], await Ids(new RunQuery { Author = "Bob@X.org" }));
        Assert.Empty(await Ids(new RunQuery { Author = "nobody@x.org" }));
    }

    [Fact]
    public async Task CreationDates_FromInclusive_BeforeExclusive()
    {
        var from = new DateTimeOffset(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal([_r3.Id, _r2.Id], await Ids(new RunQuery { CreatedFrom = from, CreatedBefore = from.AddDays(40) }));
        Assert.Equal([_r1.Id], await Ids(new RunQuery { CreatedBefore = from }));
    }

    [Fact]
    public async Task Tags_EveryTagMustMatch()
    {
        Assert.Equal([_r3.Id, _r1.Id], await Ids(new RunQuery { Tags = ["fig-3"] }));
        Assert.Equal([_r3.Id], await Ids(new RunQuery { Tags = ["fig-3", "diverged"] }));
        Assert.Empty(await Ids(new RunQuery { Tags = ["nothing"] }));
    }

    [Fact]
    public async Task ParameterConditions_CompareTheCopiedValues()
    {
        Assert.Equal([_r3.Id, _r1.Id], await Ids(new RunQuery { Values = [Condition(RunValueKind.Parameter, "N>=100")] }));
        Assert.Equal([_r3.Id], await Ids(new RunQuery { Values = [Condition(RunValueKind.Parameter, "N>100")] }));
        Assert.Equal([_r2.Id], await Ids(new RunQuery { Values = [Condition(RunValueKind.Parameter, "N=50")] }));
        Assert.Equal([_r2.Id, _r1.Id], await Ids(new RunQuery { Values = [Condition(RunValueKind.Parameter, "N<=100")] }));
        // A run without the parameter (the theory run) matches no condition on it, "!=" included.
        Assert.Equal([_r3.Id, _r2.Id], await Ids(new RunQuery { Values = [Condition(RunValueKind.Parameter, "N!=100")] }));
        Assert.Equal([_r1.Id], await Ids(new RunQuery { Values = [Condition(RunValueKind.Parameter, "N>=60"), Condition(RunValueKind.Parameter, "N<150")] }));
    }

    [Fact]
    public async Task MetricConditions_AreSeparateFromParameters()
    {
        Assert.Equal([_r1.Id], await Ids(new RunQuery { Values = [Condition(RunValueKind.Metric, "epsilon_final<0.2")] }));
        Assert.Equal([_r3.Id, _r1.Id], await Ids(new RunQuery { Values = [Condition(RunValueKind.Metric, "epsilon_final>0")] }));
        Assert.Empty(await Ids(new RunQuery { Values = [Condition(RunValueKind.Metric, "N>0")] }));
    }

    [Theory]
    [InlineData("created", "1234")]
    [InlineData("-created", "4321")]
    [InlineData("seed", "4123")] // the theory run's seed is 1
    [InlineData("-seed", "3214")]
    [InlineData("status", "2431")] // by name, as stored: Failed, Queued, Succeeded (newest first)
    [InlineData("modelType", "3214")] // online-hebb (newest first) before theory
    [InlineData("-modelType", "4321")]
    [InlineData("param.N", "2134")] // runs without the value come last either way
    [InlineData("-param.N", "3124")]
    [InlineData("metric.epsilon_final", "1342")]
    [InlineData("-metric.epsilon_final", "3142")]
    [InlineData("author", "")]
    [InlineData("model", "")]
    [InlineData("finished", "")]
    public async Task EverySort_OrdersTheWholeFilteredSet(string sort, string expected)
    {
        var ids = await Ids(new RunQuery { Sort = RunQueryText.Sort(sort)! });
        Assert.Equal(4, ids.Count);
        var runs = new[] { _r1, _r2, _r3, _r4 };
        if (expected.Length > 0) Assert.Equal(expected.Select(c => runs[c - '1'].Id), ids);
        if (sort == "author")
        {
            var authors = ids.Select(id => runs.Single(r => r.Id == id).CreatedById).ToList();
            Assert.Equal(authors.Order(StringComparer.Ordinal), authors);
        }
        // Runs without a model (or not finished) sort first on SQLite and last on PostgreSQL; among the others the order is fixed.
        if (sort == "model") Assert.Equal([_r3.Id, _r1.Id], ids.Where(id => id == _r1.Id || id == _r3.Id));
        if (sort == "finished") Assert.Equal([_r1.Id, _r2.Id, _r3.Id], ids.Where(id => id != _r4.Id));
    }

    [Fact]
    public async Task Paging_GivesTheTotal_AndDisjointPages()
    {
        var first = (await _service.QueryAsync(_alice, new RunQuery { WorkspaceId = _ws, PageSize = 3, Page = 0 }, Ct)).Value!;
        var second = (await _service.QueryAsync(_alice, new RunQuery { WorkspaceId = _ws, PageSize = 3, Page = 1 }, Ct)).Value!;
        var beyond = (await _service.QueryAsync(_alice, new RunQuery { WorkspaceId = _ws, PageSize = 3, Page = 5 }, Ct)).Value!;
        Assert.Equal((4, 3), (first.Total, first.Rows.Count));
        Assert.Equal((4, 1), (second.Total, second.Rows.Count));
        Assert.Equal([_r1.Id], second.Rows.Select(r => r.Id));
        Assert.Equal(4, beyond.Total);
        Assert.Empty(beyond.Rows);
    }

    [Fact]
    public async Task Columns_BringTheAskedForValues()
    {
        var page = (await _service.QueryAsync(_alice, new RunQuery
        {
            WorkspaceId = _ws, Columns = [new ValueColumn(RunValueKind.Parameter, "N"), new ValueColumn(RunValueKind.Metric, "epsilon_final")],
        }, Ct)).Value!;
        var r1 = page.Rows.Single(r => r.Id == _r1.Id);
        Assert.Equal(100, r1.Values["param.N"]);
        Assert.Equal(0.1, r1.Values["metric.epsilon_final"]);
        Assert.Empty(page.Rows.Single(r => r.Id == _r4.Id).Values);
        var columns = await _service.ValueColumnsAsync(_alice, new RunQuery { WorkspaceId = _ws }, Ct);
        Assert.Contains(new ValueColumn(RunValueKind.Parameter, "alphaMax"), columns);
        Assert.Contains(new ValueColumn(RunValueKind.Metric, "epsilon_final"), columns);
        Assert.Equal(["fig-3", "diverged"], await _service.TagsAsync(_alice, new RunQuery { WorkspaceId = _ws }, Ct));
    }

    [Fact]
    public async Task WhoSeesWhat_MembersRead_OthersGetNotFound_AdminsSeeAll()
    {
        Assert.Equal(4, (await Ids(new RunQuery(), _vera)).Count);
        Assert.True((await _service.QueryAsync(_carol, new RunQuery { WorkspaceId = _ws }, Ct)).NotFound);
        Assert.True((await _service.QueryAsync(_carol, new RunQuery { ModelId = _model }, Ct)).NotFound);
        Assert.Empty(await _service.ValueColumnsAsync(_carol, new RunQuery { WorkspaceId = _ws }, Ct));
        Assert.Empty(await _service.TagsAsync(_carol, new RunQuery { WorkspaceId = _ws }, Ct));
        Assert.Equal([_c1.Id], await Ids(new RunQuery { WorkspaceId = _carolWs }, _carol));
        Assert.True((await _service.QueryAsync(_carol, new RunQuery { AllWorkspaces = true }, Ct)).NotFound);
        Assert.Equal(5, (await Ids(new RunQuery { AllWorkspaces = true }, _carol with { IsAdmin = true })).Count);
        Assert.Equal(4, (await Ids(new RunQuery { WorkspaceId = _ws }, _carol with { IsAdmin = true })).Count);
    }

    [Fact]
    public async Task Export_StreamsEveryMatchingRun_WithItsValues()
    {
        var prepared = await _service.PrepareExportAsync(_alice, new RunQuery { WorkspaceId = _ws }, Ct);
        Assert.True(prepared.Succeeded);
        Assert.Contains(new ValueColumn(RunValueKind.Parameter, "N"), prepared.Value!);
        var rows = new List<RunRow>();
        await foreach (var row in _service.StreamAsync(_alice, new RunQuery { WorkspaceId = _ws, Statuses = [RunStatus.Succeeded] }, prepared.Value!, Ct)) rows.Add(row);
        Assert.Equal([_r3.Id, _r1.Id], rows.Select(r => r.Id));
        Assert.Equal(200, rows[0].Values["param.N"]);
    }

    [Fact]
    public async Task Export_OverTheCap_IsRefusedNamingTheCount()
    {
        await using (var db = await _db.Factory.CreateDbContextAsync(Ct))
        {
            var runs = Enumerable.Range(0, RunQueryService.MaxExportRows - 4 + 1).Select(i => new Run
            {
                Id = Guid.CreateVersion7(), WorkspaceId = _ws, ModelType = "perceptron.theory", Seed = i, Status = RunStatus.Succeeded,
                SpecJson = "", CreatedAt = DateTimeOffset.UtcNow, CreatedById = _alice.UserId,
            }).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await RunNumbers.AssignAsync(db, _ws, runs, Ct);
            db.Runs.AddRange(runs);
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        }
        var refused = await _service.PrepareExportAsync(_alice, new RunQuery { WorkspaceId = _ws }, Ct);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("filter", error.Field);
        Assert.Contains($"matches {RunQueryService.MaxExportRows + 1} runs; an export holds at most {RunQueryService.MaxExportRows}", error.Message);
        // A narrower filter (9 998 runs) is allowed.
        Assert.True((await _service.PrepareExportAsync(_alice, new RunQuery { WorkspaceId = _ws, ModelType = "perceptron.theory" }, Ct)).Succeeded);
    }

    public void Dispose() => _db.Dispose();
}
