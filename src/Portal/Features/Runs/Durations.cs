using System.Globalization;

namespace Portal.Features.Runs;

/// <summary>How long a run took, in the words a table cell has room for.</summary>
public static class Durations
{
    public static string Format(TimeSpan t) => t.TotalSeconds switch
    {
        < 0 => "",
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s"),
        < 5400 => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0.#} h"),
    };
}
