using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Shared.Results;
using PlotlyFigureTrace = Plotly.Blazor.ITrace;

namespace Portal.Components.Charts;

/// <summary>
/// Maps the declarative figures of a result document to Plotly.Blazor objects. The only place (with
/// FigureChart.razor) that knows Plotly.Blazor types; everything else speaks <see cref="Figure"/>.
/// </summary>
public static class PlotlyMapping
{
    /// <summary>At most this many points per trace reach the browser (min/max per bucket keeps the envelope).</summary>
    public const int MaxPointsPerTrace = 2000;

    public static IList<PlotlyFigureTrace> Traces(Figure figure)
    {
        figure = ImageGridLayout.AsHeatmap(figure);
        var result = new List<PlotlyFigureTrace>();
        var looks = FigureStyle.Looks(figure);
        for (var k = 0; k < figure.Traces.Count; k++)
        {
            var t = figure.Traces[k];
            var look = looks[k];
            var isTheory = t.Role != TraceRole.Simulation;
            var role = t.Role.ToString().ToLowerInvariant();
            // Theory and exact traces say so in the legend unless their name already does.
            var name = isTheory && !t.Name.Contains(role, StringComparison.OrdinalIgnoreCase) ? $"{t.Name} ({role})" : t.Name;
            result.Add(figure.Kind switch
            {
                FigureKind.Heatmap when t.Z is not null => new HeatMap
                {
                    Name = MathText.ToPlotly(t.Name), Z = (t.Z ?? []).Select(row => (object)Values(row)).ToList(),
                    X = t.X.Length > 0 ? Values(t.X) : null, Y = t.Y.Length > 0 ? Values(t.Y) : null,
                    ColorScale = TwoValued(t.Z) ? TwoStateScale : "Viridis",
                    ColorBar = string.IsNullOrEmpty(t.Name) ? null
                        : new Plotly.Blazor.Traces.HeatMapLib.ColorBar { Title = new Plotly.Blazor.Traces.HeatMapLib.ColorBarLib.Title { Text = MathText.ToPlotly(t.Name) } },
                },
                FigureKind.Histogram => new Bar
                {
                    Name = MathText.ToPlotly(name), X = Values(Centers(t.X)), Y = Values(t.Y), Width = t.X.Length > 1 ? (decimal)(t.X[1] - t.X[0]) : null,
                    Opacity = 0.6m, Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = look.Color },
                },
                _ => XyTrace(t, name, look, isTheory),
            });
        }
        return result;
    }

    private static Scatter XyTrace(Shared.Results.Trace t, string name, TraceLook look, bool isTheory)
    {
        var (x, y, err) = Downsample(t.X, t.Y, t.ErrorY);
        return new Scatter
        {
            Name = MathText.ToPlotly(name),
            Opacity = t.Faint ? 0.3m : null,
            X = Values(x),
            Y = Values(y),
            Mode = look switch
            {
                { Lines: true, Markers: true } => ModeFlag.Lines | ModeFlag.Markers,
                { Markers: true } => ModeFlag.Markers,
                _ => ModeFlag.Lines,
            },
            Line = new Line { Color = look.Color, Width = isTheory ? 2.5m : 1.5m, Dash = look.Dash },
            Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = look.Color, Size = 7, Symbol = MarkerSymbols[look.Symbol] },
            ErrorY = err is null ? null : new ErrorY { Array = Values(err), Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data, Visible = true, Thickness = 1.2m, Color = look.Color },
        };
    }

    /// <summary>Plotly.Blazor's symbol enum by the name plotly.js gives each symbol ("triangle-up").</summary>
    private static readonly Dictionary<string, Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum> MarkerSymbols =
        typeof(Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => (Name: f.GetCustomAttributes(false).OfType<System.Runtime.Serialization.EnumMemberAttribute>().FirstOrDefault()?.Value
                              ?? f.GetCustomAttributes(false).OfType<System.ComponentModel.DescriptionAttribute>().FirstOrDefault()?.Description ?? f.Name,
                          Value: (Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum)f.GetValue(null)!))
            .GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Value);

    public static Plotly.Blazor.Layout Layout(Figure figure, bool dark)
    {
        figure = FigureStyle.WithAxisRules(ImageGridLayout.AsHeatmap(figure));
        var fg = dark ? "#e0e0e0" : "#212121";
        var grid = dark ? "#3a3a4a" : "#e5e5e5";
        return new Plotly.Blazor.Layout
        {
            Title = new Title { Text = MathText.ToPlotly(figure.Title) },
            XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = MathText.ToPlotly(figure.XAxis.Title) }, Type = figure.XAxis.Log ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log : null, GridColor = grid, Range = Range(figure.XAxis) }],
            YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = MathText.ToPlotly(figure.YAxis.Title) }, Type = figure.YAxis.Log ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : null, GridColor = grid, Range = Range(figure.YAxis) }],
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            Font = new Font { Color = fg },
            // Below the plot and horizontal, so that figures with many traces keep their plotting width.
            // Plotly hides a legend of one entry; the line over a heatmap must still say what it is.
            ShowLegend = figure.Kind == FigureKind.Heatmap && figure.Traces.Any(t => t.Z is null) ? true : null,
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, X = 0, Y = -0.22m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Top }],
            Margin = new Margin { L = 60, R = 20, T = 50, B = 40 },
            Height = 420 + 18 * Math.Max(0, figure.Traces.Count - 3),
            Shapes = figure.Markers.Select(m => new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line, X0 = m.X, X1 = m.X, Y0 = 0, Y1 = 1, XRef = "x", YRef = "paper",
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = "#888", Dash = "dash", Width = 1.5m },
            }).ToList(),
            Annotations = figure.Markers.Select(m => new Annotation
            {
                Text = MathText.ToPlotly(m.Label), X = m.X, Y = 1, XRef = "x", YRef = "paper", ShowArrow = false, YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom,
            }).ToList(),
        };
    }

    /// <summary>Spin configurations (±1) and binary images (0/1): two flat colours, the larger value light, instead of a gradient that suggests intermediate values.</summary>
    private static readonly object TwoStateScale = new List<object[]> { new object[] { 0, "#263238" }, new object[] { 0.5, "#263238" }, new object[] { 0.5, "#eceff1" }, new object[] { 1, "#eceff1" } };

    public static bool TwoValued(double[][]? z)
    {
        if (z is null) return false;
        double? a = null, b = null;
        foreach (var row in z)
            foreach (var v in row)
            {
                if (!double.IsFinite(v) || v == a || v == b) continue;
                if (a is null) a = v;
                else if (b is null) b = v;
                else return false;
            }
        return b is not null;
    }

    public static Config Config() => new() { Responsive = true, DisplayLogo = false };

    private static IList<object>? Range(Axis axis) =>
        axis is { Min: { } min, Max: { } max } ? [axis.Log ? Math.Log10(min) : min, axis.Log ? Math.Log10(max) : max] : null;

    // Plotly draws null as a gap; NaN and ±∞ cannot be serialized to the browser at all.
    private static List<object> Values(IEnumerable<double> values) => values.Select(v => double.IsFinite(v) ? (object)v : null!).ToList();

    private static double[] Centers(double[] edges) =>
        edges.Length < 2 ? edges : Enumerable.Range(0, edges.Length - 1).Select(i => 0.5 * (edges[i] + edges[i + 1])).ToArray();

    /// <summary>Keeps every point of short traces; long ones keep the first, last, minimum and maximum of each bucket.</summary>
    public static (double[] X, double[] Y, double[]? Error) Downsample(double[] x, double[] y, double[]? error)
    {
        var n = Math.Min(x.Length, y.Length);
        if (n <= MaxPointsPerTrace) return (x[..n], y[..n], error?[..Math.Min(error.Length, n)]);
        var buckets = MaxPointsPerTrace / 2;
        var keep = new List<int>(MaxPointsPerTrace);
        for (var b = 0; b < buckets; b++)
        {
            int start = (int)((long)b * n / buckets), end = (int)((long)(b + 1) * n / buckets);
            int lo = start, hi = start;
            for (var i = start; i < end; i++)
            {
                if (y[i] < y[lo]) lo = i;
                if (y[i] > y[hi]) hi = i;
            }
            keep.Add(Math.Min(lo, hi));
            if (lo != hi) keep.Add(Math.Max(lo, hi));
        }
        return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray(), error is null ? null : keep.Select(i => i < error.Length ? error[i] : double.NaN).ToArray());
    }
}
