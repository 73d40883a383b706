using System.Globalization;
using Microsoft.Extensions.Primitives;
using Shared.Models;

namespace Portal.Features.Runs;

/// <summary>
/// The runs table's query string: <c>workspaceId, modelId, version, sweepId, status (comma-separated or repeated), modelType, author
/// (user id or e-mail), createdFrom, createdTo (ISO dates; a date alone covers its whole day), tag (repeated: all must match), param
/// and metric (repeated conditions such as alpha&gt;=1.5), sort (created, finished, status, modelType, model, seed, author,
/// param.NAME, metric.NAME; a leading '-' for descending), page (from 1), pageSize (1–200), columns (param.NAME,metric.NAME)</c>.
/// Every bad value is an error naming its key; unknown keys are errors too, so a misspelt filter never silently matches everything.
/// </summary>
public static class RunQueryText
{
    private static readonly HashSet<string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        "workspaceId", "modelId", "version", "sweepId", "status", "verdict", "modelType", "author", "createdFrom", "createdTo", "tag", "param", "metric",
        "sort", "page", "pageSize", "columns", "format",
    };

    public static RunQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query, List<FieldError> errors, int defaultPageSize = 25)
    {
        var q = new RunQuery { PageSize = defaultPageSize };
        var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var key in values.Keys.Where(k => !Keys.Contains(k)))
            errors.Add(new FieldError(Short(key), $"“{Short(key)}” is not a filter of the runs table; the filters are {string.Join(", ", Keys.Where(k => k != "format"))}."));

        string? One(string key) => values.TryGetValue(key, out var v) ? v.ToString() : null;
        IEnumerable<string> Many(string key) => values.TryGetValue(key, out var v)
            ? v.SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : [];
        IEnumerable<string> Repeated(string key) => values.TryGetValue(key, out var v) ? v.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!) : [];

        q = q with
        {
            WorkspaceId = Id("workspaceId", One("workspaceId"), errors),
            ModelId = Id("modelId", One("modelId"), errors),
            SweepId = Id("sweepId", One("sweepId"), errors),
            ModelVersion = Integer("version", One("version"), 1, int.MaxValue, errors),
            ModelType = Text("modelType", One("modelType"), 100, errors),
            Author = Text("author", One("author"), 256, errors),
        };

        var statuses = new List<RunStatus>();
        foreach (var s in Many("status"))
        {
            if (Enum.TryParse<RunStatus>(s, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(s, out _)) statuses.Add(status);
            else errors.Add(new FieldError("status", $"“{Short(s)}” is not a run status; use {string.Join(", ", Enum.GetNames<RunStatus>())}."));
        }
        q = q with { Statuses = statuses.Distinct().ToList() };

        var verdicts = new List<RunVerdict>();
        foreach (var v in Many("verdict"))
        {
            if (Enum.TryParse<RunVerdict>(v, ignoreCase: true, out var verdict) && Enum.IsDefined(verdict) && !int.TryParse(v, out _)) verdicts.Add(verdict);
            else errors.Add(new FieldError("verdict", $"“{Short(v)}” is not a verdict; use {string.Join(", ", Enum.GetNames<RunVerdict>())}."));
        }
        q = q with { Verdicts = verdicts.Distinct().ToList() };

        var from = Date("createdFrom", One("createdFrom"), endOfDay: false, errors);
        var to = Date("createdTo", One("createdTo"), endOfDay: true, errors);
        if (from is not null && to is not null && to <= from)
            errors.Add(new FieldError("createdTo", "createdTo must come after createdFrom."));
        q = q with { CreatedFrom = from, CreatedBefore = to };

        var tagErrors = new List<FieldError>();
        var tags = RunLabels.Tags(Repeated("tag"), "tag", tagErrors);
        errors.AddRange(tagErrors);
        if (tags.Count > RunQuery.MaxConditions) errors.Add(new FieldError("tag", $"At most {RunQuery.MaxConditions} tags can be asked for at once; got {tags.Count}."));
        q = q with { Tags = tags };

        var conditions = new List<ValueCondition>();
        foreach (var (key, kind) in new[] { ("param", RunValueKind.Parameter), ("metric", RunValueKind.Metric) })
            foreach (var text in Repeated(key))
            {
                if (ValueCondition.Parse(kind, text, out var error) is { } c) conditions.Add(c);
                else errors.Add(new FieldError(key, error!));
            }
        if (conditions.Count > RunQuery.MaxConditions)
            errors.Add(new FieldError("param", $"At most {RunQuery.MaxConditions} parameter and metric conditions at once; got {conditions.Count}."));
        q = q with { Values = conditions };

        if (One("sort") is { Length: > 0 } sort)
        {
            if (Sort(sort) is { } parsed) q = q with { Sort = parsed };
            else errors.Add(new FieldError("sort", $"“{Short(sort)}” is not a sort order; use created, finished, status, modelType, model, seed, author, param.NAME or metric.NAME, with a leading - for descending."));
        }

        var pageSize = Integer("pageSize", One("pageSize"), 1, RunQuery.MaxPageSize, errors) ?? defaultPageSize;
        var page = Integer("page", One("page"), 1, 1_000_000, errors) ?? 1;
        q = q with { PageSize = pageSize, Page = page - 1 };

        var columns = new List<ValueColumn>();
        foreach (var key in Many("columns"))
        {
            if (ValueColumn.FromKey(key) is { Name.Length: <= RunValue.MaxNameLength } c) columns.Add(c);
            else errors.Add(new FieldError("columns", $"“{Short(key)}” is not a value column; write param.NAME or metric.NAME."));
        }
        if (columns.Count > RunQuery.MaxColumns) errors.Add(new FieldError("columns", $"At most {RunQuery.MaxColumns} value columns; got {columns.Count}."));
        return q with { Columns = columns.Distinct().ToList() };
    }

    public static RunSort? Sort(string text)
    {
        var descending = text.StartsWith('-');
        var body = descending ? text[1..] : text;
        if (ValueColumn.FromKey(body) is { } column)
            return column.Name.Length <= RunValue.MaxNameLength
                ? new RunSort(column.Kind == RunValueKind.Parameter ? RunSortKey.Parameter : RunSortKey.Metric, descending, column.Name)
                : null;
        return Enum.TryParse<RunSortKey>(body, ignoreCase: true, out var key) && key is not (RunSortKey.Parameter or RunSortKey.Metric) && !int.TryParse(body, out _)
            ? new RunSort(key, descending)
            : null;
    }

    private static Guid? Id(string field, string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Guid.TryParse(text, out var id)) return id;
        errors.Add(new FieldError(field, $"“{Short(text)}” is not an id (a GUID such as 0190a5c2-…)."));
        return null;
    }

    private static int? Integer(string field, string? text, int min, int max, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors.Add(new FieldError(field, $"{field} must be a whole number from {min} to {max}; got “{Short(text)}”."));
        return null;
    }

    private static string? Text(string field, string? text, int max, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (TextRules.Problem(field, text) is { } problem) errors.Add(new FieldError(field, problem));
        else if (text.Length > max) errors.Add(new FieldError(field, $"{field} is at most {max} characters long."));
        else return text.Trim();
        return null;
    }

    private static DateTimeOffset? Date(string field, string? text, bool endOfDay, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(endOfDay ? 1 : 0);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            && at.Year is > 1900 and < 3000)
            return at.ToUniversalTime();
        errors.Add(new FieldError(field, $"{field} must be a date (2026-12-05) or an ISO 8601 time; got “{Short(text)}”."));
        return null;
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
