namespace Portal.Features.Runs;

/// <summary>
/// The runs table's free-text filter: conditions separated by spaces, "N>=100 gen_error&lt;0.2". A bare name is a metric when the
/// runs carry a metric and no parameter of that name, a parameter otherwise; "param.NAME" and "metric.NAME" say it outright.
/// </summary>
public static class RunFilterText
{
    public static List<ValueCondition> Parse(string? text, IReadOnlyCollection<ValueColumn> known, List<string> errors)
    {
        var conditions = new List<ValueCondition>();
        foreach (var token in (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (kind, body) = token.StartsWith("param.", StringComparison.Ordinal) ? (RunValueKind.Parameter, token[6..])
                : token.StartsWith("metric.", StringComparison.Ordinal) ? (RunValueKind.Metric, token[7..])
                : (KindOf(token, known), token);
            if (ValueCondition.Parse(kind, body, out var error) is { } condition) conditions.Add(condition);
            else errors.Add(error!);
        }
        if (conditions.Count > RunQuery.MaxConditions) errors.Add($"At most {RunQuery.MaxConditions} conditions at once; got {conditions.Count}.");
        return conditions;
    }

    private static RunValueKind KindOf(string token, IReadOnlyCollection<ValueColumn> known)
    {
        var end = token.IndexOfAny(['<', '>', '=', '!']);
        var name = end > 0 ? token[..end] : token;
        return known.Any(c => c.Kind == RunValueKind.Metric && c.Name == name) && !known.Any(c => c.Kind == RunValueKind.Parameter && c.Name == name)
            ? RunValueKind.Metric
            : RunValueKind.Parameter;
    }
}
