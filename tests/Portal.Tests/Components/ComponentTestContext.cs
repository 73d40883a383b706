using System.Security.Claims;
using Bunit;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
using Portal.Tests.Runs;

namespace Portal.Tests.Components;

/// <summary>A bUnit context with MudBlazor, the real run services over a test database, and a signed-in user.</summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(Harness.Notifier);
        Services.AddSingleton(Harness.Cancellations);
        Services.AddSingleton<IBackgroundJobClient>(Harness.Jobs);
        Services.AddSingleton(Harness.Db.Factory);
        Services.AddSingleton<IOptions<PortalOptions>>(Harness.Options);
        Services.AddScoped<WorkspaceService>();
        Services.AddScoped<RunService>();
        Services.AddScoped<RerunService>();
        Services.AddSingleton<RunOutlook.Calibrations>();
        Services.AddScoped<RunOutlook>();
        Services.AddScoped<Portal.Features.Activity.ActivityLog>();
        Services.AddScoped<Portal.Features.Comments.CommentService>();
        Services.AddScoped<Portal.Features.Sharing.ShareLinkService>();
        Services.AddScoped<MembershipService>();
        (User, WorkspaceId) = Harness.Db.AddUser("viewer@x.org");
        var auth = AddAuthorization();
        auth.SetAuthorized("viewer@x.org");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, User.UserId));
    }

    protected RunHarness Harness { get; } = new();
    protected Caller User { get; }
    protected Guid WorkspaceId { get; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Harness.Dispose();
    }
}
