using Microsoft.AspNetCore.Identity;

namespace Portal.Data;

public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
