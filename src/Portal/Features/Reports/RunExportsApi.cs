using System.Globalization;
using System.Security.Claims;
using System.Text;
using Portal.Components.Charts;
using Portal.Features.Api;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
using Shared.Results;

namespace Portal.Features.Reports;

/// <summary>Downloads of a run's result: the document as JSON, metrics and series as CSV, each figure as SVG (for whoever may read the run).</summary>
public static class RunExportsApi
{
    public static void MapRunExportsApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs/{id:guid}/export").WithTags("Runs");
        runs.MapGet("/result.json", (Guid id, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
            WithResult(id, user, service, ct, (run, _) => Results.File(Encoding.UTF8.GetBytes(run.ResultJson!), "application/json", $"run-{Short(run)}-result.json")))
            .WithSummary("The result document as a JSON file.");
        runs.MapGet("/metrics.csv", (Guid id, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
            WithResult(id, user, service, ct, (run, doc) => Csv($"run-{Short(run)}-metrics.csv", MetricsCsv(doc))))
            .WithSummary("The metrics as CSV: name, label, value, error, unit.");
        runs.MapGet("/series.csv", (Guid id, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
            WithResult(id, user, service, ct, (run, doc) => Csv($"run-{Short(run)}-series.csv", SeriesCsv(doc))))
            .WithSummary("Every series as CSV in long form: series, x, y, error.");
        runs.MapGet("/figures/{name}.svg", (Guid id, string name, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
            WithResult(id, user, service, ct, (run, doc) => doc.Figures.FirstOrDefault(f => f.Id == name) is { } figure
                ? Results.File(Encoding.UTF8.GetBytes(FigureSvg.Render(figure)), "image/svg+xml", $"run-{Short(run)}-{name}.svg")
                : Results.Problem($"The run has no figure “{name}”; it has {string.Join(", ", doc.Figures.Select(f => f.Id))}.", statusCode: StatusCodes.Status404NotFound)))
            .WithSummary("One figure as a static SVG image.");
    }

    private static async Task<IResult> WithResult(Guid id, ClaimsPrincipal user, RunService service, CancellationToken ct, Func<Run, ResultDocument, IResult> answer)
    {
        var run = await service.GetAsync(Caller.From(user)!, id, ct);
        if (run is null) return ApiEndpoints.NotFound();
        if (run.Status != RunStatus.Succeeded || run.ResultJson is null)
            return Results.Problem($"The run is {run.Status}; a result exists only for succeeded runs.", statusCode: StatusCodes.Status409Conflict);
        return answer(run, ResultJson.Deserialize(run.ResultJson));
    }

    public static string MetricsCsv(ResultDocument doc)
    {
        var sb = new StringBuilder("name,label,value,error,unit\n");
        foreach (var m in doc.Metrics) sb.AppendJoin(',', Field(m.Name), Field(m.Label), Number(m.Value), m.Error is { } e ? Number(e) : "", Field(m.Unit ?? "")).Append('\n');
        return sb.ToString();
    }

    public static string SeriesCsv(ResultDocument doc)
    {
        var sb = new StringBuilder("series,x_label,y_label,x,y,error\n");
        foreach (var s in doc.Series)
            for (var i = 0; i < Math.Min(s.X.Length, s.Y.Length); i++)
                sb.AppendJoin(',', Field(s.Name), Field(s.XLabel), Field(s.YLabel), Number(s.X[i]), Number(s.Y[i]), s.Error is { } e && i < e.Length ? Number(e[i]) : "").Append('\n');
        return sb.ToString();
    }

    private static IResult Csv(string name, string text) => Results.File(Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", name);

    private static string Short(Run run) => run.Id.ToString()[..8];

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    // RFC 4180 quoting; a leading = + - @ is prefixed so that spreadsheets do not run it as a formula.
    private static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
