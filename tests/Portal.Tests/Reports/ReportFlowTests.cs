using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Features.Reports;
using Portal.Tests.Collaboration;
using static Portal.Tests.Collaboration.CollaborationWorld;

namespace Portal.Tests.Reports;

/// <summary>Reports over HTTP as their users meet them: two editors at once, readers who may not see a run, publishing, sharing, exports, limits.</summary>
public class ReportFlowTests(CollaborationWorld world) : IClassFixture<CollaborationWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoEditors_TheStaleSaveIsRefusedWith409AndTheirText_NothingIsOverwritten()
    {
        var id = await world.ReportAsync();
        var editor = world.Api[Role.Editor];
        var owner = world.Api[Role.Owner];
        var saved = await Expect(await editor.PutAsJsonAsync($"/api/reports/{id}", new { source = "# Editor's text", revision = 1 }, Ct), HttpStatusCode.OK);
        Assert.Equal(2, saved.GetProperty("revision").GetInt32());

        var conflict = await Expect(await owner.PutAsJsonAsync($"/api/reports/{id}", new { source = "# Owner's text", revision = 1 }, Ct), HttpStatusCode.Conflict);
        Assert.Equal(2, conflict.GetProperty("revision").GetInt32());
        Assert.Equal("# Editor's text", conflict.GetProperty("source").GetString());
        Assert.Contains("nothing was overwritten", conflict.GetProperty("detail").GetString());
        Assert.Equal("# Editor's text", (await Expect(await owner.GetAsync($"/api/reports/{id}", Ct), HttpStatusCode.OK)).GetProperty("source").GetString());

        var merged = await Expect(await owner.PutAsJsonAsync($"/api/reports/{id}", new { source = "# Both texts", revision = 2 }, Ct), HttpStatusCode.OK);
        Assert.Equal(3, merged.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task AnEmbedOfARunTheReaderCannotSee_RendersTheInlineError_NotTheRun()
    {
        // The outsider's own report names the workspace's run: they are told it is not visible, and see none of its numbers.
        var outsider = world.Api[Role.NonMember];
        var source = $"{{{{metric run={world.RunId} name=epsilon_final}}}}\n\n{{{{figure run={world.RunId} name=learning-curve}}}}";
        var created = await Expect(await outsider.PostAsJsonAsync("/api/reports", new { source }, Ct), HttpStatusCode.Created);
        var theirs = await Expect(await outsider.GetAsync($"/api/reports/{created.GetProperty("id").GetGuid()}/render", Ct), HttpStatusCode.OK);
        var html = theirs.GetProperty("html").GetString()!;
        Assert.Contains("not found, or not visible to you.", html);
        Assert.DoesNotContain("embed-metric", html);
        Assert.DoesNotContain("<svg", html);
        Assert.DoesNotContain("Generalization error", html);

        // The workspace's Viewer reads the workspace's report on the same run, values and figure included.
        var ours = await Expect(await world.Api[Role.Viewer].GetAsync($"/api/reports/{world.ReportId}/render", Ct), HttpStatusCode.OK);
        Assert.Contains("embed-metric", ours.GetProperty("html").GetString());
        Assert.Contains("<svg", ours.GetProperty("html").GetString());
        Assert.Empty(ours.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Publishing_FreezesTheValues_TheShareLinkOpensThemSignedOut_AndExportsCarryThem()
    {
        var editor = world.Api[Role.Editor];
        var id = await world.ReportAsync();
        var version = await Expect(await editor.PostAsJsonAsync($"/api/reports/{id}/publish", new { note = "for the referee" }, Ct), HttpStatusCode.Created);
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        var frozenHtml = version.GetProperty("html").GetString()!;
        Assert.Contains("embed-metric", frozenHtml);
        Assert.Contains("Figure 1.", frozenHtml);

        // The draft moves on; version 1 does not.
        await Expect(await editor.PutAsJsonAsync($"/api/reports/{id}", new { source = "# Rewritten", revision = 1 }, Ct), HttpStatusCode.OK);
        Assert.Equal(frozenHtml, (await Expect(await editor.GetAsync($"/api/reports/{id}/versions/1", Ct), HttpStatusCode.OK)).GetProperty("html").GetString());

        var link = await Expect(await world.Api[Role.Owner].PostAsJsonAsync("/api/share-links", new { target = "ReportVersion", targetId = version.GetProperty("id").GetGuid(), expiry = "SevenDays" }, Ct), HttpStatusCode.Created);
        var token = link.GetProperty("url").GetString()!.Split('/')[^1];
        using var stranger = world.Portal.CreateClient();
        var shared = await Expect(await stranger.GetAsync($"/api/shared/{token}", Ct), HttpStatusCode.OK);
        Assert.Equal(frozenHtml, shared.GetProperty("html").GetString());
        var page = await stranger.GetStringAsync($"/s/{token}", Ct);
        Assert.Contains("Hebb report", page);
        Assert.Contains("embed-metric", page);
        Assert.DoesNotContain(world.WorkspaceName, page);

        var standalone = await editor.GetStringAsync($"/api/reports/{id}/versions/1/export.html", Ct);
        Assert.Contains("katex", standalone);
        Assert.Contains("data:font/woff2;base64,", standalone);
        Assert.Contains("<svg", standalone);
        Assert.DoesNotContain("src=\"/", standalone);
        Assert.DoesNotContain("href=\"/", standalone);

        using var zip = new ZipArchive(await editor.GetStreamAsync($"/api/reports/{id}/versions/1/export.zip", Ct));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("report.md", names);
        Assert.Contains("source.md", names);
        Assert.Contains("figures/figure-1-learning-curve.svg", names);
        using var markdown = new StreamReader(zip.GetEntry("report.md")!.Open());
        var md = await markdown.ReadToEndAsync(Ct);
        Assert.Contains("![Figure 1. Generalization error", md);
        Assert.DoesNotContain("{{", md);
    }

    [Fact]
    public async Task RunExports_GiveCsvJsonAndSvg()
    {
        var viewer = world.Api[Role.Viewer];
        var metrics = await viewer.GetStringAsync($"/api/runs/{world.RunId}/export/metrics.csv", Ct);
        Assert.StartsWith("name,label,value,error,unit\nepsilon_final,", metrics);
        var series = await viewer.GetStringAsync($"/api/runs/{world.RunId}/export/series.csv", Ct);
        Assert.StartsWith("series,x_label,y_label,x,y,error\nepsilon,", series);
        var json = await viewer.GetFromJsonAsync<JsonElement>($"/api/runs/{world.RunId}/export/result.json", Ct);
        Assert.Equal("perceptron.online-hebb", json.GetProperty("modelType").GetString());
        var svg = await viewer.GetAsync($"/api/runs/{world.RunId}/export/figures/learning-curve.svg", Ct);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var missing = await viewer.GetAsync($"/api/runs/{world.RunId}/export/figures/nope.svg", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("learning-curve", await missing.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task AbsurdInput_Answers400NamingTheFieldAndTheLimit()
    {
        var editor = world.Api[Role.Editor];
        var huge = await Expect(await editor.PostAsJsonAsync("/api/reports", new { workspaceId = world.WorkspaceId, source = new string('x', Report.MaxSourceLength + 1) }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains($"source must be at most {Report.MaxSourceLength} characters", huge.GetProperty("errors").GetProperty("source")[0].GetString());
        var embeds = string.Concat(Enumerable.Repeat($"{{{{metric run={world.RunId} name=x}}}} ", ReportRenderer.MaxEmbeds + 1));
        var many = await Expect(await editor.PostAsJsonAsync("/api/reports", new { workspaceId = world.WorkspaceId, source = embeds }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains($"at most {ReportRenderer.MaxEmbeds} embeds", many.GetProperty("errors").GetProperty("source")[0].GetString());
        var noRevision = await Expect(await editor.PutAsJsonAsync($"/api/reports/{world.ReportId}", new { source = "x" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(noRevision.GetProperty("errors").TryGetProperty("revision", out _));

        var slots = Enumerable.Range(0, Session.MaxSlots + 1).Select(_ => new { title = "t" }).ToArray();
        var tooMany = await Expect(await editor.PostAsJsonAsync("/api/sessions", new { workspaceId = world.WorkspaceId, title = "Big", slots }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains($"at most {Session.MaxSlots} slots", tooMany.GetProperty("errors").GetProperty("slots")[0].GetString());
        var badTime = await Expect(await editor.PostAsJsonAsync("/api/sessions", new { workspaceId = world.WorkspaceId, title = "T", slots = new[] { new { title = "a", start = "25:99" } } }, Ct), HttpStatusCode.BadRequest);
        Assert.True(badTime.GetProperty("errors").TryGetProperty("slots[0].start", out _));
        var note = await Expect(await editor.PostAsJsonAsync($"/api/reports/{world.ReportId}/publish", new { note = new string('n', ReportVersion.MaxNoteLength + 1) }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains($"at most {ReportVersion.MaxNoteLength}", note.GetProperty("errors").GetProperty("note")[0].GetString());
    }

    [Fact]
    public async Task ReportActions_AreInTheActivityFeed()
    {
        var feed = await Expect(await world.Api[Role.Owner].GetAsync($"/api/workspaces/{world.WorkspaceId}/activity?take=500", Ct), HttpStatusCode.OK);
        var actions = feed.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToHashSet();
        foreach (var action in new[] { "report.created", "report.published", "session.created", "share.created" }) Assert.Contains(action, actions);
    }
}
