using System.Collections.Concurrent;
using Compute;
using Portal.Features.Reports;

namespace Portal.Features.Science;

/// <summary>
/// The science notes of the model types (docs/model-types/{id}.md, embedded in the assembly): setting, exact and
/// published results with their sources, and what each check compares. They are written in the report format, so they
/// render as papers with numbered equations and a reference list.
/// </summary>
public static class ModelTypeNotes
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Sources = new(Load);
    private static readonly ConcurrentDictionary<string, Task<RenderedReport>> Rendered = new(StringComparer.Ordinal);

    /// <summary>The Markdown source of a model type's notes, or null when it has none.</summary>
    public static string? SourceOf(string modelType) => Sources.Value.GetValueOrDefault(modelType);

    /// <summary>A model type's notes as a paper, or null when it has none. Rendered once: the notes never change at run time.</summary>
    public static Task<RenderedReport>? RenderAsync(string modelType) =>
        SourceOf(modelType) is { } source
            // The notes embed no runs; a frozen source with no runs reports any stray embed as a problem.
            ? Rendered.GetOrAdd(modelType, _ => ReportRenderer.RenderAsync(source, new FrozenRunSource(new FrozenEmbeds())))
            : null;

    public static bool Has(string modelType) => Sources.Value.ContainsKey(modelType);

    public static string Href(string modelType) => $"/docs/science/{modelType}";

    private static Dictionary<string, string> Load()
    {
        var assembly = typeof(ModelTypeNotes).Assembly;
        const string prefix = "model-types/";
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            notes[name[prefix.Length..^3]] = reader.ReadToEnd();
        }
        return notes;
    }

    /// <summary>Model types in the registry, in its order, with whether each has notes.</summary>
    public static IEnumerable<(IModelType Type, bool HasNotes)> Index() => ModelRegistry.All.Select(t => (t, Has(t.Info.Id)));
}
