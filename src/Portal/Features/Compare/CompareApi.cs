using System.Security.Claims;
using Portal.Features.Api;
using Portal.Features.Workspaces;

namespace Portal.Features.Compare;

/// <summary>The JSON of a comparison: spec differences, metrics side by side and the runs' check verdicts.</summary>
public sealed record ComparisonDto(IReadOnlyList<ComparedRunDto> Runs, int Hidden, string? HiddenMessage, IReadOnlyList<string> Differing,
    IReadOnlyList<SpecRow> Spec, IReadOnlyList<MetricRow> Metrics, IReadOnlyList<string> Figures, string Permalink);

public sealed record ComparedRunDto(Guid Id, string Label, string ModelType, string? Model, int? ModelVersion, long Seed, string Status,
    IReadOnlyDictionary<string, int> Checks, string Permalink);

public static class CompareApi
{
    public static void MapCompareApi(this RouteGroupBuilder api)
    {
        api.MapGet("/compare", async (string? runs, ClaimsPrincipal user, CompareService service, CancellationToken ct) =>
        {
            var (ids, error) = CompareSelection.Parse(runs);
            if (error is not null) return ApiResults.From(Outcome<Comparison>.Invalid([error]));
            var c = await service.CompareAsync(Caller.From(user)!, ids, ct);
            // None readable: the same answer as for a single run one may not see.
            if (c.Runs.Count == 0)
                return Results.Problem($"None of the {ids.Count} runs can be shown: they do not exist or you may not read them.", statusCode: StatusCodes.Status404NotFound);
            return Results.Ok(new ComparisonDto(
                c.Runs.Select(r => new ComparedRunDto(r.Id, r.Label, r.ModelType, r.Model, r.ModelVersion, r.Seed, r.Status.ToString(),
                    r.Checks.ToDictionary(k => k.Key.ToString(), k => k.Value), r.Permalink)).ToList(),
                c.Hidden, c.HiddenMessage, c.Spec.Where(s => s.Differs).Select(s => s.Name).ToList(), c.Spec, c.Metrics,
                c.Figures.Select(f => f.Figure.Id).ToList(), CompareSelection.Link(c.Runs.Select(r => r.Id))));
        }).WithTags("Runs")
          .WithSummary($"Compare 2 to {CompareSelection.MaxRuns} runs (runs=id,id,…): which parameters differ, metrics side by side, check verdicts; runs the caller may not read are counted in hidden, never shown.");
    }
}
