namespace Portal.Features.Sharing;

public static class SharingFeature
{
    public static IServiceCollection AddSharing(this IServiceCollection services) => services.AddScoped<ShareLinkService>();

    /// <summary>Shared views are for the link holder only: no search engine may index or follow them.</summary>
    public static void UseSharedViewHeaders(this WebApplication app) =>
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/s"), branch => branch.Use(async (ctx, next) =>
        {
            ctx.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
            await next();
        }));
}
