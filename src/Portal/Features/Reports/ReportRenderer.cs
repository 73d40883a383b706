using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Portal.Features.Html;
using MarkdigMarkdown = Markdig.Markdown;

namespace Portal.Features.Reports;

/// <summary>
/// Renders a report's source for one reader: front matter, Markdown (Markdig with raw HTML disabled), math for
/// KaTeX, numbered sections, figures, tables and equations, cross-references, citations and the bibliography,
/// slides with speaker notes, and the embeds resolved through <see cref="IRunSource"/> (live for drafts, frozen
/// for published versions). The HTML is sanitized block by block; the embeds' own HTML goes in afterwards.
/// Nothing here throws on bad input: problems are listed with their line and shown where they occur.
/// </summary>
public static partial class ReportRenderer
{
    public const int MaxEmbeds = 200;
    public const int MaxRuns = 50;
    public const int MaxTableRuns = 20;

    private static readonly HtmlSanitizer Sanitizer = SafeHtml.ForReports();

    public static async Task<RenderedReport> RenderAsync(string source, IRunSource runs, CancellationToken ct = default)
    {
        var problems = new List<string>();
        if (source.Length > Report.MaxSourceLength)
        {
            problems.Add($"The source has {source.Length} characters; at most {Report.MaxSourceLength} are rendered.");
            source = source[..Report.MaxSourceLength];
        }
        var (front, body, bodyLine) = FrontMatter.Split(source, problems);
        var document = MarkdigMarkdown.Parse(body, ReportSyntax.Pipeline);

        var specs = new Dictionary<MarkdownObject, EmbedSpec>();
        var ids = new HashSet<Guid>();
        foreach (var node in document.Descendants())
        {
            if (node is not (EmbedBlock or EmbedInline)) continue;
            var spec = EmbedSpec.Parse(node is EmbedBlock b ? b.Raw : ((EmbedInline)node).Raw);
            if (specs.Count >= MaxEmbeds) spec = spec with { Error = $"a report may have at most {MaxEmbeds} embeds." };
            specs[node] = spec;
            foreach (var id in RunIdsOf(spec))
                if (ids.Count < MaxRuns || ids.Contains(id)) ids.Add(id);
        }
        var found = await runs.FindAsync(ids, ct);

        var context = new RenderContext(found, runs.MissingMessage, front.References, problems, bodyLine, ids);
        context.Annotate(document, specs);
        var abstractHtml = front.Abstract is { } a ? Fragment(a, inline: false) : "";
        var (paper, slides) = Compose(document, context);
        return new RenderedReport(front, abstractHtml, paper, slides, problems, found, context.Used, context.Exports);
    }

    /// <summary>How many embeds the source holds (its body only; no run is looked up).</summary>
    public static int CountEmbeds(string source) =>
        MarkdigMarkdown.Parse(FrontMatter.Split(source, []).Body, ReportSyntax.Pipeline).Descendants().Count(n => n is EmbedBlock or EmbedInline);

    /// <summary>Markdown outside the body (abstract, captions): rendered and sanitized the same way, without numbering.</summary>
    internal static string Fragment(string markdown, bool inline)
    {
        var html = MarkdigMarkdown.ToHtml(markdown, ReportSyntax.Pipeline).Trim();
        if (inline && html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal) && html.IndexOf("<p>", 3, StringComparison.Ordinal) < 0)
            html = html[3..^4];
        return Sanitizer.Sanitize(html);
    }

    internal static IEnumerable<Guid> RunIdsOf(EmbedSpec spec)
    {
        if (spec.Error is not null) yield break;
        if (spec.Run is { } run) yield return run;
        if (spec.Kind == "table")
            foreach (var part in (spec.Arg("runs") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(MaxTableRuns))
                if (Guid.TryParse(part, out var id)) yield return id;
    }

    /// <summary>Cuts the top-level blocks into slides (at <c>---</c>, or else at level-1 and level-2 headings), takes out speaker notes, and renders the paper and the slides.</summary>
    private static (List<ReportSegment> Paper, List<Slide> Slides) Compose(MarkdownDocument document, RenderContext context)
    {
        var blocks = document.ToList();
        var byRules = blocks.Any(b => b is ThematicBreakBlock);
        var groups = new List<List<Block>> { new() };
        foreach (var block in blocks)
        {
            if (block is Markdig.Extensions.Footnotes.FootnoteGroup) continue;
            if (byRules && block is ThematicBreakBlock) groups.Add([]);
            else if (!byRules && block is HeadingBlock { Level: <= 2 } && groups[^1].Count > 0) groups.Add([block]);
            else groups[^1].Add(block);
        }
        var notes = new HashSet<Block>();
        var slideParts = new List<(List<Block> Content, List<Block> Notes)>();
        foreach (var group in groups.Where(g => g.Count > 0))
        {
            var at = group.FindIndex(IsNoteStart);
            if (at < 0)
            {
                slideParts.Add((group, []));
                continue;
            }
            slideParts.Add((group[..at], group[at..]));
            notes.UnionWith(group[at..]);
        }

        var html = new Dictionary<Block, ReportSegment>();
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        ReportSyntax.Pipeline.Setup(renderer);
        ReportSegment Segment(Block block)
        {
            if (html.TryGetValue(block, out var done)) return done;
            if (context.Figures.TryGetValue(block, out var figure)) return html[block] = new FigureSegment(figure);
            writer.GetStringBuilder().Clear();
            renderer.Render(block);
            writer.Flush();
            return html[block] = new HtmlSegment(context.Fill(Sanitizer.Sanitize(writer.ToString())));
        }

        var references = context.BibliographyHtml();
        var paper = Merge(blocks.Where(b => b is not ThematicBreakBlock && !notes.Contains(b)).Select(Segment)
            .Concat(references.Length > 0 ? [new HtmlSegment(Sanitizer.Sanitize(references))] : []));
        var slides = slideParts.Select(p => new Slide(Merge(p.Content.Select(Segment)),
            string.Concat(p.Notes.Select(Segment).OfType<HtmlSegment>().Select(s => s.Html)))).ToList();
        if (references.Length > 0) slides.Add(new Slide([new HtmlSegment(Sanitizer.Sanitize(references))], ""));
        return (paper, slides);
    }

    private static bool IsNoteStart(Block block)
    {
        if (block is not ParagraphBlock { Inline.FirstChild: LiteralInline literal }) return false;
        var text = literal.Content.ToString();
        var m = NotePrefix().Match(text);
        if (!m.Success) return false;
        literal.Content = new Markdig.Helpers.StringSlice(text[m.Length..]);
        return true;
    }

    private static List<ReportSegment> Merge(IEnumerable<ReportSegment> segments)
    {
        var result = new List<ReportSegment>();
        foreach (var s in segments)
        {
            if (s is HtmlSegment h && result.Count > 0 && result[^1] is HtmlSegment last) result[^1] = new HtmlSegment(last.Html + h.Html);
            else result.Add(s);
        }
        return result;
    }

    [GeneratedRegex(@"^\s*Notes?:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex NotePrefix();
}
