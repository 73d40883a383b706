using System.Text;

namespace Portal.Features.Reports;

/// <summary>
/// A rendered report as an HTML document: the paper's title block (title, authors with numbered affiliations
/// and ORCID links, date, abstract, keywords), the article with figures as SVG, and the self-contained file that
/// an export downloads (styles, KaTeX and its fonts inline).
/// </summary>
public static class ReportDocument
{
    private static string E(string? s) => EmbedHtml.E(s);

    public static string TitleBlock(FrontMatter front, string abstractHtml)
    {
        var sb = new StringBuilder("<header class=\"paper-title\">");
        sb.Append($"<h1 class=\"title\" data-testid=\"paper-title\">{E(front.Title)}</h1>");
        var affiliations = front.Authors.Select(a => a.Affiliation).Where(a => !string.IsNullOrEmpty(a)).Distinct().ToList();
        if (front.Authors.Count > 0)
        {
            sb.Append("<p class=\"authors\">");
            sb.Append(string.Join(", ", front.Authors.Select(a =>
            {
                var mark = a.Affiliation is { Length: > 0 } af ? $"<sup>{affiliations.IndexOf(af) + 1}</sup>" : "";
                var orcid = a.Orcid is null ? "" : $" <a class=\"orcid\" href=\"https://orcid.org/{E(a.Orcid)}\" title=\"ORCID {E(a.Orcid)}\">iD</a>";
                return $"<span class=\"author\">{E(a.Name)}{mark}{orcid}</span>";
            })));
            sb.Append("</p>");
            if (affiliations.Count > 0)
                sb.Append("<p class=\"affiliations\">").Append(string.Join("<br>", affiliations.Select((a, i) => $"<sup>{i + 1}</sup> {E(a)}"))).Append("</p>");
        }
        if (front.Date is { Length: > 0 } date) sb.Append($"<p class=\"date\">{E(date)}</p>");
        if (abstractHtml.Length > 0) sb.Append($"<section class=\"abstract\"><h2>Abstract</h2>{abstractHtml}</section>");
        if (front.Keywords.Count > 0) sb.Append($"<p class=\"keywords\"><strong>Keywords:</strong> {E(string.Join(", ", front.Keywords))}</p>");
        return sb.Append("</header>").ToString();
    }

    /// <summary>The paper as one article: title block and body, every figure as SVG.</summary>
    public static string Article(RenderedReport r) => $"<article class=\"paper\">{TitleBlock(r.Front, r.AbstractHtml)}{r.StaticBody()}</article>";

    /// <summary>
    /// A file that opens anywhere without the portal or a network: the article, the report styles, KaTeX's script,
    /// styles and fonts (as data URIs), and the few lines that typeset the math on load.
    /// </summary>
    public static string Standalone(string title, string articleHtml, ReportAssets assets) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <style>{assets.KatexCss}</style>
        <style>{assets.ReportCss}</style>
        </head>
        <body class="report-export">
        {articleHtml}
        <script>{assets.KatexJs}</script>
        <script>{assets.MathJs}</script>
        <script>portalReports.renderMath(document.body);</script>
        </body>
        </html>
        """;
}
