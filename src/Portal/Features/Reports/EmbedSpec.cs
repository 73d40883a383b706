using System.Text;

namespace Portal.Features.Reports;

/// <summary>
/// One embed as written: <c>{{figure run=&lt;id&gt; name=learning-curve caption="ε(α)" #fig:eps}}</c>: a kind, arguments
/// (bare or double-quoted, <c>\"</c> inside quotes), and an optional label. <see cref="Error"/> says what is wrong with it.
/// </summary>
public sealed record EmbedSpec(string Kind, IReadOnlyDictionary<string, string> Args, string? Label, string? Error)
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["figure"] = ["run", "name", "caption"],
        ["metric"] = ["run", "name"],
        ["checks"] = ["run"],
        ["table"] = ["runs", "metrics", "caption"],
    };

    private static readonly Dictionary<string, string> LabelPrefix = new() { ["figure"] = "fig:", ["table"] = "tbl:" };

    public static string KindsList => "figure, metric, checks or table";

    public Guid? Run => Args.TryGetValue("run", out var r) && Guid.TryParse(r, out var id) ? id : null;

    public string? Arg(string name) => Args.TryGetValue(name, out var v) ? v : null;

    public static EmbedSpec Parse(string raw)
    {
        var inner = raw.Length >= 4 ? raw[2..^2].Trim() : "";
        var tokens = Tokens(inner, out var tokenError);
        var kind = tokens.Count > 0 ? tokens[0].ToLowerInvariant() : "";
        var args = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? label = null;
        string? Fail(string message) => message;
        string? error = tokenError;
        if (error is null && !Allowed.TryGetValue(kind, out _))
            error = kind is "sweep" or "sweeps" ? "sweeps cannot be embedded yet." : $"unknown embed “{(kind.Length > 30 ? kind[..30] + "…" : kind)}”; use {KindsList}.";
        foreach (var token in tokens.Skip(1))
        {
            if (error is not null) break;
            if (token.StartsWith('#'))
            {
                label = token[1..];
                var prefix = LabelPrefix.GetValueOrDefault(kind);
                if (prefix is null) error = Fail($"a {kind} embed takes no label.");
                else if (!label.StartsWith(prefix, StringComparison.Ordinal) || !ReportSyntax.CrossRefPattern().IsMatch(label) || label.Length > ReportSyntax.MaxLabelLength)
                    error = Fail($"the label must look like #{prefix}name (letters, digits, _ . : -; at most {ReportSyntax.MaxLabelLength} characters).");
                continue;
            }
            var eq = token.IndexOf('=');
            if (eq <= 0)
            {
                error = Fail($"“{Short(token)}” is not a key=value argument.");
                continue;
            }
            var key = token[..eq].ToLowerInvariant();
            if (key is "sweep" or "sweeps") error = Fail("sweeps cannot be embedded yet.");
            else if (!Allowed[kind].Contains(key)) error = Fail($"unknown argument “{Short(key)}”; a {kind} embed takes {string.Join(", ", Allowed[kind])}.");
            else args[key] = token[(eq + 1)..];
        }
        if (error is null)
        {
            if (kind == "table" && !args.ContainsKey("runs")) error = "runs=<id>,<id> is required.";
            else if (kind != "table" && !args.ContainsKey("run")) error = "run=<run id> is required.";
            else if (kind != "table" && !Guid.TryParse(args["run"], out _)) error = $"run must be a run id (36 characters, as in /runs/<id>), not “{Short(args["run"])}”.";
            else if (kind is "figure" or "metric" && string.IsNullOrWhiteSpace(args.GetValueOrDefault("name"))) error = $"name=<{kind} name> is required.";
        }
        return new EmbedSpec(kind, args, label, error);
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static List<string> Tokens(string text, out string? error)
    {
        error = null;
        var tokens = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\') sb.Append(text[++i]);
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0) tokens.Add(sb.ToString());
                sb.Clear();
            }
            else sb.Append(c);
        }
        if (quoted) error = "a quoted value is never closed (\").";
        if (sb.Length > 0) tokens.Add(sb.ToString());
        return tokens;
    }
}
