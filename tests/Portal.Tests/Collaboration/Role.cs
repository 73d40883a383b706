namespace Portal.Tests.Collaboration;

/// <summary>The rows of the permission matrix: who is asking.</summary>
public enum Role
{
    Anonymous,
    ShareLinkHolder,
    Viewer,
    Editor,
    Owner,
    NonMember,
    Admin,
}
