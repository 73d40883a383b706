using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Features.Api;

/// <summary>
/// The order and the one-line descriptions of the API reference's sections: the science first (model types, models,
/// runs, sweeps, reports), then collaboration, administration, and signing in last.
/// </summary>
public sealed class ApiTagOrder : IOpenApiDocumentTransformer
{
    private static readonly (string Name, string Description)[] Sections =
    [
        ("Model types", "The model types and their parameter schemas."),
        ("Models", "Models: a model type with parameters, versioned."),
        ("Runs", "Runs of a model version with a seed: status, progress, result documents, exports, comparisons."),
        ("Sweeps", "Sweeps over one or two parameters with seeds, aggregated into curves and phase diagrams."),
        ("Reports", "Reports in paper and talk form that embed live results, with published versions."),
        ("Sessions", "Sessions (seminars, workshops) that list talks."),
        ("Data sets", "Uploaded binary data sets for the models that learn from data."),
        ("Workspaces", "Workspaces, members, invitations and the activity log."),
        ("Comments", "Discussions of runs, models and reports, and mentions."),
        ("Share links", "Unguessable, revocable read-only links."),
        ("Access tokens", "Personal access tokens for scripts."),
        ("Admin", "Administration (admins only)."),
        ("Authentication", "Signing in and out, registration."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var used = document.Tags?.Select(t => t.Name).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        var ordered = Sections.Where(s => used.Contains(s.Name)).Select(s => new OpenApiTag { Name = s.Name, Description = s.Description })
            .Concat(used.Except(Sections.Select(s => s.Name)).Order(StringComparer.Ordinal).Select(name => new OpenApiTag { Name = name }));
        document.Tags = new HashSet<OpenApiTag>(ordered);
        return Task.CompletedTask;
    }
}
