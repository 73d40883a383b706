using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Reports;
using Portal.Features.Workspaces;

namespace Portal.Tests.Components;

/// <summary>The report editor against the real services: saving, and what a second editor's earlier save does to the first.</summary>
public class ReportEditorTests : ComponentTestContext
{
    private readonly ReportService _reports;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ReportEditorTests()
    {
        Services.AddScoped<ReportService>();
        _reports = new ReportService(Harness.Db.Factory);
    }

    private async Task<Report> NewReportAsync() => (await _reports.CreateAsync(User, WorkspaceId, "---\ntitle: Draft\n---\nFirst text.", Ct)).Value!;

    [Fact]
    public async Task Typing_MarksUnsaved_SaveNow_SavesAndPreviews()
    {
        var report = await NewReportAsync();
        var editor = Render<ReportEditor>(p => p.Add(x => x.Report, report).Add(x => x.Caller, User));
        // Loading finishes after the first render where the database is asynchronous (PostgreSQL): wait for the preview.
        editor.WaitForAssertion(() => Assert.NotEmpty(editor.Find("[data-testid=preview]").InnerHtml.Trim()));
        Assert.Equal("Saved", editor.Find("[data-testid=save-state]").GetAttribute("data-state"));

        editor.Find("#report-source").Input("---\ntitle: Renamed\n---\n# Intro\n\nNew text with $x$.");
        editor.WaitForAssertion(() => Assert.Equal("Unsaved", editor.Find("[data-testid=save-state]").GetAttribute("data-state")));
        editor.Find("[data-testid=save]").Click();

        editor.WaitForAssertion(() => Assert.Equal("Saved", editor.Find("[data-testid=save-state]").GetAttribute("data-state")));
        var stored = (await _reports.GetAsync(User, report.Id, Ct))!.Value.Report;
        Assert.Equal("Renamed", stored.Title);
        Assert.Equal(2, stored.Revision);
        editor.WaitForAssertion(() => Assert.Contains("<span class=\"secnum\">1</span> Intro", editor.Find("[data-testid=preview]").InnerHtml));
    }

    [Fact]
    public async Task AnotherEditorsEarlierSave_ShowsTheConflictAndADiff_KeepsMyText_AndKeepMineSavesOverTheirs()
    {
        var report = await NewReportAsync();
        var editor = Render<ReportEditor>(p => p.Add(x => x.Report, report).Add(x => x.Caller, User));
        // Loading finishes after the first render where the database is asynchronous (PostgreSQL): wait for the preview.
        editor.WaitForAssertion(() => Assert.NotEmpty(editor.Find("[data-testid=preview]").InnerHtml.Trim()));
        var (colleague, _) = Harness.Db.AddUser("colleague@x.org");
        using (var db = Harness.Db.Factory.CreateDbContext())
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = WorkspaceId, UserId = colleague.UserId, Role = WorkspaceRole.Editor, JoinedAt = DateTimeOffset.UtcNow });
            db.SaveChanges();
        }
        Assert.NotNull((await _reports.SaveAsync(colleague, report.Id, "---\ntitle: Draft\n---\nTheir text.", 1, Ct)).Value!.Saved);

        editor.Find("#report-source").Input("---\ntitle: Draft\n---\nMy text.");
        editor.Find("[data-testid=save]").Click();

        editor.WaitForAssertion(() => Assert.Equal("Conflict", editor.Find("[data-testid=save-state]").GetAttribute("data-state")));
        Assert.Contains("colleague@x.org saved this draft", editor.Find("[data-testid=conflict]").TextContent);
        Assert.Contains("Their text.", editor.Find("[data-testid=diff]").TextContent);
        Assert.Contains("My text.", editor.Find("[data-testid=diff]").TextContent);
        Assert.Equal("---\ntitle: Draft\n---\nMy text.", editor.Find("#report-source").GetAttribute("value"));

        editor.Find("[data-testid=keep-mine]").Click();
        editor.WaitForAssertion(() => Assert.Equal("Saved", editor.Find("[data-testid=save-state]").GetAttribute("data-state")));
        Assert.Empty(editor.FindAll("[data-testid=conflict]"));
        Assert.EndsWith("My text.", (await _reports.GetAsync(User, report.Id, Ct))!.Value.Report.Source);
    }
}
