using System.Security.Claims;

namespace Portal.Features.Workspaces;

/// <summary>Who is asking: the signed-in user's id and whether they are an admin.</summary>
public sealed record Caller(string UserId, bool IsAdmin)
{
    public const string AdminRole = "Admin";

    public static Caller? From(ClaimsPrincipal? user)
    {
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is null ? null : new Caller(id, user!.IsInRole(AdminRole));
    }
}
