using System.Globalization;
using System.Text.Json;

namespace Portal.Features.Sweeps;

/// <summary>One swept parameter as typed into the form: a list of values, or a linear or logarithmic range.</summary>
public sealed class SweepAxisInput
{
    public string Parameter { get; set; } = "";
    public string Mode { get; set; } = "linear";
    public string ValuesText { get; set; } = "";
    public double From { get; set; }
    public double To { get; set; } = 1;
    public int Count { get; set; } = 5;

    public SweepAxisRequest ToRequest() => Mode == "list"
        ? new SweepAxisRequest { Parameter = Parameter, Values = SweepFormState.Tokens(ValuesText).Select(SweepFormState.Value).ToList() }
        : new SweepAxisRequest { Parameter = Parameter, From = From, To = To, Count = Count, Scale = Mode };
}

/// <summary>The sweep form's inputs and their translation into a <see cref="SweepRequest"/> (the service validates it).</summary>
public sealed class SweepFormState
{
    public string Name { get; set; } = "";
    public List<SweepAxisInput> Axes { get; } = [new()];
    public bool ExplicitSeeds { get; set; }
    public int SeedCount { get; set; } = 3;
    public string SeedsText { get; set; } = "";

    /// <summary>Fixed parameter values, one "name = value" per line.</summary>
    public string OverridesText { get; set; } = "";

    public SweepRequest ToRequest(int version) => new()
    {
        Name = string.IsNullOrWhiteSpace(Name) ? null : Name,
        Version = version,
        Axes = Axes.Select(a => a.ToRequest()).ToList(),
        SeedCount = ExplicitSeeds ? null : SeedCount,
        Seeds = ExplicitSeeds ? Tokens(SeedsText).Select(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : -1).ToList() : null,
        Overrides = OverridesText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2, StringSplitOptions.TrimEntries)).Where(p => p.Length == 2 && p[0].Length > 0)
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => Value(g.Last()[1])),
    };

    /// <summary>Points × seeds as the form reads now, for the preview (the service counts again after resolving).</summary>
    public long MemberEstimate => Axes.Aggregate(1L, (n, a) => n * (a.Mode == "list" ? Tokens(a.ValuesText).Count() : Math.Max(a.Count, 0)))
        * (ExplicitSeeds ? Tokens(SeedsText).Distinct().Count() : Math.Max(SeedCount, 0));

    internal static IEnumerable<string> Tokens(string text) => text.Split([',', ';', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A typed token as JSON: a number, true/false, or text (a choice).</summary>
    internal static JsonElement Value(string token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonSerializer.SerializeToElement(d)
        : token is "true" or "false" ? JsonSerializer.SerializeToElement(token == "true")
        : JsonSerializer.SerializeToElement(token);
}
