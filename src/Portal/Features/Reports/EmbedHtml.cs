using System.Text;
using Portal.Components.Charts;
using Portal.Features.Runs;
using Shared.Results;

namespace Portal.Features.Reports;

/// <summary>
/// The HTML of embeds, written by the portal (never by the author) and inserted after sanitizing: every piece of
/// text in it, from the run or from the report, is encoded here.
/// </summary>
public static class EmbedHtml
{
    public static string Error(string kind, string message, bool block)
    {
        var tag = block ? "div" : "span";
        return $"<{tag} class=\"embed-error\" role=\"note\" data-testid=\"embed-error\">⚠ {E(kind)}: {E(message)}</{tag}>";
    }

    /// <summary>A run that has no result (yet): what it is doing, or how it ended.</summary>
    public static string NoResult(EmbeddedRun run, string kind, bool block)
    {
        if (run.Status is RunStatus.Queued or RunStatus.Running)
        {
            var tag = block ? "div" : "span";
            return $"<{tag} class=\"embed-pending\" data-testid=\"embed-pending\">⏳ {E(run.Title)} is {E(run.Status.ToString().ToLowerInvariant())} ({(int)(run.Progress * 100)} %): the {E(kind)} appears when it finishes.</{tag}>";
        }
        return Error(kind, $"{run.Title} ended {run.Status.ToString().ToLowerInvariant()} without a result.", block);
    }

    public static string Metric(EmbeddedRun run, Metric m) =>
        $"<span class=\"embed-metric\" title=\"{E(m.Label)} · {E(run.Title)}\" data-testid=\"embed-metric\">{E(Numbers.WithError(m.Value, m.Error))}{(string.IsNullOrEmpty(m.Unit) ? "" : " " + E(m.Unit))}</span>";

    public static string Checks(EmbeddedRun run, IReadOnlyList<Check> checks)
    {
        var failed = checks.Count(c => !c.Agrees);
        var sb = new StringBuilder("<div class=\"embed-checks\" data-testid=\"embed-checks\">");
        sb.Append($"<p class=\"verdict {(failed == 0 ? "agrees" : "disagrees")}\">{(failed == 0 ? "✔ Simulation and theory agree" : $"✘ {failed} of {checks.Count} checks disagree")}: {E(run.Title)}</p>");
        sb.Append("<table><thead><tr><th></th><th>Check</th><th>Simulated</th><th>Reference</th><th>Deviation</th><th>Criterion</th></tr></thead><tbody>");
        foreach (var c in checks)
            sb.Append($"<tr><td>{(c.Agrees ? "✔" : "✘")}</td><td>{E(c.Name)}</td><td>{E(Numbers.WithError(c.Simulated, c.Error))}</td><td>{E(Numbers.Format(c.Reference))}</td><td>{E(Numbers.Deviation(c))}</td><td>{E(c.Criterion)}</td></tr>");
        return sb.Append("</tbody></table></div>").ToString();
    }

    public static string Table(string? id, int number, string captionHtml, IReadOnlyList<string> headers, IReadOnlyList<(EmbeddedRun Run, string?[] Cells)> rows)
    {
        var sb = new StringBuilder($"<div class=\"embed-table\"{(id is null ? "" : $" id=\"{E(id)}\"")} data-testid=\"embed-table\"><table>");
        sb.Append($"<caption><span class=\"tbl-label\">Table {number}.</span> {captionHtml}</caption><thead><tr><th>Run</th>");
        foreach (var h in headers) sb.Append($"<th>{E(h)}</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var (run, cells) in rows)
        {
            sb.Append($"<tr><td>{E(run.Title)}</td>");
            foreach (var cell in cells) sb.Append($"<td>{(cell is null ? "–" : E(cell))}</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table></div>").ToString();
    }

    public static string StaticFigure(FigureEmbed f) =>
        $"<figure class=\"report-figure\"{(f.Id is null ? "" : $" id=\"{E(f.Id)}\"")}><div class=\"figure-static\">{FigureSvg.Render(f.Figure)}</div>{Caption(f)}</figure>";

    public static string Caption(FigureEmbed f) =>
        $"<figcaption><span class=\"fig-label\">Figure {f.Number}.</span> {f.CaptionHtml} <span class=\"fig-source\">({E(f.RunTitle)})</span></figcaption>";

    /// <summary>Encodes the five characters that matter in text and attributes, and keeps the rest (±, ε, …) readable.</summary>
    public static string E(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return sb.ToString();
    }
}
