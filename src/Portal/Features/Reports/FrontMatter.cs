using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Portal.Features.Reports;

public sealed record Author(string Name, string? Affiliation, string? Orcid);

/// <summary>One entry of the bibliography, from the front matter's <c>references:</c> or its <c>bibtex:</c> block.</summary>
public sealed record Reference(string Key, string? Authors, string? Title, string? Journal, string? Year, string? Volume, string? Pages, string? Doi, string? Arxiv, string? Url);

/// <summary>The YAML front matter of a report: title block, abstract, keywords and references.</summary>
public sealed partial record FrontMatter(string Title, IReadOnlyList<Author> Authors, string? Date, string? Abstract, IReadOnlyList<string> Keywords, IReadOnlyList<Reference> References)
{
    public const int MaxLength = 50_000;
    public const string Untitled = "Untitled report";

    public static readonly FrontMatter Empty = new(Untitled, [], null, null, [], []);

    /// <summary>
    /// Splits the source into front matter and body. The front matter is a YAML block between a first line
    /// <c>---</c> and the next line <c>---</c> (or <c>...</c>); problems are reported, never thrown, and leave the
    /// fields they concern empty. <paramref name="bodyLine"/> is the body's first line number (1-based) in the source.
    /// </summary>
    public static (FrontMatter Front, string Body, int BodyLine) Split(string source, List<string> problems)
    {
        var text = source.Replace("\r\n", "\n");
        if (!text.StartsWith("---\n", StringComparison.Ordinal)) return (Empty, text, 1);
        var end = FenceEnd().Match(text, 4);
        if (!end.Success)
        {
            problems.Add("Front matter: the block that starts with --- on the first line is never closed by a line ---.");
            return (Empty, text, 1);
        }
        var yaml = text[4..end.Index];
        var body = text[(end.Index + end.Length)..];
        var bodyLine = 1 + text[..(end.Index + end.Length)].Count(c => c == '\n');
        if (yaml.Length > MaxLength)
        {
            problems.Add($"Front matter: at most {MaxLength} characters (it has {yaml.Length}).");
            return (Empty, body, bodyLine);
        }
        return (Parse(yaml, problems), body, bodyLine);
    }

    private static FrontMatter Parse(string yaml, List<string> problems)
    {
        object? root;
        try
        {
            root = new DeserializerBuilder().Build().Deserialize<object>(yaml);
        }
        catch (YamlException e)
        {
            problems.Add($"Front matter, line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
            return Empty;
        }
        if (root is null) return Empty;
        if (root is not Dictionary<object, object> map)
        {
            problems.Add("Front matter: expected fields such as “title: …”, one per line.");
            return Empty;
        }
        string? Text(string key) => map.TryGetValue(key, out var v) ? Scalar(v, key, problems) : null;

        var references = new List<Reference>();
        if (map.TryGetValue("references", out var refs)) references.AddRange(ReferencesFrom(refs, problems));
        if (Text("bibtex") is { } bib) references.AddRange(Bibtex.Parse(bib, problems));
        var duplicates = references.GroupBy(r => r.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var key in duplicates) problems.Add($"References: the key “{key}” is defined more than once; the first definition is used.");

        var title = Text("title")?.Trim();
        if (title is { Length: > Report.MaxTitleLength }) problems.Add($"Front matter: title must be at most {Report.MaxTitleLength} characters.");
        return new FrontMatter(
            string.IsNullOrWhiteSpace(title) ? Untitled : title.Length > Report.MaxTitleLength ? title[..Report.MaxTitleLength] : title,
            map.TryGetValue("authors", out var a) ? AuthorsFrom(a, problems) : map.TryGetValue("author", out var one) ? AuthorsFrom(one, problems) : [],
            Text("date")?.Trim(),
            Text("abstract")?.Trim(),
            map.TryGetValue("keywords", out var k) ? ListOfText(k, "keywords", problems) : [],
            references.DistinctBy(r => r.Key, StringComparer.Ordinal).ToList());
    }

    private static List<Author> AuthorsFrom(object? value, List<string> problems)
    {
        var result = new List<Author>();
        foreach (var item in value is List<object> list ? list : value is null ? [] : [value])
        {
            if (item is Dictionary<object, object> m)
            {
                var name = m.TryGetValue("name", out var n) ? Scalar(n, "authors.name", problems) : null;
                if (string.IsNullOrWhiteSpace(name))
                {
                    problems.Add("Front matter: every author needs a name (“- name: …”).");
                    continue;
                }
                var orcid = m.TryGetValue("orcid", out var o) ? Scalar(o, "authors.orcid", problems)?.Trim() : null;
                if (orcid is not null && !OrcidPattern().IsMatch(orcid))
                {
                    problems.Add($"Front matter: the ORCID of {name} must look like 0000-0002-1825-0097.");
                    orcid = null;
                }
                result.Add(new Author(name.Trim(), m.TryGetValue("affiliation", out var af) ? Scalar(af, "authors.affiliation", problems)?.Trim() : null, orcid));
            }
            else if (Scalar(item, "authors", problems) is { } plain && plain.Trim().Length > 0) result.Add(new Author(plain.Trim(), null, null));
        }
        return result;
    }

    private static IEnumerable<Reference> ReferencesFrom(object? value, List<string> problems)
    {
        if (value is not List<object> list)
        {
            problems.Add("Front matter: references must be a list (“- id: …”).");
            yield break;
        }
        foreach (var item in list)
        {
            if (item is not Dictionary<object, object> m || (m.TryGetValue("id", out var id) ? Scalar(id, "references.id", problems) : null) is not { } key || key.Trim().Length == 0)
            {
                problems.Add("Front matter: every reference needs an id (“- id: kaufman1949”).");
                continue;
            }
            string? F(string name) => m.TryGetValue(name, out var v) ? (v is List<object> l ? string.Join(", ", l.Select(x => Scalar(x, name, problems))) : Scalar(v, name, problems))?.Trim() : null;
            yield return new Reference(key.Trim(), F("author") ?? F("authors"), F("title"), F("journal"), F("year"), F("volume"), F("pages"), F("doi"), F("arxiv"), F("url"));
        }
    }

    private static List<string> ListOfText(object? value, string key, List<string> problems) =>
        (value is List<object> list ? list : value is null ? [] : [value]).Select(v => Scalar(v, key, problems)).Where(s => !string.IsNullOrWhiteSpace(s))
            .SelectMany(s => value is List<object> ? [s!.Trim()] : s!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static string? Scalar(object? value, string key, List<string> problems)
    {
        if (value is null or string) return (string?)value;
        problems.Add($"Front matter: {key} must be text, not a list or a map.");
        return null;
    }

    [GeneratedRegex(@"^(---|\.\.\.)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex FenceEnd();

    [GeneratedRegex(@"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")]
    private static partial Regex OrcidPattern();
}
