using Portal.Components.Charts;
using Shared.Results;

namespace Portal.Tests.Charts;

public class MathTextTests
{
    [Theory]
    [InlineData("β = J/k_BT", "β = J/k<sub>B</sub>T")]
    [InlineData("W_{·j}", "W<sub>·j</sub>")]
    [InlineData("2^{1−P}", "2<sup>1−P</sup>")]
    [InlineData("σ_k(W)", "σ<sub>k</sub>(W)")]
    [InlineData("J_ij (PLM)", "J<sub>ij</sub> (PLM)")]
    [InlineData("Σ_i ln p(v_i | v_−i)", "Σ<sub>i</sub> ln p(v<sub>i</sub> | v<sub>−i</sub>)")]
    [InlineData("q = (1/N) Σ s_i^a s_i^b", "q = (1/N) Σ s<sub>i</sub><sup>a</sup> s<sub>i</sub><sup>b</sup>")]
    [InlineData("E_J⟨H⟩/N", "E<sub>J</sub>⟨H⟩/N")]
    public void Scripts_BecomePlotlySubAndSup(string label, string expected) => Assert.Equal(expected, MathText.ToPlotly(label));

    [Theory]
    [InlineData("epoch", "epoch")]
    [InlineData("a < b & c", "a &lt; b &amp; c")]
    [InlineData("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;")]
    [InlineData("x_ y", "x_ y")]
    [InlineData("trailing_", "trailing_")]
    [InlineData("empty_{}", "empty_{}")]
    [InlineData("", "")]
    public void EverythingElse_IsEscapedText(string label, string expected) => Assert.Equal(expected, MathText.ToPlotly(label));

    [Fact]
    public void Svg_ShiftsScriptsAndReturnsToTheBaseline()
    {
        var svg = MathText.ToSvgTspans("k_BT < 1");
        Assert.Equal("k<tspan dy=\"4\" font-size=\"75%\">B</tspan><tspan dy=\"-4\">T &lt; 1</tspan>", svg);
        Assert.DoesNotContain("_", MathText.ToSvgTspans("W_{·j} and 2^{1−P}"));
    }

    [Fact]
    public void Figures_NeverShowRawTex_InPlotlyOrSvg()
    {
        var figure = new Figure
        {
            Id = "f", Title = "Weights W_{·j}", XAxis = new Axis("β = J/k_BT"), YAxis = new Axis("2^{1−P}"),
            Traces = [new Trace { Name = "σ_k", X = [1, 2], Y = [1, 2] }],
        };
        var layout = PlotlyMapping.Layout(figure, dark: false);
        Assert.Equal("β = J/k<sub>B</sub>T", layout.XAxis[0].Title.Text);
        Assert.Equal("2<sup>1−P</sup>", layout.YAxis[0].Title.Text);
        Assert.Equal("σ<sub>k</sub>", ((Plotly.Blazor.Traces.Scatter)PlotlyMapping.Traces(figure)[0]).Name);
        var svg = FigureSvg.Render(figure);
        foreach (var tex in new[] { "W_{", "k_B", "2^{", "σ_k" }) Assert.DoesNotContain(tex, svg);
        Assert.Contains("<tspan dy=\"4\" font-size=\"75%\">·j</tspan>", svg);
    }
}
