using System.Security.Cryptography;

namespace Portal.Features.Admin;

/// <summary>
/// Response headers that keep the portal's pages from being framed, sniffed or made to run foreign script:
/// a Content-Security-Policy under which Blazor, MudBlazor and Plotly work (scripts only from the portal itself
/// plus the one inline import map, admitted by a per-request nonce; inline styles, which MudBlazor and Plotly
/// write, are allowed), and the usual companions. The API documentation and the job dashboard are third-party
/// pages with their own inline scripts and get the framing and sniffing headers only.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "portal.csp-nonce";

    /// <summary>The nonce of this request's Content-Security-Policy, for the inline import map.</summary>
    public static string? Nonce(HttpContext? http) => http?.Items[NonceKey] as string;

    public static void UseSecurityHeaders(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        var headers = ctx.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = ctx.Request.Path.StartsWithSegments("/s") ? "no-referrer" : "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        if (!ctx.Request.Path.StartsWithSegments("/api/docs") && !ctx.Request.Path.StartsWithSegments("/admin/jobs"))
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)); // hex: no character the page would escape
            ctx.Items[NonceKey] = nonce;
            headers.ContentSecurityPolicy = string.Join("; ",
                "default-src 'self'",
                $"script-src 'self' 'nonce-{nonce}'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: blob:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'");
        }
        else headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        await next();
    });
}
