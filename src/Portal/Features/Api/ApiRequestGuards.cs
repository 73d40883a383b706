using System.Text;
using Microsoft.Net.Http.Headers;

namespace Portal.Features.Api;

/// <summary>Requests the framework would otherwise answer with a 500 or an empty body, refused up front with a problem that says why.</summary>
public static class ApiRequestGuards
{
    public static void UseApiRequestGuards(this WebApplication app) =>
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), branch => branch.Use(async (ctx, next) =>
        {
            if (CrossSiteWithCookie(ctx.Request))
            {
                await Results.Problem("A request that changes something and is signed in by cookie must come from the portal's own pages; scripts use a bearer token.",
                    title: "Cross-site request refused.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(ctx);
                return;
            }
            if (UnknownCharset(ctx.Request.ContentType) is { } charset)
            {
                await Results.Problem($"The Content-Type charset '{charset}' is not a known text encoding: send JSON as UTF-8.",
                    title: "The request could not be read.", statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(ctx);
                return;
            }
            await next();
        }));

    /// <summary>
    /// A state-changing request carrying cookies but no bearer credential whose Origin (or, failing that,
    /// Sec-Fetch-Site) does not show it came from this site: a form or a body-less POST from another page could
    /// otherwise act with the user's sign-in cookie (browsers send such "simple" requests without asking).
    /// </summary>
    private static bool CrossSiteWithCookie(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return false;
        if (request.Headers.Authorization.Count > 0 || !request.Cookies.ContainsKey(SignInCookie)) return false;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is not ("same-origin" or "none");
    }

    /// <summary>Identity's sign-in cookie (the portal keeps the default name).</summary>
    private const string SignInCookie = ".AspNetCore.Identity.Application";

    private static string? UnknownCharset(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media) || media.Charset.Length == 0) return null;
        var charset = media.Charset.ToString().Trim('"');
        try
        {
            Encoding.GetEncoding(charset);
            return null;
        }
        catch (ArgumentException)
        {
            return charset.Length > 40 ? charset[..40] + "…" : charset;
        }
    }
}
