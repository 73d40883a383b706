using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Features.Workspaces;

public static class CallerExtensions
{
    /// <summary>The signed-in caller of a page; pages are [Authorize]d, so a missing caller is a bug.</summary>
    public static async Task<Caller> CallerAsync(this Task<AuthenticationState> state) =>
        Caller.From((await state).User) ?? throw new InvalidOperationException("This page requires a signed-in user.");
}
