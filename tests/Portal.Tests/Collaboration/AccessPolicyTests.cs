using Portal.Features.Workspaces;

namespace Portal.Tests.Collaboration;

/// <summary>The permission policy itself, cell by cell: who may do what, including archived workspaces and read-only tokens.</summary>
public class AccessPolicyTests
{
    public enum Who { Anonymous, ShareLinkHolder, Viewer, Editor, Owner, NonMember, Admin, ExamplesReader }

    private static WorkspaceAccess For(Who who, bool archived = false, bool readOnlyToken = false) => who switch
    {
        Who.Anonymous or Who.NonMember => WorkspaceAccess.None,
        Who.ShareLinkHolder => new WorkspaceAccess(AccessKind.ShareLink, null, archived),
        Who.Viewer => new WorkspaceAccess(AccessKind.Member, WorkspaceRole.Viewer, archived, readOnlyToken),
        Who.Editor => new WorkspaceAccess(AccessKind.Member, WorkspaceRole.Editor, archived, readOnlyToken),
        Who.Owner => new WorkspaceAccess(AccessKind.Member, WorkspaceRole.Owner, archived, readOnlyToken),
        Who.Admin => new WorkspaceAccess(AccessKind.Admin, null, archived, readOnlyToken),
        Who.ExamplesReader => new WorkspaceAccess(AccessKind.ExamplesReader, null, archived, readOnlyToken),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    // Columns: Read, Comment, Run, Edit, Delete, Share, ManageMembers.
    [Theory]
    [InlineData(Who.Anonymous, "-------")]
    [InlineData(Who.NonMember, "-------")]
    [InlineData(Who.ShareLinkHolder, "R------")]
    [InlineData(Who.Admin, "R------")]
    [InlineData(Who.ExamplesReader, "RC-----")]
    [InlineData(Who.Viewer, "RC-----")]
    [InlineData(Who.Editor, "RCRE-S-")]
    [InlineData(Who.Owner, "RCREDSM")]
    public void LiveWorkspace_MatchesTheMatrix(Who who, string expected) => AssertRow(For(who), expected);

    [Theory]
    [InlineData(Who.ShareLinkHolder, "R------")]
    [InlineData(Who.Admin, "R------")]
    [InlineData(Who.Viewer, "R------")]
    [InlineData(Who.Editor, "R------")]
    [InlineData(Who.Owner, "R---D--")]
    public void ArchivedWorkspace_IsReadOnly_ButItsOwnerMayRestoreOrDelete(Who who, string expected) => AssertRow(For(who, archived: true), expected);

    [Theory]
    [InlineData(Who.Viewer)]
    [InlineData(Who.Editor)]
    [InlineData(Who.Owner)]
    [InlineData(Who.Admin)]
    public void ReadOnlyToken_OnlyReads(Who who) => AssertRow(For(who, readOnlyToken: true), "R------");

    [Fact]
    public void Refusals_SayWhy()
    {
        Assert.Contains("Viewer", For(Who.Viewer).Why(Permission.Run));
        Assert.Contains("archived", For(Who.Editor, archived: true).Why(Permission.Run));
        Assert.Contains("read-only", For(Who.Owner, readOnlyToken: true).Why(Permission.Edit));
        Assert.Contains("Admins", For(Who.Admin).Why(Permission.Edit));
        Assert.Contains("Owners", For(Who.Editor).Why(Permission.ManageMembers));
    }

    private static void AssertRow(WorkspaceAccess access, string expected)
    {
        Permission[] order = [Permission.Read, Permission.Comment, Permission.Run, Permission.Edit, Permission.Delete, Permission.Share, Permission.ManageMembers];
        var actual = string.Concat(order.Select(p => access.Can(p) ? p.ToString()[0] : '-'));
        Assert.Equal(expected, actual);
    }
}
