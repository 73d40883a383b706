using Ganss.Xss;
using Markdig;

namespace Portal.Features.Comments;

/// <summary>
/// User-written Markdown to HTML that is safe to insert into a page: Markdig with raw HTML disabled, then
/// HtmlSanitizer (tags and attributes of an allow-list; only http, https and mailto links; links open with
/// rel="nofollow noopener noreferrer"). Both steps, because Markdown itself can carry a <c>javascript:</c> link.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoLinks()
        .Build();

    // HtmlSanitizer is thread-safe once configured.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? "" : Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) s.AllowedSchemes.Add(scheme);
        foreach (var tag in new[] { "form", "button", "select", "option", "textarea", "label", "fieldset", "legend" }) s.AllowedTags.Remove(tag);
        s.AllowedTags.Add("input"); // task-list check boxes only: anything else is removed below, and they are inert
        s.AllowedAttributes.Remove("style");
        s.AllowedAttributes.Remove("class");
        s.AllowedAttributes.Add("disabled");
        s.AllowedAttributes.Add("checked");
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                if (element.LocalName == "a")
                {
                    element.SetAttribute("rel", "nofollow noopener noreferrer");
                    element.SetAttribute("target", "_blank");
                }
                else if (element.LocalName == "input")
                {
                    if (element.GetAttribute("type") != "checkbox") element.Remove();
                    else element.SetAttribute("disabled", "disabled");
                }
            }
        };
        return s;
    }
}
