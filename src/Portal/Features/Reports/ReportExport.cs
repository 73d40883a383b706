using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Portal.Components.Charts;

namespace Portal.Features.Reports;

/// <summary>
/// A published version as files: <c>report.md</c> (the source with each embed replaced by what it showed:
/// figures as image links, numbers as text, tables as Markdown tables), <c>figures/</c> (SVG and the figure data as
/// JSON), <c>source.md</c> (as written) and <c>report.html</c> (the self-contained paper).
/// </summary>
public static partial class ReportExport
{
    public static string FileName(ReportVersion version, string extension)
    {
        var slug = NonWord().Replace(version.Title.ToLowerInvariant(), "-").Trim('-');
        return $"{(slug.Length == 0 ? "report" : slug.Length > 60 ? slug[..60] : slug)}-v{version.Version}.{extension}";
    }

    public static async Task<byte[]> ZipAsync(ReportVersion version, ReportAssets assets, CancellationToken ct)
    {
        var rendered = await ReportService.RenderVersionAsync(version, ct);
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
            Add("report.md", Markdown(version.Source, rendered));
            Add("source.md", version.Source);
            Add("report.html", ReportDocument.Standalone(version.Title, version.Html, assets));
            foreach (var figure in rendered.Embeds.Select(e => e.Figure).OfType<FigureEmbed>())
            {
                Add($"figures/{FigureFile(figure)}.svg", FigureSvg.Render(figure.Figure));
                Add($"figures/{FigureFile(figure)}.json", System.Text.Json.JsonSerializer.Serialize(figure.Figure, Shared.Results.ResultJson.Options));
            }
        }
        return memory.ToArray();
    }

    private static string FigureFile(FigureEmbed f) => $"figure-{f.Number}-{NonWord().Replace(f.Figure.Id, "-")}";

    /// <summary>The source with every embed (in reading order) replaced by Markdown of what it rendered.</summary>
    public static string Markdown(string source, RenderedReport rendered)
    {
        var sb = new StringBuilder();
        var at = 0;
        foreach (var embed in rendered.Embeds)
        {
            var i = source.IndexOf(embed.Raw, at, StringComparison.Ordinal);
            if (i < 0) continue;
            sb.Append(source, at, i - at).Append(embed.Figure is { } f
                ? $"![Figure {f.Number}. {Text(f.CaptionHtml)}](figures/{FigureFile(f)}.svg)"
                : FromHtml(embed.Html));
            at = i + embed.Raw.Length;
        }
        return sb.Append(source, at, source.Length - at).ToString();
    }

    /// <summary>An embed's HTML as Markdown: its paragraphs as text and its tables as pipe tables.</summary>
    private static string FromHtml(string html)
    {
        var body = new HtmlParser().ParseDocument("<body>" + html + "</body>").Body!;
        var tables = body.QuerySelectorAll("table").ToList();
        if (tables.Count == 0) return body.TextContent.Trim();
        var sb = new StringBuilder();
        foreach (var p in body.QuerySelectorAll("p, caption")) sb.Append(p.TextContent.Trim()).Append("\n\n");
        foreach (var table in tables)
        {
            var rows = table.QuerySelectorAll("tr").Select(r => r.Children.Select(c => c.TextContent.Trim().Replace("|", "\\|")).ToList()).ToList();
            for (var r = 0; r < rows.Count; r++)
            {
                sb.Append("| ").Append(string.Join(" | ", rows[r])).Append(" |\n");
                if (r == 0) sb.Append('|').Append(string.Concat(rows[r].Select(_ => "---|"))).Append('\n');
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static string Text(string html) => new HtmlParser().ParseDocument("<body>" + html + "</body>").Body!.TextContent.Trim();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
