using System.Globalization;
using System.Text.RegularExpressions;
using Shared.Models;

namespace Portal.Features.Runs;

public enum RunSortKey
{
    Created,
    Finished,
    Status,
    ModelType,
    Model,
    Seed,
    Author,
    Parameter,
    Metric,
}

/// <summary>An order of the runs table; <see cref="Name"/> names the parameter or metric when sorting by one.</summary>
public sealed record RunSort(RunSortKey Key, bool Descending, string? Name = null)
{
    public static readonly RunSort Newest = new(RunSortKey.Created, true);

    /// <summary>"-created", "seed", "metric.gen_error", "-param.alpha".</summary>
    public override string ToString() => (Descending ? "-" : "") + Key switch
    {
        RunSortKey.Parameter => "param." + Name,
        RunSortKey.Metric => "metric." + Name,
        _ => char.ToLowerInvariant(Key.ToString()[0]) + Key.ToString()[1..],
    };
}

public enum ValueComparison
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

/// <summary>A condition on one number of a run: "alpha>=1.5" on a parameter, "gen_error<0.1" on a metric.</summary>
public sealed partial record ValueCondition(RunValueKind Kind, string Name, ValueComparison Comparison, double Value)
{
    private static readonly (string Text, ValueComparison Op)[] Operators =
        [("<=", ValueComparison.LessOrEqual), (">=", ValueComparison.GreaterOrEqual), ("!=", ValueComparison.NotEqual), ("<", ValueComparison.Less), (">", ValueComparison.Greater), ("=", ValueComparison.Equal)];

    public override string ToString() => $"{Name}{Operators.First(o => o.Op == Comparison).Text}{Value.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>Parses "name op number" (op one of &lt; &lt;= &gt; &gt;= = !=); the error says what was wrong.</summary>
    public static ValueCondition? Parse(RunValueKind kind, string text, out string? error)
    {
        error = null;
        var match = Shape().Match(text.Trim());
        if (!match.Success)
        {
            error = $"“{Excerpt(text)}” is not a condition: write name, operator (<, <=, >, >=, =, !=) and a number, e.g. alpha>=1.5.";
            return null;
        }
        var name = match.Groups["name"].Value;
        if (name.Length > RunValue.MaxNameLength)
        {
            error = $"The name in “{Excerpt(text)}” is longer than {RunValue.MaxNameLength} characters.";
            return null;
        }
        if (!double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            error = $"“{Excerpt(match.Groups["value"].Value)}” in “{Excerpt(text)}” is not a finite number (use a point as decimal separator).";
            return null;
        }
        return new ValueCondition(kind, name, Operators.First(o => o.Text == match.Groups["op"].Value).Op, value);
    }

    private static string Excerpt(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_.\-]*)\s*(?<op><=|>=|!=|<|>|=)\s*(?<value>\S+)$")]
    private static partial Regex Shape();
}

/// <summary>
/// One question to the runs table: where to look (a workspace, a model or one of its versions, a sweep, or every workspace for
/// an admin), which runs (status, model type, author, creation dates, tags, parameter and metric values), in which order, which
/// page, and which parameter or metric columns to bring along. The API reads it from a query string with <see cref="RunQueryText"/>.
/// </summary>
public sealed record RunQuery
{
    public const int MaxPageSize = 200;
    public const int MaxConditions = 10;
    public const int MaxColumns = 20;

    public Guid? WorkspaceId { get; init; }
    public Guid? ModelId { get; init; }
    public int? ModelVersion { get; init; }
    public Guid? SweepId { get; init; }

    /// <summary>Every workspace (admins only).</summary>
    public bool AllWorkspaces { get; init; }

    public IReadOnlyList<RunStatus> Statuses { get; init; } = [];

    /// <summary>Succeeded runs whose checks came to one of these verdicts.</summary>
    public IReadOnlyList<RunVerdict> Verdicts { get; init; } = [];
    public string? ModelType { get; init; }

    /// <summary>A user id or e-mail address.</summary>
    public string? Author { get; init; }

    /// <summary>Inclusive lower bound of the creation time (UTC).</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Exclusive upper bound of the creation time (UTC).</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Runs carrying every one of these tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<ValueCondition> Values { get; init; } = [];
    public RunSort Sort { get; init; } = RunSort.Newest;

    /// <summary>Zero-based.</summary>
    public int Page { get; init; }

    public int PageSize { get; init; } = 25;

    /// <summary>Parameter and metric values each row brings along (e.g. the grid's chosen columns).</summary>
    public IReadOnlyList<ValueColumn> Columns { get; init; } = [];
}

/// <summary>A parameter or metric shown as a column; its key ("param.alpha", "metric.gen_error") names it in rows and query strings.</summary>
public sealed record ValueColumn(RunValueKind Kind, string Name)
{
    public string Key => (Kind == RunValueKind.Parameter ? "param." : "metric.") + Name;

    public static ValueColumn? FromKey(string key) =>
        key.StartsWith("param.", StringComparison.Ordinal) && key.Length > 6 ? new(RunValueKind.Parameter, key[6..])
        : key.StartsWith("metric.", StringComparison.Ordinal) && key.Length > 7 ? new(RunValueKind.Metric, key[7..])
        : null;
}
