using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portal.Features.Reports;

/// <summary>A line <c>{{figure …}}</c>, <c>{{checks …}}</c> or <c>{{table …}}</c>: an embed that stands as a block.</summary>
public sealed class EmbedBlock(BlockParser parser) : LeafBlock(parser)
{
    public string Raw { get; set; } = "";

    /// <summary>Set while rendering: the placeholder (or error) written in its place.</summary>
    public string? Html { get; set; }
}

/// <summary><c>{{metric …}}</c> (or any embed) inside a paragraph.</summary>
public sealed class EmbedInline : LeafInline
{
    public string Raw { get; set; } = "";
    public string? Html { get; set; }
}

/// <summary><c>$$ … $$</c> on lines of its own, optionally followed by a label <c>{#eq:name}</c>.</summary>
public sealed class DisplayMathBlock(BlockParser parser) : LeafBlock(parser)
{
    public string Tex { get; set; } = "";
    public string? Label { get; set; }
    public bool Closed { get; set; }
    public string? Html { get; set; }
}

/// <summary><c>@fig:eps</c>, <c>@eq:kaufman</c>, <c>@sec:method</c>, <c>@tbl:runs</c>: a numbered link to a label.</summary>
public sealed class CrossRefInline : LeafInline
{
    public string Label { get; set; } = "";
    public string? Html { get; set; }
}

/// <summary>
/// <c>[@key]</c>, <c>[@a; @b]</c> or with a locator, <c>[@key, §2.3]</c>: numbered citations of the front matter's references.
/// </summary>
public sealed class CitationInline : LeafInline
{
    public List<string> Keys { get; } = [];

    /// <summary>Per key, the part cited (a section, chapter or page), or null for the whole work.</summary>
    public List<string?> Locators { get; } = [];
    public string? Html { get; set; }
}

/// <summary>The report dialect on top of Markdig: embeds, labelled display math, inline math, cross-references and citations.</summary>
public sealed partial class ReportSyntax : IMarkdownExtension
{
    public const int MaxLabelLength = 80;

    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoLinks()
        .Use<ReportSyntax>()
        .Build();

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.BlockParsers.Insert(0, new EmbedBlockParser());
        pipeline.BlockParsers.Insert(0, new DisplayMathBlockParser());
        pipeline.InlineParsers.Insert(0, new EmbedInlineParser());
        pipeline.InlineParsers.Insert(0, new CrossRefParser());
        pipeline.InlineParsers.InsertBefore<LinkInlineParser>(new CitationParser());
        if (!pipeline.InlineParsers.Contains<MathInlineParser>()) pipeline.InlineParsers.InsertBefore<EscapeInlineParser>(new MathInlineParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        html.ObjectRenderers.Insert(0, new Writer<EmbedBlock>(b => b.Html ?? ""));
        html.ObjectRenderers.Insert(0, new Writer<EmbedInline>(b => b.Html ?? ""));
        html.ObjectRenderers.Insert(0, new Writer<DisplayMathBlock>(b => b.Html ?? MathHtml(b.Tex, true)));
        html.ObjectRenderers.Insert(0, new Writer<CrossRefInline>(b => b.Html ?? EmbedHtml.E("@" + b.Label)));
        html.ObjectRenderers.Insert(0, new Writer<CitationInline>(b => b.Html ?? ""));
        html.ObjectRenderers.Insert(0, new Writer<MathInline>(m => MathHtml(m.Content.ToString(), m.DelimiterCount > 1)));
    }

    /// <summary>Math as the browser's KaTeX finds it: the TeX as text, never as markup.</summary>
    public static string MathHtml(string tex, bool display) =>
        $"<span class=\"math-tex\" data-display=\"{(display ? "true" : "false")}\">{EmbedHtml.E(tex.Trim())}</span>";

    /// <summary>The element id of a label: <c>fig:eps</c> → <c>fig-eps</c>.</summary>
    public static string IdOf(string label) => LabelChars().Replace(label, "-");

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex LabelChars();

    [GeneratedRegex(@"^(fig|eq|sec|tbl):[A-Za-z0-9_][A-Za-z0-9_.:-]*")]
    internal static partial Regex CrossRefPattern();

    [GeneratedRegex(@"^\[@[A-Za-z0-9_][A-Za-z0-9_:./-]*(\s*,\s*[^;\[\]@]{1,80})?(\s*;\s*@[A-Za-z0-9_][A-Za-z0-9_:./-]*(\s*,\s*[^;\[\]@]{1,80})?)*\]")]
    private static partial Regex CitationPattern();

    [GeneratedRegex(@"^\s*\{#(eq:[A-Za-z0-9_][A-Za-z0-9_.:-]*)\}\s*$")]
    private static partial Regex EquationLabel();

    private sealed class Writer<T>(Func<T, string> html) : HtmlObjectRenderer<T> where T : MarkdownObject
    {
        protected override void Write(HtmlRenderer renderer, T obj) => renderer.Write(html(obj));
    }

    private sealed class EmbedBlockParser : BlockParser
    {
        public EmbedBlockParser() => OpeningCharacters = ['{'];

        public override BlockState TryOpen(BlockProcessor processor)
        {
            if (processor.IsCodeIndent) return BlockState.None;
            var text = processor.Line.ToString().Trim();
            if (!text.StartsWith("{{", StringComparison.Ordinal) || !text.EndsWith("}}", StringComparison.Ordinal) || text.IndexOf("}}", StringComparison.Ordinal) != text.Length - 2)
                return BlockState.None;
            processor.NewBlocks.Push(new EmbedBlock(this) { Raw = text, Line = processor.LineIndex, Column = processor.Column, Span = new SourceSpan(processor.Start, processor.Line.End) });
            return BlockState.BreakDiscard;
        }
    }

    private sealed class DisplayMathBlockParser : BlockParser
    {
        public DisplayMathBlockParser() => OpeningCharacters = ['$'];

        public override BlockState TryOpen(BlockProcessor processor)
        {
            if (processor.IsCodeIndent) return BlockState.None;
            var text = processor.Line.ToString().Trim();
            if (!text.StartsWith("$$", StringComparison.Ordinal)) return BlockState.None;
            var block = new DisplayMathBlock(this) { Line = processor.LineIndex, Column = processor.Column, Span = new SourceSpan(processor.Start, processor.Line.End) };
            processor.NewBlocks.Push(block);
            return Take(block, text[2..]) ? BlockState.BreakDiscard : BlockState.Continue;
        }

        public override BlockState TryContinue(BlockProcessor processor, Block block)
        {
            var math = (DisplayMathBlock)block;
            math.Span = new SourceSpan(math.Span.Start, processor.Line.End);
            return Take(math, processor.Line.ToString()) ? BlockState.BreakDiscard : BlockState.Continue;
        }

        /// <summary>Adds a line to the formula; true when it held the closing <c>$$</c> (and perhaps a label).</summary>
        private static bool Take(DisplayMathBlock block, string line)
        {
            var close = line.IndexOf("$$", StringComparison.Ordinal);
            block.Tex += (block.Tex.Length > 0 ? "\n" : "") + (close < 0 ? line : line[..close]);
            if (close < 0) return false;
            block.Closed = true;
            var rest = line[(close + 2)..];
            if (EquationLabel().Match(rest) is { Success: true } m) block.Label = m.Groups[1].Value;
            else if (rest.Trim().Length > 0) block.Tex += " " + rest.Trim(); // not a label: keep it visible rather than drop it
            return true;
        }
    }

    private sealed class EmbedInlineParser : InlineParser
    {
        public EmbedInlineParser() => OpeningCharacters = ['{'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            if (slice.PeekChar() != '{') return false;
            var start = slice.Start;
            var end = slice.Text.IndexOf("}}", start + 2, slice.End - start - 1, StringComparison.Ordinal);
            if (end < 0) return false;
            var raw = slice.Text[start..(end + 2)];
            if (raw.Contains('\n')) return false;
            processor.Inline = new EmbedInline { Raw = raw, Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), end + 1), Line = line, Column = column };
            slice.Start = end + 2;
            return true;
        }
    }

    private sealed class CrossRefParser : InlineParser
    {
        public CrossRefParser() => OpeningCharacters = ['@'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            var before = slice.PeekCharExtra(-1);
            if (char.IsLetterOrDigit(before) || before is '_' or '.' or '[' or '@') return false;
            var rest = slice.Text.AsSpan(slice.Start + 1, slice.End - slice.Start);
            var m = CrossRefPattern().Match(rest.ToString());
            if (!m.Success || m.Length > MaxLabelLength) return false;
            var label = m.Value.TrimEnd('.', ':', '-'); // a sentence's full stop is not part of the label
            var start = slice.Start;
            processor.Inline = new CrossRefInline { Label = label, Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), start + label.Length), Line = line, Column = column };
            slice.Start = start + 1 + label.Length;
            return true;
        }
    }

    private sealed class CitationParser : InlineParser
    {
        public CitationParser() => OpeningCharacters = ['['];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            if (slice.PeekChar() != '@') return false;
            var m = CitationPattern().Match(slice.Text, slice.Start, Math.Min(slice.End - slice.Start + 1, 2000));
            if (!m.Success) return false;
            var citation = new CitationInline { Span = new SourceSpan(processor.GetSourcePosition(slice.Start, out var line, out var column), slice.Start + m.Length - 1), Line = line, Column = column };
            foreach (var cite in m.Value[1..^1].Split(';', StringSplitOptions.TrimEntries))
            {
                var comma = cite.IndexOf(',');
                citation.Keys.Add(comma < 0 ? cite[1..] : cite[1..comma].TrimEnd());
                citation.Locators.Add(comma < 0 ? null : cite[(comma + 1)..].Trim());
            }
            processor.Inline = citation;
            slice.Start += m.Length;
            return true;
        }
    }
}
