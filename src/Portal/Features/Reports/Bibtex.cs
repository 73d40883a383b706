using System.Text;

namespace Portal.Features.Reports;

/// <summary>
/// Reads the entries of a BibTeX text (<c>@article{key, author = {…}, title = "…", year = 1949}</c>) for their
/// author, title, journal, year, volume, pages, DOI, arXiv id and URL. Braces and quotes may nest; strings
/// (<c>@string</c>), comments and preambles are skipped; a malformed entry is reported and skipped.
/// </summary>
public static class Bibtex
{
    public const int MaxEntries = 500;

    public static List<Reference> Parse(string text, List<string> problems)
    {
        var result = new List<Reference>();
        var i = 0;
        while ((i = text.IndexOf('@', i)) >= 0)
        {
            var typeStart = ++i;
            while (i < text.Length && char.IsLetter(text[i])) i++;
            var type = text[typeStart..i].ToLowerInvariant();
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length || text[i] is not ('{' or '(')) continue;
            var close = text[i] == '{' ? '}' : ')';
            var end = Matching(text, i, text[i], close);
            if (end < 0)
            {
                problems.Add($"BibTeX: the entry @{type} at character {typeStart} is never closed.");
                break;
            }
            if (type is not ("string" or "comment" or "preamble") && Entry(text[(i + 1)..end], problems) is { } r)
            {
                if (result.Count >= MaxEntries)
                {
                    problems.Add($"BibTeX: at most {MaxEntries} entries are read.");
                    break;
                }
                result.Add(r);
            }
            i = end + 1;
        }
        return result;
    }

    private static Reference? Entry(string body, List<string> problems)
    {
        var comma = body.IndexOf(',');
        var key = (comma < 0 ? body : body[..comma]).Trim();
        if (key.Length == 0 || key.Any(char.IsWhiteSpace))
        {
            problems.Add("BibTeX: an entry without a key was skipped.");
            return null;
        }
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = comma < 0 ? body.Length : comma + 1;
        while (i < body.Length)
        {
            while (i < body.Length && (char.IsWhiteSpace(body[i]) || body[i] == ',')) i++;
            var nameStart = i;
            while (i < body.Length && (char.IsLetterOrDigit(body[i]) || body[i] is '_' or '-')) i++;
            var name = body[nameStart..i];
            while (i < body.Length && char.IsWhiteSpace(body[i])) i++;
            if (name.Length == 0 || i >= body.Length || body[i] != '=')
            {
                if (name.Length > 0 || i < body.Length) problems.Add($"BibTeX: could not read the fields of “{key}” after “{name}”.");
                break;
            }
            i++;
            while (i < body.Length && char.IsWhiteSpace(body[i])) i++;
            string value;
            if (i < body.Length && body[i] is '{' or '"')
            {
                var end = body[i] == '{' ? Matching(body, i, '{', '}') : QuoteEnd(body, i);
                if (end < 0)
                {
                    problems.Add($"BibTeX: the field {name} of “{key}” is never closed.");
                    break;
                }
                value = body[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < body.Length && body[i] != ',') i++;
                value = body[start..i].Trim();
            }
            fields[name] = Clean(value);
        }
        string? F(string name) => fields.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        var arxiv = F("eprint") is { } eprint && (F("archiveprefix") ?? F("eprinttype") ?? "arxiv").Equals("arxiv", StringComparison.OrdinalIgnoreCase) ? eprint : null;
        return new Reference(key, F("author")?.Replace(" and ", ", "), F("title"), F("journal") ?? F("booktitle"), F("year"), F("volume"), F("pages")?.Replace("--", "–"),
            F("doi"), arxiv, F("url"));
    }

    /// <summary>Drops the braces that protect capitals and collapses white space; TeX accents are left to the reader.</summary>
    private static string Clean(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (c is '{' or '}') continue;
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static int Matching(string s, int open, char o, char c)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == o) depth++;
            else if (s[i] == c && --depth == 0) return i;
        }
        return -1;
    }

    private static int QuoteEnd(string s, int open)
    {
        var depth = 0;
        for (var i = open + 1; i < s.Length; i++)
        {
            if (s[i] == '{') depth++;
            else if (s[i] == '}') depth--;
            else if (s[i] == '"' && depth == 0) return i;
        }
        return -1;
    }
}
