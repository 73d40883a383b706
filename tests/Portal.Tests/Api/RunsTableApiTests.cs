using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Runs;
using Portal.Features.Workspaces;

namespace Portal.Tests.Api;

/// <summary>
/// The runs table over HTTP. Each test makes its own workspace of Olga (Owner) with Ed (Editor) and Vic (Viewer) and a few
/// runs written straight into the database (finished, with values and tags), and Nina, who is not a member.
/// </summary>
public class RunsTableApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(HttpClient Owner, HttpClient Editor, HttpClient Viewer, HttpClient Outsider, Guid Workspace, Guid OutsiderWorkspace,
        List<Guid> Runs, Guid OutsiderRun);

    /// <summary>Runs with N = 50, 100, 150, … (the first ones tagged "fig-3"), all Succeeded unless <paramref name="statuses"/> says otherwise.</summary>
    private async Task<World> WorldAsync(string name, int runs = 4, params RunStatus[] statuses)
    {
        await portal.ClientForAsync("runs-table-first@x.org"); // the first account is an admin: none of the roles below
        var owner = await portal.ClientForAsync($"{name}-olga@x.org");
        var editor = await portal.ClientForAsync($"{name}-ed@x.org");
        var viewer = await portal.ClientForAsync($"{name}-vic@x.org");
        var outsider = await portal.ClientForAsync($"{name}-nina@x.org");
        var ws = (await (await owner.PostAsJsonAsync("/api/workspaces", new { name = $"Runs table {name}" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        using var scope = portal.Services.CreateScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDb>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        string Id(string who) => db.Users.Single(u => u.Email == $"{name}-{who}@x.org").Id;
        db.WorkspaceMembers.AddRange(
            new WorkspaceMember { WorkspaceId = ws, UserId = Id("ed"), Role = WorkspaceRole.Editor, JoinedAt = DateTimeOffset.UtcNow },
            new WorkspaceMember { WorkspaceId = ws, UserId = Id("vic"), Role = WorkspaceRole.Viewer, JoinedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Ct);
        var ids = new List<Guid>();
        for (var i = 0; i < runs; i++)
            ids.Add(await AddRunAsync(db, ws, Id("olga"), 50 * (i + 1), statuses.Length > i ? statuses[i] : RunStatus.Succeeded, i < 2 ? ["fig-3"] : [], DateTimeOffset.UtcNow.AddMinutes(i)));
        var nina = Id("nina");
        var outsiderWs = db.Workspaces.Single(w => w.PersonalOwnerId == nina).Id;
        var outsiderRun = await AddRunAsync(db, outsiderWs, nina, 100, RunStatus.Succeeded, [], DateTimeOffset.UtcNow);
        return new World(owner, editor, viewer, outsider, ws, outsiderWs, ids, outsiderRun);
    }

    private static async Task<Guid> AddRunAsync(PortalDb db, Guid ws, string author, int n, RunStatus status, string[] tags, DateTimeOffset created)
    {
        var spec = Runs.RunHarness.HebbSpec(n, ("N", n));
        var run = new Run
        {
            Id = Guid.CreateVersion7(), WorkspaceId = ws, ModelType = spec.ModelType, Seed = spec.Seed, SpecJson = spec.ToCanonicalJson(), SpecHash = spec.Hash(),
            SoftwareVersion = RunService.SoftwareVersion, Status = status, CreatedAt = created, CreatedById = author,
            FinishedAt = status is RunStatus.Queued or RunStatus.Running ? null : created,
        };
        run.Tags.AddRange(tags.Select(t => new RunTag { RunId = run.Id, Tag = t }));
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await RunNumbers.AssignAsync(db, ws, [run], Ct);
        db.Runs.Add(run);
        db.RunValues.Add(new RunValue { RunId = run.Id, Kind = RunValueKind.Metric, Name = "epsilon_final", Value = 1.0 / n });
        await db.SaveChangesAsync(Ct);
        await transaction.CommitAsync(Ct);
        return run.Id;
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        return string.Join(" ", JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Query_FiltersSortsAndPages_FromTheQueryString()
    {
        var w = await WorldAsync("query");
        var page = await Ok(await w.Viewer.GetAsync($"/api/runs/query?workspaceId={w.Workspace}&param=N%3E%3D100&sort=-param.N&pageSize=2&columns=param.N,metric.epsilon_final", Ct));
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal((1, 2), (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([w.Runs[3], w.Runs[2]], items.Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(200, items[0].GetProperty("values").GetProperty("param.N").GetDouble());
        Assert.Equal(4, items[0].GetProperty("number").GetInt32());
        Assert.Equal($"/runs/{w.Runs[3]}", items[0].GetProperty("permalink").GetString());

        var second = await Ok(await w.Viewer.GetAsync($"/api/runs/query?workspaceId={w.Workspace}&param=N>=100&sort=-param.N&pageSize=2&page=2", Ct));
        Assert.Equal([w.Runs[1]], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        var tagged = await Ok(await w.Viewer.GetAsync($"/api/runs/query?workspaceId={w.Workspace}&tag=FIG-3&metric=epsilon_final<0.015&status=Succeeded,Failed", Ct));
        Assert.Equal([w.Runs[1]], tagged.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(["fig-3"], tagged.GetProperty("items")[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        // Another workspace's runs: 404 for someone who is not a member, whatever the filter.
        Assert.Equal(HttpStatusCode.NotFound, (await w.Outsider.GetAsync($"/api/runs/query?workspaceId={w.Workspace}", Ct)).StatusCode);
        // Without a scope the caller's personal workspace is meant.
        var own = await Ok(await w.Outsider.GetAsync("/api/runs/query", Ct));
        Assert.Equal([w.OutsiderRun], own.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Verdict_IsShownPerRun_AndFilters()
    {
        var w = await WorldAsync("verdict", runs: 3);
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync(Ct))
        {
            await db.Runs.Where(r => r.Id == w.Runs[0]).ExecuteUpdateAsync(s => s.SetProperty(r => r.Verdict, RunVerdict.Disagrees), Ct);
            await db.Runs.Where(r => r.Id == w.Runs[1]).ExecuteUpdateAsync(s => s.SetProperty(r => r.Verdict, RunVerdict.Inconclusive), Ct);
        }
        var page = await Ok(await w.Viewer.GetAsync($"/api/runs/query?workspaceId={w.Workspace}&sort=created", Ct));
        Assert.Equal(["Disagrees", "Inconclusive", null], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("verdict").GetString()));

        var doubtful = await Ok(await w.Viewer.GetAsync($"/api/runs/query?workspaceId={w.Workspace}&verdict=disagrees,Inconclusive", Ct));
        Assert.Equal([w.Runs[1], w.Runs[0]], doubtful.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var csv = await (await w.Viewer.GetAsync($"/api/runs/export?workspaceId={w.Workspace}&verdict=Disagrees", Ct)).Content.ReadAsStringAsync(Ct);
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        var verdictColumn = Array.IndexOf(lines[0].Split(','), "verdict");
        Assert.Equal("disagrees", lines[1].Split(',')[verdictColumn]);
        Assert.Equal("Disagrees", (await Ok(await w.Viewer.GetAsync($"/api/runs/{w.Runs[0]}", Ct))).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Runs_TakesTheSameFilters_AndTellsTheTotal()
    {
        var w = await WorldAsync("list");
        var response = await w.Viewer.GetAsync($"/api/runs?workspaceId={w.Workspace}&pageSize=3", Ct);
        var runs = await Ok(response);
        Assert.Equal("4", response.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal([4, 3, 2], runs.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
        Assert.Contains("pageSize", await ErrorOf(await w.Viewer.GetAsync($"/api/runs?workspaceId={w.Workspace}&pageSize=0", Ct), "pageSize"));
    }

    [Theory]
    [InlineData("colour=red", "colour", "is not a filter of the runs table")]
    [InlineData("pageSize=100000", "pageSize", "from 1 to 200")]
    [InlineData("page=0", "page", "from 1 to 1000000")]
    [InlineData("param=N%3E%3Dlots", "param", "is not a finite number")]
    [InlineData("param=N~100", "param", "is not a condition")]
    [InlineData("metric=eps%3C1e999", "metric", "is not a finite number")]
    [InlineData("status=Exploded", "status", "is not a run status")]
    [InlineData("verdict=green", "verdict", "is not a verdict; use Agrees, Inconclusive, Disagrees")]
    [InlineData("sort=colour", "sort", "is not a sort order")]
    [InlineData("createdFrom=yesterday", "createdFrom", "must be a date")]
    [InlineData("createdFrom=2026-02-01&createdTo=2026-01-01", "createdTo", "must come after createdFrom")]
    [InlineData("workspaceId=not-an-id", "workspaceId", "is not an id")]
    [InlineData("columns=alpha", "columns", "param.NAME or metric.NAME")]
    [InlineData("tag=%00x", "tag", "")]
    [InlineData("author=%00x", "author", "")]
    [InlineData("param=a>1&param=a>1&param=a>1&param=a>1&param=a>1&param=a>1&param=a>1&param=a>1&param=a>1&param=a>1&param=a>1", "param", "At most 10")]
    public async Task BadInput_Is400NamingTheFieldAndTheLimit(string query, string field, string message)
    {
        var client = await portal.ClientForAsync("runs-table-bad@x.org");
        foreach (var path in new[] { "/api/runs/query?", "/api/runs/export?", "/api/runs?" })
            Assert.Contains(message, await ErrorOf(await client.GetAsync(path + query, Ct), field));
    }

    [Fact]
    public async Task Export_CsvAndJson_OfTheFilteredTable()
    {
        var w = await WorldAsync("export");
        var response = await w.Viewer.GetAsync($"/api/runs/export?workspaceId={w.Workspace}&tag=fig-3&sort=created", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^runs-\d{8}-\d{6}\.csv$", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal("id", header[0]);
        Assert.Contains("param.N", header);
        Assert.Contains("metric.epsilon_final", header);
        var first = lines[1].Split(',');
        Assert.Equal(w.Runs[0].ToString(), first[0]);
        Assert.Equal("1", first[Array.IndexOf(header, "number")]);
        Assert.Equal("50", first[Array.IndexOf(header, "param.N")]);
        Assert.Equal("fig-3", first[Array.IndexOf(header, "tags")]);

        var json = await w.Viewer.GetAsync($"/api/runs/export?workspaceId={w.Workspace}&format=json&param=N%3E100", Ct);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".json", json.Content.Headers.ContentDisposition!.FileNameStar ?? json.Content.Headers.ContentDisposition.FileName);
        var rows = JsonDocument.Parse(await json.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal([w.Runs[3], w.Runs[2]], rows.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));

        Assert.Contains("use csv or json", await ErrorOf(await w.Viewer.GetAsync($"/api/runs/export?workspaceId={w.Workspace}&format=xlsx", Ct), "format"));
        Assert.Equal(HttpStatusCode.NotFound, (await w.Outsider.GetAsync($"/api/runs/export?workspaceId={w.Workspace}", Ct)).StatusCode);
    }

    [Fact]
    public async Task TagsAndNote_EditorsSetThem_ViewersAre403_OthersAre404()
    {
        var w = await WorldAsync("labels", runs: 1);
        var run = w.Runs[0];
        var tags = await Ok(await w.Editor.PutAsJsonAsync($"/api/runs/{run}/tags", new { tags = new[] { " Fig  3 ", "diverged", "fig 3" } }, Ct));
        Assert.Equal(["diverged", "fig 3"], tags.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var note = await Ok(await w.Editor.PutAsJsonAsync($"/api/runs/{run}/note", new { note = "  Step size too large.  " }, Ct));
        Assert.Equal("Step size too large.", note.GetProperty("note").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await w.Viewer.PutAsJsonAsync($"/api/runs/{run}/tags", new { tags = new[] { "x" } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Viewer.PutAsJsonAsync($"/api/runs/{run}/note", new { note = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Outsider.PutAsJsonAsync($"/api/runs/{run}/tags", new { tags = new[] { "x" } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Outsider.PutAsJsonAsync($"/api/runs/{run}/note", new { note = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Editor.PutAsJsonAsync($"/api/runs/{Guid.NewGuid()}/note", new { note = "x" }, Ct)).StatusCode);

        Assert.Contains("at most 40", await ErrorOf(await w.Editor.PutAsJsonAsync($"/api/runs/{run}/tags", new { tags = new[] { new string('a', 41) } }, Ct), "tags"));
        Assert.Contains("may hold letters", await ErrorOf(await w.Editor.PutAsJsonAsync($"/api/runs/{run}/tags", new { tags = new[] { "a<b>" } }, Ct), "tags"));
        Assert.Contains("at most 20 tags", await ErrorOf(await w.Editor.PutAsJsonAsync($"/api/runs/{run}/tags",
            new { tags = Enumerable.Range(0, 21).Select(i => $"t{i}").ToArray() }, Ct), "tags"));
        Assert.Contains("the limit is 4000", await ErrorOf(await w.Editor.PutAsJsonAsync($"/api/runs/{run}/note", new { note = new string('n', 4001) }, Ct), "note"));
        await ErrorOf(await w.Editor.PutAsJsonAsync($"/api/runs/{run}/note", new { note = "a\u0000b" }, Ct), "note");

        // Nothing refused was stored; clearing the note with a blank one works.
        var stored = await Ok(await w.Viewer.GetAsync($"/api/runs/query?workspaceId={w.Workspace}", Ct));
        Assert.Equal(["diverged", "fig 3"], stored.GetProperty("items")[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Step size too large.", stored.GetProperty("items")[0].GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.Null, (await Ok(await w.Owner.PutAsJsonAsync($"/api/runs/{run}/note", new { note = " " }, Ct))).GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task BulkTag_AddsAndRemoves_AndAMixedSelectionIsRefusedAsAWhole()
    {
        var w = await WorldAsync("bulk-tag");
        var done = await Ok(await w.Editor.PostAsJsonAsync("/api/runs/bulk/tags", new { runIds = new[] { w.Runs[1], w.Runs[2] }, add = new[] { "Batch" }, remove = new[] { "fig-3" } }, Ct));
        Assert.Equal(2, done.GetProperty("done").GetInt32());
        var batch = await Ok(await w.Viewer.GetAsync($"/api/runs/query?workspaceId={w.Workspace}&tag=batch&sort=created", Ct));
        Assert.Equal([w.Runs[1], w.Runs[2]], batch.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(["batch"], batch.GetProperty("items")[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        // A run the caller cannot see makes the whole action "not found": nothing is tagged, not even the caller's own runs.
        var mixed = await w.Editor.PostAsJsonAsync("/api/runs/bulk/tags", new { runIds = new[] { w.Runs[3], w.OutsiderRun }, add = new[] { "leak" } }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, mixed.StatusCode);
        Assert.Equal(0, (await Ok(await w.Viewer.GetAsync($"/api/runs/query?workspaceId={w.Workspace}&tag=leak", Ct))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await Ok(await w.Outsider.GetAsync($"/api/runs/query?tag=leak", Ct))).GetProperty("total").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await w.Viewer.PostAsJsonAsync("/api/runs/bulk/tags", new { runIds = new[] { w.Runs[0] }, add = new[] { "x" } }, Ct)).StatusCode);
        Assert.Contains("Select at least one run", await ErrorOf(await w.Editor.PostAsJsonAsync("/api/runs/bulk/tags", new { runIds = Array.Empty<Guid>(), add = new[] { "x" } }, Ct), "runIds"));
        Assert.Contains("At most 500 runs", await ErrorOf(await w.Editor.PostAsJsonAsync("/api/runs/bulk/tags",
            new { runIds = Enumerable.Range(0, 501).Select(_ => Guid.NewGuid()).ToArray(), add = new[] { "x" } }, Ct), "runIds"));
        Assert.Contains("at least one tag", await ErrorOf(await w.Editor.PostAsJsonAsync("/api/runs/bulk/tags", new { runIds = new[] { w.Runs[0] } }, Ct), "add"));
    }

    [Fact]
    public async Task BulkCancel_CancelsTheActiveOnes_AndSkipsTheFinished()
    {
        var w = await WorldAsync("bulk-cancel", 3, RunStatus.Queued, RunStatus.Succeeded, RunStatus.Queued);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Viewer.PostAsJsonAsync("/api/runs/bulk/cancel", new { runIds = w.Runs }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Outsider.PostAsJsonAsync("/api/runs/bulk/cancel", new { runIds = w.Runs }, Ct)).StatusCode);
        var result = await Ok(await w.Editor.PostAsJsonAsync("/api/runs/bulk/cancel", new { runIds = w.Runs }, Ct));
        Assert.Equal((2, 1), (result.GetProperty("done").GetInt32(), result.GetProperty("skipped").GetInt32()));
        Assert.Equal("already finished", result.GetProperty("skippedWhy").GetString());
        var cancelled = await Ok(await w.Viewer.GetAsync($"/api/runs/query?workspaceId={w.Workspace}&status=Cancelled", Ct));
        Assert.Equal(2, cancelled.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task BulkDelete_IsForOwners_AndOnlyForFinishedRuns()
    {
        var w = await WorldAsync("bulk-delete", 3, RunStatus.Succeeded, RunStatus.Failed, RunStatus.Queued);
        var finished = new[] { w.Runs[0], w.Runs[1] };
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Editor.PostAsJsonAsync("/api/runs/bulk/delete", new { runIds = finished }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Viewer.PostAsJsonAsync("/api/runs/bulk/delete", new { runIds = finished }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Outsider.PostAsJsonAsync("/api/runs/bulk/delete", new { runIds = finished }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Owner.PostAsJsonAsync("/api/runs/bulk/delete", new { runIds = new[] { w.Runs[0], w.OutsiderRun } }, Ct)).StatusCode);
        Assert.Contains("still queued or running", await ErrorOf(await w.Owner.PostAsJsonAsync("/api/runs/bulk/delete", new { runIds = w.Runs }, Ct), "runIds"));

        var deleted = await Ok(await w.Owner.PostAsJsonAsync("/api/runs/bulk/delete", new { runIds = finished }, Ct));
        Assert.Equal(2, deleted.GetProperty("done").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await w.Owner.GetAsync($"/api/runs/{w.Runs[0]}", Ct)).StatusCode);
        var left = await Ok(await w.Owner.GetAsync($"/api/runs/query?workspaceId={w.Workspace}", Ct));
        Assert.Equal([w.Runs[2]], left.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        // The outsider's run was never touched.
        Assert.Equal(HttpStatusCode.OK, (await w.Outsider.GetAsync($"/api/runs/{w.OutsiderRun}", Ct)).StatusCode);
    }
}
