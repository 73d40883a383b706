using Ganss.Xss;

namespace Portal.Features.Html;

/// <summary>
/// The one HtmlSanitizer set-up for HTML made from user-written Markdown (comments and reports): an allow-list
/// of tags and attributes, only http, https and mailto links (and links within the page), no forms, inline
/// styles or active content; links out of the portal open with rel="nofollow noopener noreferrer". Markdig
/// runs with raw HTML disabled before it, and both are needed, because Markdown itself can carry a
/// <c>javascript:</c> link.
/// </summary>
public static class SafeHtml
{
    /// <summary>
    /// Element ids a report may carry: its own labels and footnotes. Any other id is dropped, so that no text can
    /// take the name of something the page's scripts look up (DOM clobbering).
    /// </summary>
    private static readonly string[] IdPrefixes = ["sec-", "fig-", "eq-", "tbl-", "ref-", "fn:", "fnref:", "references"];

    /// <summary>Comments: no classes, no ids, no data attributes.</summary>
    public static HtmlSanitizer ForComments()
    {
        var s = Base();
        s.AllowedAttributes.Remove("class");
        s.AllowedAttributes.Remove("id");
        return s;
    }

    /// <summary>
    /// Reports: also the classes and data attributes of the report renderer (math for KaTeX, numbered
    /// equations, embed slots) and the ids of its labels.
    /// </summary>
    public static HtmlSanitizer ForReports()
    {
        var s = Base();
        s.AllowedAttributes.Add("class");
        s.AllowedAttributes.Add("id");
        s.AllowDataAttributes = true;
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element && element.GetAttribute("id") is { } id && !IdPrefixes.Any(p => id.StartsWith(p, StringComparison.Ordinal)))
                element.RemoveAttribute("id");
        };
        return s;
    }

    private static HtmlSanitizer Base()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) s.AllowedSchemes.Add(scheme);
        foreach (var tag in new[] { "form", "button", "select", "option", "textarea", "label", "fieldset", "legend", "svg", "math", "style" }) s.AllowedTags.Remove(tag);
        s.AllowedTags.Add("input"); // task-list check boxes only: anything else is removed below, and they are inert
        s.AllowedAttributes.Remove("style");
        s.AllowedAttributes.Add("disabled");
        s.AllowedAttributes.Add("checked");
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement element) return;
            if (element.LocalName == "a" && !(element.GetAttribute("href") ?? "").StartsWith('#'))
            {
                element.SetAttribute("rel", "nofollow noopener noreferrer");
                element.SetAttribute("target", "_blank");
            }
            else if (element.LocalName == "input")
            {
                if (element.GetAttribute("type") != "checkbox") element.Remove();
                else element.SetAttribute("disabled", "disabled");
            }
        };
        return s;
    }
}
