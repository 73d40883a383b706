using System.Security.Claims;

namespace Portal.Features.Workspaces;

/// <summary>
/// Who is asking: the signed-in user's id, whether they are an admin, and whether they came with a read-only
/// personal access token.
/// </summary>
public sealed record Caller(string UserId, bool IsAdmin, bool ReadOnlyToken = false)
{
    public const string AdminRole = "Admin";

    /// <summary>Claim a personal access token adds to its principal: "read" or "read-write".</summary>
    public const string TokenScopeClaim = "portal:token-scope";

    public static Caller? From(ClaimsPrincipal? user)
    {
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is null ? null : new Caller(id, user!.IsInRole(AdminRole), user.FindFirstValue(TokenScopeClaim) == "read");
    }

    /// <summary>True when the request was authenticated by a personal access token (of either scope).</summary>
    public static bool ByAccessToken(ClaimsPrincipal user) => user.HasClaim(c => c.Type == TokenScopeClaim);
}
