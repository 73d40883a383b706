using Ganss.Xss;
using Markdig;
using Portal.Features.Html;

namespace Portal.Features.Comments;

/// <summary>
/// A comment's Markdown to HTML that is safe to insert into a page: Markdig with raw HTML disabled, then the
/// shared sanitizer (<see cref="SafeHtml.ForComments"/>).
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
    private static readonly HtmlSanitizer Sanitizer = SafeHtml.ForComments();

    public static string ToHtml(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? "" : Sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, Pipeline));
}
