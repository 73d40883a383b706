using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Portal.Features.Runs;
using Shared.Results;

namespace Portal.Features.Reports;

/// <summary>
/// One rendering's numbering and embeds: walks the parsed document in reading order, numbers sections, figures,
/// tables and labelled equations, resolves embeds into trusted HTML kept aside in slots, then links the
/// cross-references and citations.
/// </summary>
internal sealed partial class RenderContext(
    IReadOnlyDictionary<Guid, EmbeddedRun> runs, string missing, IReadOnlyList<Reference> references, List<string> problems, int bodyLine, IReadOnlySet<Guid> allowedRuns)
{
    private readonly List<string> _slots = [];
    private readonly Dictionary<string, (string Text, string Id)> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _cited = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private int _figures, _tables, _equations;

    /// <summary>Top-level figure embeds that resolved: a live view draws them as charts.</summary>
    public Dictionary<Block, FigureEmbed> Figures { get; } = [];

    public Dictionary<Guid, UsedParts> Used { get; } = [];

    /// <summary>Every embed in reading order: its source text, its HTML and its figure (for exports as Markdown).</summary>
    public List<EmbedExport> Exports { get; } = [];

    private FigureEmbed? _lastFigure;

    public void Annotate(MarkdownDocument document, Dictionary<MarkdownObject, EmbedSpec> specs)
    {
        var headings = document.Descendants<HeadingBlock>().ToList();
        var baseLevel = headings.Count > 0 ? headings.Min(h => h.Level) : 1;
        var counters = new int[7];
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HeadingBlock h:
                    Heading(h, baseLevel, counters);
                    break;
                case EmbedBlock b:
                    b.Html = Embed(specs[b], b, block: true, topLevel: b.Parent is MarkdownDocument);
                    break;
                case EmbedInline i:
                    i.Html = Embed(specs[i], i, block: false, topLevel: false);
                    break;
                case DisplayMathBlock m:
                    m.Html = Equation(m);
                    break;
            }
        }
        foreach (var node in document.Descendants())
        {
            if (node is CrossRefInline x) x.Html = CrossRef(x);
            else if (node is CitationInline c) c.Html = Cite(c);
        }
        LinkCaptions();
    }

    /// <summary>Captions are rendered before every label is known: their @fig:… references are linked now.</summary>
    private void LinkCaptions()
    {
        for (var i = 0; i < Exports.Count; i++)
        {
            if (Exports[i].Figure is not { } figure) continue;
            var linked = figure with
            {
                CaptionHtml = CaptionRef().Replace(figure.CaptionHtml, m => _labels.TryGetValue(m.Groups[1].Value, out var t)
                    ? $"<a class=\"xref\" href=\"#{t.Id}\">{E(t.Text)}</a>" : m.Value),
            };
            var slot = _slots.IndexOf(Exports[i].Html);
            if (slot >= 0) _slots[slot] = linked.StaticHtml;
            Exports[i] = Exports[i] with { Html = linked.StaticHtml, Figure = linked };
            foreach (var block in Figures.Where(kv => ReferenceEquals(kv.Value, figure)).Select(kv => kv.Key).ToList()) Figures[block] = linked;
        }
    }

    /// <summary>Puts the embeds' HTML into their slots of sanitized HTML.</summary>
    public string Fill(string sanitized) => Slot().Replace(sanitized, m =>
        int.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var i) && i < _slots.Count ? _slots[i] : "");

    private void Heading(HeadingBlock h, int baseLevel, int[] counters)
    {
        string? label = null;
        var numbered = true;
        // The suffix may span several literals: a '{' starts one, as it might open an embed.
        var tail = new List<LiteralInline>();
        for (var x = h.Inline?.LastChild; x is LiteralInline l; x = x.PreviousSibling) tail.Insert(0, l);
        var text = string.Concat(tail.Select(l => l.Content.ToString()));
        if (HeadingSuffix().Match(text) is { Success: true } m)
        {
            foreach (var l in tail.Skip(1)) l.Remove();
            if (tail.Count > 0) tail[0].Content = new Markdig.Helpers.StringSlice(text[..m.Index]);
            if (m.Groups[1].Value == "-") numbered = false;
            else label = m.Groups[1].Value[1..];
        }
        var title = Plain(h.Inline);
        var id = Unique(label is null ? "sec-" + Slug(title) : ReportSyntax.IdOf(label));
        h.GetAttributes().Id = id;
        if (!numbered)
        {
            if (label is not null) _labels.TryAdd(label, ($"“{title}”", id));
            return;
        }
        var depth = Math.Clamp(h.Level - baseLevel, 0, 5);
        counters[depth]++;
        for (var i = depth + 1; i < counters.Length; i++) counters[i] = 0;
        var number = string.Join('.', counters.Take(depth + 1).Select(c => c.ToString(CultureInfo.InvariantCulture)));
        var first = h.Inline?.FirstChild;
        var numberInline = new HtmlInline($"<span class=\"secnum\">{number}</span> ");
        if (first is null) h.Inline?.AppendChild(numberInline);
        else first.InsertBefore(numberInline);
        if (label is not null && !_labels.TryAdd(label, ($"Section {number}", id))) Problem(h.Line, $"the label {label} is used twice.");
    }

    private string Equation(DisplayMathBlock m)
    {
        if (!m.Closed) Problem(m.Line, "a display formula that starts with $$ is never closed by $$.");
        if (m.Label is null) return $"<div class=\"equation\">{ReportSyntax.MathHtml(m.Tex, true)}</div>";
        var number = ++_equations;
        var id = Unique(ReportSyntax.IdOf(m.Label));
        if (!_labels.TryAdd(m.Label, ($"Eq. ({number})", id))) Problem(m.Line, $"the label {m.Label} is used twice.");
        return $"<div class=\"equation\" id=\"{id}\">{ReportSyntax.MathHtml(m.Tex, true)}<span class=\"eq-number\">({number})</span></div>";
    }

    private string Embed(EmbedSpec spec, MarkdownObject node, bool block, bool topLevel)
    {
        _lastFigure = null;
        var html = Resolve(spec, node, block, topLevel);
        Exports.Add(new EmbedExport(node is EmbedBlock b ? b.Raw : ((EmbedInline)node).Raw, html, _lastFigure));
        _slots.Add(html);
        var tag = block ? "div" : "span";
        return $"<{tag} class=\"embed-slot\" data-slot=\"{_slots.Count - 1}\"></{tag}>";
    }

    private string Resolve(EmbedSpec spec, MarkdownObject node, bool block, bool topLevel)
    {
        var kind = string.IsNullOrEmpty(spec.Kind) ? "embed" : spec.Kind;
        string Fail(string message)
        {
            Problem(node.Line, $"{kind}: {message}");
            return EmbedHtml.Error(kind, message, block);
        }
        if (spec.Error is not null) return Fail(spec.Error);
        if (kind is "figure" or "checks" or "table" && !block) return Fail($"a {kind} embed must stand on a line of its own.");
        if (kind == "table") return Table(spec, Fail);

        var id = spec.Run!.Value;
        if (!allowedRuns.Contains(id)) return Fail($"a report may name at most {ReportRenderer.MaxRuns} different runs.");
        var used = UsedOf(id);
        if (!runs.TryGetValue(id, out var run)) return Fail($"run {id.ToString()[..8]}… {missing}");
        var name = spec.Arg("name") ?? "";
        switch (kind)
        {
            case "metric":
                used.Metrics.Add(name);
                if (run.Result is null) return EmbedHtml.NoResult(run, kind, block);
                return run.Result.Metrics.FirstOrDefault(m => m.Name == name) is { } metric
                    ? EmbedHtml.Metric(run, metric)
                    : Fail($"{run.Title} has no metric “{name}”; it has {List(run.Result.Metrics.Select(m => m.Name))}.");
            case "checks":
                used.Checks = true;
                if (run.Result is null) return EmbedHtml.NoResult(run, kind, block);
                return run.Result.Checks.Count > 0 ? EmbedHtml.Checks(run, run.Result.Checks) : Fail($"{run.Title} has no checks.");
            default:
                used.Figures.Add(name);
                Figure? figure = null;
                if (run.Result is not null && (figure = run.Result.Figures.FirstOrDefault(f => f.Id == name)) is null)
                    return Fail($"{run.Title} has no figure “{name}”; it has {List(run.Result.Figures.Select(f => f.Id))}.");
                // A figure of a run still computing keeps its number and label: references to it stay right when it appears.
                var number = ++_figures;
                string? elementId = null;
                if (spec.Label is { } label)
                {
                    elementId = Unique(ReportSyntax.IdOf(label));
                    if (!_labels.TryAdd(label, ($"Figure {number}", elementId))) Problem(node.Line, $"the label {label} is used twice.");
                }
                if (figure is null) return $"<div{(elementId is null ? "" : $" id=\"{elementId}\"")}>{EmbedHtml.NoResult(run, kind, block)}</div>";
                var caption = spec.Arg("caption") is { Length: > 0 } c ? ReportRenderer.Fragment(c, inline: true) : EmbedHtml.E(figure.Caption ?? figure.Title);
                var embed = _lastFigure = new FigureEmbed(elementId, number, figure, caption, run.Title, run.Href);
                if (topLevel && node is Block b) Figures[b] = embed;
                return embed.StaticHtml;
        }
    }

    private string Table(EmbedSpec spec, Func<string, string> fail)
    {
        var parts = (spec.Arg("runs") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return fail("runs=<id>,<id> names no run.");
        if (parts.Length > ReportRenderer.MaxTableRuns) return fail($"a table may list at most {ReportRenderer.MaxTableRuns} runs.");
        if (parts.FirstOrDefault(p => !Guid.TryParse(p, out _)) is { } bad) return fail($"“{(bad.Length > 40 ? bad[..40] + "…" : bad)}” in runs is not a run id.");
        var ids = parts.Select(Guid.Parse).ToList();
        if (ids.FirstOrDefault(id => !allowedRuns.Contains(id)) is var over && over != Guid.Empty) return fail($"a report may name at most {ReportRenderer.MaxRuns} different runs.");
        if (ids.FirstOrDefault(id => !runs.ContainsKey(id)) is var missingId && missingId != Guid.Empty) return fail($"run {missingId.ToString()[..8]}… {missing}");
        var rows = ids.Select(id => runs[id]).ToList();
        var names = spec.Arg("metrics") is { Length: > 0 } m
            ? m.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList()
            : rows.FirstOrDefault(r => r.Result is not null)?.Result!.Metrics.Select(x => x.Name).Take(8).ToList() ?? [];
        if (names.Count > 12) return fail("a table may show at most 12 metrics.");
        foreach (var id in ids) UsedOf(id).Metrics.UnionWith(names);
        var all = rows.Where(r => r.Result is not null).SelectMany(r => r.Result!.Metrics).ToList();
        if (names.FirstOrDefault(n => all.Count > 0 && all.All(x => x.Name != n)) is { } unknown)
            return fail($"no run of the table has a metric “{unknown}”; they have {List(all.Select(x => x.Name).Distinct())}.");
        var headers = names.Select(n => all.FirstOrDefault(x => x.Name == n) is { } x ? (string.IsNullOrEmpty(x.Unit) ? x.Label : $"{x.Label} ({x.Unit})") : n).ToList();
        var cells = rows.Select(r => (r, names.Select(n => r.Result?.Metrics.FirstOrDefault(x => x.Name == n) is { } x ? Numbers.WithError(x.Value, x.Error)
            : r.Result is null ? r.Status.ToString().ToLowerInvariant() : null).ToArray())).ToList();
        var number = ++_tables;
        string? elementId = null;
        if (spec.Label is { } label)
        {
            elementId = Unique(ReportSyntax.IdOf(label));
            _labels.TryAdd(label, ($"Table {number}", elementId));
        }
        var caption = spec.Arg("caption") is { Length: > 0 } c ? ReportRenderer.Fragment(c, inline: true) : "";
        return EmbedHtml.Table(elementId, number, caption, headers, cells);
    }

    private string CrossRef(CrossRefInline x)
    {
        if (_labels.TryGetValue(x.Label, out var target)) return $"<a class=\"xref\" href=\"#{target.Id}\">{EmbedHtml.E(target.Text)}</a>";
        Problem(x.Line, $"@{x.Label} refers to no label of this report.");
        return $"<span class=\"embed-error\" data-testid=\"xref-error\">⚠ @{EmbedHtml.E(x.Label)}?</span>";
    }

    private string Cite(CitationInline c)
    {
        var parts = new List<string>();
        for (var i = 0; i < c.Keys.Count; i++)
        {
            var key = c.Keys[i];
            var locator = c.Locators[i] is { } l ? ", " + EmbedHtml.E(l) : "";
            if (references.All(r => r.Key != key))
            {
                Problem(c.Line, $"[@{key}] cites no entry of the references.");
                parts.Add($"<span class=\"embed-error\">⚠ {EmbedHtml.E(key)}?</span>");
                continue;
            }
            if (!_cited.TryGetValue(key, out var n)) _cited[key] = n = _cited.Count + 1;
            parts.Add($"<a class=\"cite\" href=\"#ref-{ReportSyntax.IdOf(key)}\">{n}</a>{locator}");
        }
        // With locators a comma belongs to the locator, so the cited works are separated by semicolons.
        var separator = c.Locators.Any(l => l is not null) ? "; " : ", ";
        return $"<span class=\"citation\">[{string.Join(separator, parts)}]</span>";
    }

    /// <summary>The cited references, numbered in order of first citation, with DOI and arXiv links.</summary>
    public string BibliographyHtml()
    {
        if (_cited.Count == 0) return "";
        var sb = new StringBuilder("<section class=\"references\" id=\"references\"><h2>References</h2><ol>");
        foreach (var (key, _) in _cited.OrderBy(kv => kv.Value))
        {
            var r = references.First(x => x.Key == key);
            sb.Append($"<li id=\"ref-{ReportSyntax.IdOf(key)}\">");
            var parts = new List<string>();
            if (r.Authors is { } a) parts.Add(E(a));
            if (r.Title is { } t) parts.Add($"“{E(t)}”");
            var where = string.Join(" ", new[] { r.Journal is null ? null : $"<em>{E(r.Journal)}</em>", r.Volume is null ? null : $"<strong>{E(r.Volume)}</strong>", r.Pages is null ? null : E(r.Pages) }.Where(x => x is not null));
            if (where.Length > 0) parts.Add(where);
            sb.Append(string.Join(", ", parts)).Append(r.Year is null ? "" : $" ({E(r.Year)})").Append('.');
            if (r.Doi is { } doi) sb.Append($" <a href=\"https://doi.org/{E(doi)}\">doi:{E(doi)}</a>");
            if (r.Arxiv is { } arxiv) sb.Append($" <a href=\"https://arxiv.org/abs/{E(arxiv)}\">arXiv:{E(arxiv)}</a>");
            if (r.Url is { } url && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
                sb.Append($" <a href=\"{E(url)}\">{E(url.Length > 60 ? url[..60] + "…" : url)}</a>");
            sb.Append("</li>");
        }
        return sb.Append("</ol></section>").ToString();
    }

    private UsedParts UsedOf(Guid id) => Used.TryGetValue(id, out var u) ? u : Used[id] = new UsedParts();

    private void Problem(int line, string message) => problems.Add($"Line {bodyLine + line}: {message}");

    private string Unique(string id)
    {
        var candidate = id;
        for (var i = 2; !_ids.Add(candidate); i++) candidate = $"{id}-{i}";
        return candidate;
    }

    private static string E(string text) => EmbedHtml.E(text);

    private static string List(IEnumerable<string> names)
    {
        var all = names.ToList();
        return all.Count == 0 ? "none" : string.Join(", ", all.Take(12)) + (all.Count > 12 ? ", …" : "");
    }

    private static string Plain(ContainerInline? inline)
    {
        var sb = new StringBuilder();
        foreach (var x in inline?.Descendants<LeafInline>() ?? [])
            sb.Append(x switch { LiteralInline l => l.Content.ToString(), CodeInline c => c.Content, _ => "" });
        return sb.ToString().Trim();
    }

    private static string Slug(string title)
    {
        var slug = NonWord().Replace(title.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "section" : slug.Length > 60 ? slug[..60] : slug;
    }

    [GeneratedRegex(@"\s*\{(-|#sec:[A-Za-z0-9_][A-Za-z0-9_.:-]*)\}\s*$")]
    private static partial Regex HeadingSuffix();

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"(?<![\w@.\[/])@((?:fig|eq|sec|tbl):[A-Za-z0-9_](?:[A-Za-z0-9_.:-]*[A-Za-z0-9_])?)")]
    private static partial Regex CaptionRef();

    [GeneratedRegex("<(span|div) class=\"embed-slot\" data-slot=\"(\\d+)\"></\\1>")]
    private static partial Regex Slot();
}
