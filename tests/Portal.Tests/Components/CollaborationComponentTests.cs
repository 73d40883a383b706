using Bunit;
using Portal.Data;
using Portal.Features.Comments;
using Portal.Features.Sharing;
using Portal.Features.Workspaces;
using Portal.Tests.Runs;

namespace Portal.Tests.Components;

/// <summary>The members page's panel, the share dialog's panel and the comment thread, rendered against the real services.</summary>
public class CollaborationComponentTests : ComponentTestContext
{
    private readonly Caller _owner;
    private readonly Caller _editor;
    private readonly Caller _viewer;
    private readonly Guid _workspace = Guid.CreateVersion7();

    public CollaborationComponentTests()
    {
        (_owner, _) = Harness.Db.AddUser("owner@x.org");
        (_editor, _) = Harness.Db.AddUser("editor@x.org");
        _viewer = User;
        using var db = Harness.Db.Factory.CreateDbContext();
        db.Workspaces.Add(new Workspace
        {
            Id = _workspace, Name = "Spin glasses", CreatedAt = DateTimeOffset.UtcNow,
            Members =
            [
                new WorkspaceMember { UserId = _owner.UserId, Role = WorkspaceRole.Owner, JoinedAt = DateTimeOffset.UtcNow },
                new WorkspaceMember { UserId = _editor.UserId, Role = WorkspaceRole.Editor, JoinedAt = DateTimeOffset.UtcNow },
                new WorkspaceMember { UserId = _viewer.UserId, Role = WorkspaceRole.Viewer, JoinedAt = DateTimeOffset.UtcNow },
            ],
        });
        db.SaveChanges();
    }

    private WorkspaceAccess AccessOf(Caller caller) => Harness.Workspaces.AccessAsync(caller, _workspace, Xunit.TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    [Fact]
    public void MembersPanel_AsOwner_InvitesByEmail_ShowsTheLinkOnce_AndListsItPending()
    {
        var panel = Render<MembersPanel>(p => p.Add(x => x.WorkspaceId, _workspace).Add(x => x.Access, AccessOf(_owner)).Add(x => x.Caller, _owner));
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=member-row]").Count));

        panel.Find("#invite-email").Change("colleague@x.org");
        panel.Find("[data-testid=invite] ").Click();

        panel.WaitForAssertion(() => Assert.Matches("/invite/inv_[A-Za-z0-9_-]{43}$", panel.Find("[data-testid=invitation-link]").TextContent));
        Assert.Contains("colleague@x.org", panel.Find("[data-testid=pending-invitations]").TextContent);

        panel.Find("#invite-email").Change("not an address");
        panel.Find("[data-testid=invite]").Click();
        panel.WaitForAssertion(() => Assert.Contains("email must be a valid address", panel.Markup));
    }

    [Fact]
    public void MembersPanel_AsOwner_RemovesAMember()
    {
        var panel = Render<MembersPanel>(p => p.Add(x => x.WorkspaceId, _workspace).Add(x => x.Access, AccessOf(_owner)).Add(x => x.Caller, _owner));
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=member-row]").Count));
        panel.FindAll("[data-testid=member-row]").Single(r => r.GetAttribute("data-email") == "editor@x.org").QuerySelector("[data-testid=remove-member]")!.Click();
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=member-row]").Count));
    }

    [Fact]
    public void MembersPanel_AsViewer_ShowsRolesButNoManagement_AndOffersToLeave()
    {
        var panel = Render<MembersPanel>(p => p.Add(x => x.WorkspaceId, _workspace).Add(x => x.Access, AccessOf(_viewer)).Add(x => x.Caller, _viewer));
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=member-role-text]").Count));
        Assert.Empty(panel.FindAll("[data-testid=invite]"));
        Assert.Empty(panel.FindAll("[data-testid=remove-member]"));
        Assert.Single(panel.FindAll("[data-testid=leave-workspace]"));
        Assert.Contains("Only the workspace's Owners", panel.Markup);
    }

    [Fact]
    public void SharePanel_CreatesALinkShownOnce_ListsIt_AndRevokesIt()
    {
        var run = Harness.Db.AddRun(_workspace, "perceptron.online-hebb", RunHarness.HebbSpec(4), Portal.Features.Runs.RunStatus.Succeeded, _editor.UserId);
        var panel = Render<SharePanel>(p => p.Add(x => x.Target, ShareTarget.Run).Add(x => x.TargetId, run.Id).Add(x => x.Caller, _editor));
        panel.WaitForElement("[data-testid=no-share-links]");

        panel.Find("#share-note").Change("for the referee");
        panel.Find("[data-testid=create-share-link]").Click();

        panel.WaitForAssertion(() => Assert.Matches("/s/s_[A-Za-z0-9_-]{43}$", panel.Find("[data-testid=new-share-link]").TextContent));
        var row = panel.Find("[data-testid=share-link-row]");
        Assert.Contains("for the referee", row.TextContent);
        Assert.Equal("0", panel.Find("[data-testid=share-link-uses]").TextContent);

        panel.Find("[data-testid=revoke-share-link]").Click();
        panel.WaitForAssertion(() => Assert.Contains("revoked", panel.Find("[data-testid=share-link-row]").TextContent));
    }

    [Fact]
    public void SharePanel_ForAViewer_RefusesToCreate()
    {
        var run = Harness.Db.AddRun(_workspace, "perceptron.online-hebb", RunHarness.HebbSpec(5), Portal.Features.Runs.RunStatus.Succeeded, _editor.UserId);
        var panel = Render<SharePanel>(p => p.Add(x => x.Target, ShareTarget.Run).Add(x => x.TargetId, run.Id).Add(x => x.Caller, _viewer));
        panel.Find("[data-testid=create-share-link]").Click();
        panel.WaitForAssertion(() => Assert.Contains("Viewer", panel.Find("[data-testid=share-error]").TextContent));
        Assert.Empty(panel.FindAll("[data-testid=new-share-link]"));
    }

    [Fact]
    public void CommentThread_PostsSanitizedMarkdown_OnlyTheAuthorEdits()
    {
        var run = Harness.Db.AddRun(_workspace, "perceptron.online-hebb", RunHarness.HebbSpec(6), Portal.Features.Runs.RunStatus.Succeeded, _editor.UserId);
        var mine = Render<CommentThread>(p => p.Add(x => x.Target, CommentTarget.Run).Add(x => x.TargetId, run.Id).Add(x => x.Caller, _viewer));
        mine.WaitForElement("[data-testid=no-comments]");
        Assert.Contains("@owner", mine.Markup);

        mine.Find("#comment-text").Input("**ε(α)** agrees <img src=x onerror=alert(1)> [x](javascript:alert(1)) @editor");
        mine.Find("[data-testid=post-comment]").Click();

        mine.WaitForAssertion(() => Assert.Contains("<strong>ε(α)</strong>", mine.Find("[data-testid=comment-body]").InnerHtml));
        Collaboration.HtmlSafety.AssertInert(mine.Find("[data-testid=comment-body]").InnerHtml);
        Assert.Single(mine.FindAll("[data-testid=edit-comment]"));

        var theirs = Render<CommentThread>(p => p.Add(x => x.Target, CommentTarget.Run).Add(x => x.TargetId, run.Id).Add(x => x.Caller, _editor));
        theirs.WaitForAssertion(() => Assert.Single(theirs.FindAll("[data-testid=comment]")));
        Assert.Empty(theirs.FindAll("[data-testid=edit-comment]"));
        Assert.Empty(theirs.FindAll("[data-testid=delete-comment]"));

        var owners = Render<CommentThread>(p => p.Add(x => x.Target, CommentTarget.Run).Add(x => x.TargetId, run.Id).Add(x => x.Caller, _owner));
        owners.WaitForAssertion(() => Assert.Single(owners.FindAll("[data-testid=delete-comment]")));
        Assert.Empty(owners.FindAll("[data-testid=edit-comment]"));
    }

    [Fact]
    public void CommentThread_ForAnOutsider_ShowsNothing()
    {
        var run = Harness.Db.AddRun(_workspace, "perceptron.online-hebb", RunHarness.HebbSpec(7), Portal.Features.Runs.RunStatus.Succeeded, _editor.UserId);
        var (outsider, _) = Harness.Db.AddUser("outsider@x.org");
        var thread = Render<CommentThread>(p => p.Add(x => x.Target, CommentTarget.Run).Add(x => x.TargetId, run.Id).Add(x => x.Caller, outsider));
        thread.WaitForAssertion(() => Assert.Contains("Discussion", thread.Markup));
        Assert.Empty(thread.FindAll("[data-testid=comments]"));
        Assert.Empty(thread.FindAll("#comment-text"));
    }
}
