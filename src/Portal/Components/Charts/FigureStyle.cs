using Shared.Results;

namespace Portal.Components.Charts;

/// <summary>How one trace of a figure is drawn, shared by the Plotly charts and the static SVG.</summary>
public sealed record TraceLook(string Color, string Dash, string Symbol, bool Lines, bool Markers);

/// <summary>
/// The colour scheme of one figure: one hue per simulation series and its theory curve (paired by a shared name stem,
/// else by order), so a hue never stands for two things in a legend; simulation drawn as markers, theory as a line;
/// marker shapes and dashes told apart where curves overlap. Also the axis rules: fractions on [0, 1], and a log y
/// axis where a positive series spans more than three decades.
/// </summary>
public static class FigureStyle
{
    /// <summary>Okabe–Ito and Tableau hues, distinguishable also for colour-blind readers; more groups get spaced hues.</summary>
    private static readonly string[] Palette = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#7f7f7f", "#8c564b", "#bcbd22", "#17becf"];
    private static readonly string[] Symbols = ["circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x", "star"];
    private static readonly string[] Dashes = ["solid", "dash", "dot", "dashdot", "longdash"];

    public static IReadOnlyList<TraceLook> Looks(Figure figure)
    {
        var traces = figure.Traces;
        var group = new int[traces.Count];
        Array.Fill(group, -1);
        var groups = 0;
        var simulations = Enumerable.Range(0, traces.Count).Where(i => traces[i].Role == TraceRole.Simulation).ToList();
        var theories = Enumerable.Range(0, traces.Count).Where(i => traces[i].Role != TraceRole.Simulation).ToList();
        foreach (var s in simulations) group[s] = groups++;
        // A theory curve joins the simulation series of the same name stem, else the next unpaired one in order.
        var paired = new HashSet<int>();
        foreach (var t in theories)
        {
            var match = simulations.FirstOrDefault(s => !paired.Contains(s) && Stem(traces[s].Name) == Stem(traces[t].Name) && Stem(traces[t].Name) != "", -1);
            if (match >= 0) Pair(t, match);
        }
        foreach (var t in theories.Where(t => group[t] < 0))
        {
            var match = simulations.FirstOrDefault(s => !paired.Contains(s), -1);
            if (match >= 0) Pair(t, match);
            else group[t] = groups++;
        }

        var looks = new TraceLook[traces.Count];
        int simIndex = 0, theoryIndex = 0;
        for (var i = 0; i < traces.Count; i++)
        {
            var t = traces[i];
            var color = Color(group[i]);
            if (t.Role == TraceRole.Simulation)
            {
                // Paired with theory, a simulation is points (with error bars); alone it keeps its declared style.
                var markersOnly = paired.Contains(i) && t.Style == TraceStyle.LinesAndMarkers;
                looks[i] = new TraceLook(color, "solid", Symbols[simIndex++ % Symbols.Length],
                    Lines: !markersOnly && t.Style != TraceStyle.Markers, Markers: t.Style != TraceStyle.Lines);
            }
            else
                looks[i] = new TraceLook(color, Dashes[theoryIndex++ % Dashes.Length], "circle", Lines: t.Style != TraceStyle.Markers, Markers: t.Style == TraceStyle.Markers);
        }
        return looks;

        void Pair(int theory, int simulation)
        {
            group[theory] = group[simulation];
            paired.Add(simulation);
        }
    }

    /// <summary>The figure with its axis rules applied (only where the figure description left the axis open).</summary>
    public static Figure WithAxisRules(Figure figure)
    {
        if (figure.Kind is not (FigureKind.XY or FigureKind.Histogram)) return figure;
        var ys = figure.Traces.SelectMany(t => t.Y.Select((y, i) => (y, e: t.ErrorY is { } err && i < err.Length && double.IsFinite(err[i]) ? err[i] : 0)))
            .Where(p => double.IsFinite(p.y)).ToList();
        if (ys.Count == 0 || figure.YAxis is not { Log: false, Min: null, Max: null }) return figure;
        if (IsFraction(figure.YAxis.Title) && ys.All(p => p.y - p.e >= -1e-9 && p.y + p.e <= 1 + 1e-9))
            return figure with { YAxis = figure.YAxis with { Min = -0.02, Max = 1.02 } };
        if (figure.Kind == FigureKind.XY && ys.All(p => p.y > 0) && ys.Max(p => p.y) / ys.Min(p => p.y) > 1e3)
            return figure with { YAxis = figure.YAxis with { Log = true } };
        return figure;
    }

    private static bool IsFraction(string title) =>
        title.Contains("fraction", StringComparison.OrdinalIgnoreCase) || title.Contains("acceptance", StringComparison.OrdinalIgnoreCase);

    /// <summary>"m (AGS theory)" and "m (simulation)" share the stem "m".</summary>
    public static string Stem(string name)
    {
        var paren = name.IndexOf(" (", StringComparison.Ordinal);
        var stem = (paren > 0 ? name[..paren] : name).ToLowerInvariant();
        foreach (var word in new[] { "simulation", "simulated", "theory", "exact", "analytic" }) stem = stem.Replace(word, "");
        return stem.Trim(' ', ',', ':', '-', '–');
    }

    private static string Color(int group) => group < Palette.Length
        ? Palette[group]
        : $"hsl({(group * 137.508) % 360:0}, 60%, 45%)";
}
