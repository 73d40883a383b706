using System.Text;

namespace Portal.Components.Charts;

/// <summary>
/// The light TeX of figure labels (<c>k_BT</c>, <c>W_{·j}</c>, <c>2^{1−P}</c>, <c>σ_k</c>, <c>J_ij</c>) as sub- and
/// superscripts: Plotly's &lt;sub&gt;/&lt;sup&gt; for live charts, tspans for the static SVG, never the raw TeX.
/// After <c>_</c> or <c>^</c>: a braced group; else one capital (k_BT is k_B T); else a signed run of lower-case
/// letters and digits (J_ij, v_−i). Everything else is text, escaped.
/// </summary>
public static class MathText
{
    public enum Position { Normal, Sub, Super }

    public readonly record struct Segment(string Text, Position Position);

    public static IReadOnlyList<Segment> Parse(string? label)
    {
        var segments = new List<Segment>();
        if (string.IsNullOrEmpty(label)) return segments;
        var text = new StringBuilder();
        var i = 0;
        while (i < label.Length)
        {
            var c = label[i];
            if ((c == '_' || c == '^') && Script(label, i + 1) is { Length: > 0 } script)
            {
                Flush(segments, text);
                segments.Add(new Segment(script.Text, c == '_' ? Position.Sub : Position.Super));
                i += 1 + script.Length;
                continue;
            }
            text.Append(c);
            i++;
        }
        Flush(segments, text);
        return segments;
    }

    /// <summary>For Plotly's text (titles, axis titles, legends, annotations).</summary>
    public static string ToPlotly(string? label)
    {
        var html = new StringBuilder();
        foreach (var s in Parse(label))
            html.Append(s.Position switch
            {
                Position.Sub => $"<sub>{Escape(s.Text)}</sub>",
                Position.Super => $"<sup>{Escape(s.Text)}</sup>",
                _ => Escape(s.Text),
            });
        return html.ToString();
    }

    /// <summary>The content of an SVG &lt;text&gt; element: shifted, smaller tspans for scripts, back to the baseline after.</summary>
    public static string ToSvgTspans(string? label)
    {
        var svg = new StringBuilder();
        var shift = 0;
        foreach (var s in Parse(label))
        {
            var target = s.Position switch { Position.Sub => 4, Position.Super => -5, _ => 0 };
            var dy = target - shift;
            shift = target;
            svg.Append(s.Position == Position.Normal
                ? dy == 0 ? Escape(s.Text) : $"<tspan dy=\"{dy}\">{Escape(s.Text)}</tspan>"
                : $"<tspan dy=\"{dy}\" font-size=\"75%\">{Escape(s.Text)}</tspan>");
        }
        // A trailing script leaves the pen shifted; nothing follows inside this element, so no reset is needed.
        return svg.ToString();
    }

    private static (string Text, int Length) Script(string label, int start)
    {
        if (start >= label.Length) return ("", 0);
        if (label[start] == '{')
        {
            var close = label.IndexOf('}', start + 1);
            return close > start + 1 ? (label[(start + 1)..close], close - start + 1) : ("", 0);
        }
        if (char.IsUpper(label[start])) return (label[start].ToString(), 1);
        var end = start;
        if (label[end] is '−' or '-' or '+') end++;
        var digitsOrLetters = end;
        while (end < label.Length && (char.IsDigit(label[end]) || char.IsLower(label[end]))) end++;
        return end > digitsOrLetters ? (label[start..end], end - start) : ("", 0);
    }

    private static void Flush(List<Segment> segments, StringBuilder text)
    {
        if (text.Length == 0) return;
        segments.Add(new Segment(text.ToString(), Position.Normal));
        text.Clear();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
