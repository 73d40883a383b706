using System.Globalization;
using System.Net;
using System.Text;
using Shared.Results;

namespace Portal.Components.Charts;

/// <summary>
/// Draws a result-document figure as a self-contained SVG (no script, no external reference): for print, exported
/// papers and downloads, where a live Plotly chart cannot go. Same colours and roles as the Plotly charts; long
/// traces are downsampled as there, heatmaps to at most <see cref="MaxCells"/> cells per side.
/// </summary>
public static class FigureSvg
{
    public const int MaxCells = 120;
    private const double Left = 64, Right = 16, Top = 34, Bottom = 48;

    public static string Render(Figure figure, int width = 640, int height = 420)
    {
        figure = FigureStyle.WithAxisRules(ImageGridLayout.AsHeatmap(figure));
        var legendRows = figure.Kind == FigureKind.Heatmap ? 0 : (figure.Traces.Count + 2) / 3;
        var total = height + 18 * legendRows + (legendRows > 0 ? 8 : 0);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure-svg\" viewBox=\"0 0 {width} {total}\" width=\"{width}\" height=\"{total}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{total}\" fill=\"#ffffff\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">{MathText.ToSvgTspans(figure.Title)}</text>");
        var plot = new Box(Left, Top, width - Left - Right, height - Top - Bottom);
        if (figure.Kind == FigureKind.Heatmap) Heatmap(svg, figure, plot);
        else XyOrHistogram(svg, figure, plot);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{plot.X + plot.W / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">{MathText.ToSvgTspans(figure.XAxis.Title)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16 {plot.Y + plot.H / 2}) rotate(-90)\" text-anchor=\"middle\">{MathText.ToSvgTspans(figure.YAxis.Title)}</text>");
        if (figure.Kind != FigureKind.Heatmap) Legend(svg, figure, width, height);
        return svg.Append("</svg>").ToString();
    }

    private readonly record struct Box(double X, double Y, double W, double H);

    private sealed record Scale(double Min, double Max, bool Log, double From, double Length, bool Flip)
    {
        public double Map(double v)
        {
            var t = ((Log ? Math.Log10(v) : v) - Min) / (Max - Min);
            return Flip ? From + Length * (1 - t) : From + Length * t;
        }

        public bool Valid(double v) => double.IsFinite(v) && (!Log || v > 0);
    }

    private static void XyOrHistogram(StringBuilder svg, Figure figure, Box plot)
    {
        var histogram = figure.Kind == FigureKind.Histogram;
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var t in figure.Traces)
        {
            xs.AddRange(t.X);
            for (var i = 0; i < t.Y.Length; i++)
            {
                var e = t.ErrorY is { } err && i < err.Length && double.IsFinite(err[i]) ? err[i] : 0;
                ys.Add(t.Y[i] - e);
                ys.Add(t.Y[i] + e);
            }
            if (histogram) ys.Add(0);
        }
        xs.AddRange(figure.Markers.Select(m => m.X));
        var x = ScaleOf(xs, figure.XAxis, plot.X, plot.W, false);
        var y = ScaleOf(ys, figure.YAxis, plot.Y, plot.H, true);
        Axes(svg, plot, x, y);
        svg.Append(CultureInfo.InvariantCulture, $"<clipPath id=\"c{plot.GetHashCode() & 0xffff}\"><rect x=\"{F(plot.X)}\" y=\"{F(plot.Y)}\" width=\"{F(plot.W)}\" height=\"{F(plot.H)}\"/></clipPath>");
        var looks = FigureStyle.Looks(figure);
        for (var k = 0; k < figure.Traces.Count; k++)
        {
            var t = figure.Traces[k];
            var look = looks[k];
            var color = look.Color;
            if (histogram)
            {
                for (var i = 0; i + 1 < t.X.Length && i < t.Y.Length; i++)
                {
                    if (!x.Valid(t.X[i]) || !x.Valid(t.X[i + 1]) || !y.Valid(t.Y[i])) continue;
                    double x0 = x.Map(t.X[i]), x1 = x.Map(t.X[i + 1]), y0 = y.Map(y.Log ? Math.Max(t.Y[i], Math.Pow(10, y.Min)) : Math.Max(y.Min, 0)), y1 = y.Map(t.Y[i]);
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x0)}\" y=\"{F(Math.Min(y0, y1))}\" width=\"{F(Math.Max(0.5, x1 - x0))}\" height=\"{F(Math.Abs(y1 - y0))}\" fill=\"{color}\" fill-opacity=\"0.6\"/>");
                }
                continue;
            }
            var (px, py, pe) = PlotlyMapping.Downsample(t.X, t.Y, t.ErrorY);
            if (pe is not null)
                for (var i = 0; i < px.Length; i++)
                    if (i < pe.Length && double.IsFinite(pe[i]) && x.Valid(px[i]) && y.Valid(py[i] - pe[i]) && y.Valid(py[i] + pe[i]))
                        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x.Map(px[i]))}\" x2=\"{F(x.Map(px[i]))}\" y1=\"{F(y.Map(py[i] - pe[i]))}\" y2=\"{F(y.Map(py[i] + pe[i]))}\" stroke=\"{color}\" stroke-width=\"1\"/>");
            if (look.Lines)
            {
                var path = new StringBuilder();
                var pen = false;
                for (var i = 0; i < px.Length; i++)
                {
                    if (!x.Valid(px[i]) || !y.Valid(py[i]))
                    {
                        pen = false;
                        continue;
                    }
                    path.Append(pen ? " L" : " M").Append(F(x.Map(px[i]))).Append(' ').Append(F(y.Map(py[i])));
                    pen = true;
                }
                if (path.Length > 0)
                    svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{(t.Role == TraceRole.Simulation ? "1.5" : "2.5")}\"{DashArray(look.Dash)} clip-path=\"url(#c{plot.GetHashCode() & 0xffff})\"/>");
            }
            if (look.Markers)
                for (var i = 0; i < px.Length; i++)
                    if (x.Valid(px[i]) && y.Valid(py[i]))
                        svg.Append(MarkerShape(look, x.Map(px[i]), y.Map(py[i])));
        }
        foreach (var m in figure.Markers.Where(m => x.Valid(m.X)))
        {
            var mx = F(x.Map(m.X));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{mx}\" x2=\"{mx}\" y1=\"{F(plot.Y)}\" y2=\"{F(plot.Y + plot.H)}\" stroke=\"#888\" stroke-dasharray=\"5 4\" stroke-width=\"1.5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{mx}\" y=\"{F(plot.Y - 3)}\" text-anchor=\"middle\" font-size=\"11\">{MathText.ToSvgTspans(m.Label)}</text>");
        }
    }

    private static void Heatmap(StringBuilder svg, Figure figure, Box plot)
    {
        var z = figure.Traces.FirstOrDefault()?.Z ?? [];
        var rows = z.Length;
        var cols = rows == 0 ? 0 : z.Max(r => r.Length);
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(plot.X)}\" y=\"{F(plot.Y)}\" width=\"{F(plot.W)}\" height=\"{F(plot.H)}\" fill=\"none\" stroke=\"#999\"/>");
        if (rows == 0 || cols == 0) return;
        var finite = z.SelectMany(r => r).Where(double.IsFinite).ToList();
        if (finite.Count == 0) return;
        double lo = finite.Min(), hi = finite.Max();
        int rs = (rows + MaxCells - 1) / MaxCells, cs = (cols + MaxCells - 1) / MaxCells;
        double cw = plot.W / Math.Ceiling((double)cols / cs), ch = plot.H / Math.Ceiling((double)rows / rs);
        for (var r = 0; r < rows; r += rs)
            for (var c = 0; c < cols; c += cs)
            {
                var v = c < z[r].Length ? z[r][c] : double.NaN;
                if (!double.IsFinite(v)) continue;
                var t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
                // Row 0 at the bottom, as Plotly draws heatmaps.
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(plot.X + c / cs * cw)}\" y=\"{F(plot.Y + plot.H - (r / rs + 1) * ch)}\" width=\"{F(cw + 0.3)}\" height=\"{F(ch + 0.3)}\" fill=\"{Viridis(t)}\"/>");
            }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(plot.X + plot.W)}\" y=\"{F(plot.Y - 4)}\" text-anchor=\"end\" font-size=\"11\">colour: {Esc(Tick(lo))} … {Esc(Tick(hi))}</text>");
    }

    private static Scale ScaleOf(List<double> values, Axis axis, double from, double length, bool flip)
    {
        var usable = values.Where(v => double.IsFinite(v) && (!axis.Log || v > 0)).Select(v => axis.Log ? Math.Log10(v) : v).ToList();
        double min = usable.Count > 0 ? usable.Min() : 0, max = usable.Count > 0 ? usable.Max() : 1;
        if (axis.Min is { } a && (!axis.Log || a > 0)) min = axis.Log ? Math.Log10(a) : a;
        if (axis.Max is { } b && (!axis.Log || b > 0)) max = axis.Log ? Math.Log10(b) : b;
        if (max <= min)
        {
            min -= 0.5;
            max += 0.5;
        }
        else if (axis.Min is null && axis.Max is null)
        {
            var pad = 0.04 * (max - min);
            min -= pad;
            max += pad;
        }
        return new Scale(min, max, axis.Log, from, length, flip);
    }

    private static void Axes(StringBuilder svg, Box plot, Scale x, Scale y)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(plot.X)}\" y=\"{F(plot.Y)}\" width=\"{F(plot.W)}\" height=\"{F(plot.H)}\" fill=\"none\" stroke=\"#999\"/>");
        foreach (var v in Ticks(x))
        {
            var px = F(x.Map(v));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px}\" x2=\"{px}\" y1=\"{F(plot.Y)}\" y2=\"{F(plot.Y + plot.H)}\" stroke=\"#e5e5e5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{px}\" y=\"{F(plot.Y + plot.H + 15)}\" text-anchor=\"middle\" font-size=\"11\">{Esc(Tick(v))}</text>");
        }
        foreach (var v in Ticks(y))
        {
            var py = F(y.Map(v));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(plot.X)}\" x2=\"{F(plot.X + plot.W)}\" y1=\"{py}\" y2=\"{py}\" stroke=\"#e5e5e5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(plot.X - 5)}\" y=\"{py}\" dy=\"4\" text-anchor=\"end\" font-size=\"11\">{Esc(Tick(v))}</text>");
        }
    }

    /// <summary>Round tick values (1, 2 or 5 times a power of ten) inside the scale; powers of ten on log axes.</summary>
    private static IEnumerable<double> Ticks(Scale s)
    {
        if (s.Log)
        {
            for (var p = Math.Ceiling(s.Min); p <= s.Max && p - s.Min < 40; p++) yield return Math.Pow(10, p);
            yield break;
        }
        var raw = (s.Max - s.Min) / 6;
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        for (var v = Math.Ceiling(s.Min / step) * step; v <= s.Max + step * 1e-9; v += step) yield return Math.Abs(v) < step * 1e-9 ? 0 : v;
    }

    private static void Legend(StringBuilder svg, Figure figure, int width, int height)
    {
        var looks = FigureStyle.Looks(figure);
        for (var i = 0; i < figure.Traces.Count; i++)
        {
            var t = figure.Traces[i];
            var look = looks[i];
            double lx = Left + (i % 3) * (width - Left) / 3.0, ly = height + 12 + 18 * (i / 3);
            var name = t.Role == TraceRole.Simulation || t.Name.Contains(t.Role.ToString(), StringComparison.OrdinalIgnoreCase) ? t.Name : $"{t.Name} ({t.Role.ToString().ToLowerInvariant()})";
            if (look.Lines || figure.Kind == FigureKind.Histogram)
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(lx)}\" x2=\"{F(lx + 18)}\" y1=\"{F(ly - 4)}\" y2=\"{F(ly - 4)}\" stroke=\"{look.Color}\" stroke-width=\"2.5\"{DashArray(look.Dash)}/>");
            if (look.Markers && figure.Kind != FigureKind.Histogram) svg.Append(MarkerShape(look, lx + 9, ly - 4));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(lx + 23)}\" y=\"{F(ly)}\" font-size=\"11\">{MathText.ToSvgTspans(name.Length > 40 ? name[..40] + "…" : name)}</text>");
        }
    }

    private static string DashArray(string dash) => dash switch
    {
        "dash" => " stroke-dasharray=\"6 4\"",
        "dot" => " stroke-dasharray=\"2 3\"",
        "dashdot" => " stroke-dasharray=\"6 3 2 3\"",
        "longdash" => " stroke-dasharray=\"10 4\"",
        _ => "",
    };

    /// <summary>The marker shapes of <see cref="FigureStyle"/> as SVG; the rarer ones fall back to a circle.</summary>
    private static string MarkerShape(TraceLook look, double cx, double cy)
    {
        string x = F(cx), y = F(cy);
        return look.Symbol switch
        {
            "square" => $"<rect x=\"{F(cx - 3)}\" y=\"{F(cy - 3)}\" width=\"6\" height=\"6\" fill=\"{look.Color}\"/>",
            "diamond" => $"<path d=\"M{x} {F(cy - 4)} L{F(cx + 4)} {y} L{x} {F(cy + 4)} L{F(cx - 4)} {y} Z\" fill=\"{look.Color}\"/>",
            "triangle-up" => $"<path d=\"M{x} {F(cy - 4)} L{F(cx + 4)} {F(cy + 3)} L{F(cx - 4)} {F(cy + 3)} Z\" fill=\"{look.Color}\"/>",
            "triangle-down" => $"<path d=\"M{x} {F(cy + 4)} L{F(cx + 4)} {F(cy - 3)} L{F(cx - 4)} {F(cy - 3)} Z\" fill=\"{look.Color}\"/>",
            _ => $"<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{look.Color}\"/>",
        };
    }

    private static readonly (double R, double G, double B)[] ViridisStops = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];

    private static string Viridis(double t)
    {
        t = Math.Clamp(t, 0, 1) * (ViridisStops.Length - 1);
        var i = Math.Min((int)t, ViridisStops.Length - 2);
        var f = t - i;
        var (a, b) = (ViridisStops[i], ViridisStops[i + 1]);
        return $"#{(int)(a.R + f * (b.R - a.R)):x2}{(int)(a.G + f * (b.G - a.G)):x2}{(int)(a.B + f * (b.B - a.B)):x2}";
    }

    private static string Tick(double v) => Math.Abs(v) is >= 1e-3 and < 1e5 or 0 ? v.ToString("0.###", CultureInfo.InvariantCulture) : v.ToString("0.#e0", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
