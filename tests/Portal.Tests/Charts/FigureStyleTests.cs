using Portal.Components.Charts;
using Shared.Results;

namespace Portal.Tests.Charts;

public class FigureStyleTests
{
    private static Figure Xy(Axis? y = null, params Trace[] traces) =>
        new() { Id = "f", Title = "t", XAxis = new Axis("x"), YAxis = y ?? new Axis("y"), Traces = traces };

    private static Trace Sim(string name, params double[] y) => new() { Name = name, X = [.. Enumerable.Range(0, y.Length).Select(i => (double)i)], Y = y };
    private static Trace Theory(string name, params double[] y) => Sim(name, y) with { Role = TraceRole.Theory, Style = TraceStyle.Lines };

    [Fact]
    public void EachSimulation_SharesItsHueWithItsTheory_AsMarkersAgainstALine_AndNoOtherTraceRepeatsIt()
    {
        var figure = Xy(null, Sim("m (N = 100)", 1, 2), Sim("q (N = 100)", 1, 2), Theory("q", 1, 2), Theory("m theory", 1, 2), Theory("replica bound", 1, 2));
        var looks = FigureStyle.Looks(figure);
        Assert.Equal(looks[0].Color, looks[3].Color); // by name stem "m"
        Assert.Equal(looks[1].Color, looks[2].Color); // by name stem "q"
        Assert.Equal(3, looks.Select(l => l.Color).Distinct().Count());
        Assert.True(looks[0] is { Markers: true, Lines: false });
        Assert.True(looks[3] is { Lines: true, Markers: false });
        Assert.NotEqual(looks[0].Symbol, looks[1].Symbol);
        Assert.Equal(3, looks.Skip(2).Select(l => l.Dash).Distinct().Count());
    }

    [Fact]
    public void WithoutACommonStem_TheoriesPairWithSimulationsInOrder()
    {
        var looks = FigureStyle.Looks(Xy(null, Sim("simulation", 1), Theory("AGS retrieval state", 1)));
        Assert.Equal(looks[0].Color, looks[1].Color);
    }

    [Fact]
    public void ManySeries_NeverRepeatAColour()
    {
        var figure = Xy(null, [.. Enumerable.Range(0, 16).Select(k => Sim($"σ_{k}", 1, 2))]);
        var looks = FigureStyle.Looks(figure);
        Assert.Equal(16, looks.Select(l => l.Color).Distinct().Count());
        // Every marker shape of the scheme exists in Plotly.Blazor under its plotly.js name.
        var symbols = PlotlyMapping.Traces(figure).Cast<Plotly.Blazor.Traces.Scatter>().Select(t => t.Marker.Symbol).ToList();
        Assert.Equal(8, symbols.Distinct().Count());
        Assert.All(looks, l => Assert.True(l.Lines && l.Markers)); // unpaired: the declared style
    }

    [Fact]
    public void Fractions_StayOn0To1_AndPositiveSeriesOverDecades_GetALogAxis()
    {
        var fraction = FigureStyle.WithAxisRules(Xy(new Axis("fraction solved"), Sim("s", 0.1, 0.5, 0.9)));
        Assert.Equal((-0.02, 1.02), (fraction.YAxis.Min, fraction.YAxis.Max));
        var loss = FigureStyle.WithAxisRules(Xy(new Axis("loss"), Sim("s", 1000, 10, 0.1)));
        Assert.True(loss.YAxis.Log);
        var narrow = FigureStyle.WithAxisRules(Xy(new Axis("loss"), Sim("s", 100, 10, 1)));
        Assert.False(narrow.YAxis.Log);
        var signed = FigureStyle.WithAxisRules(Xy(new Axis("energy"), Sim("s", -1000, 10, 0.001)));
        Assert.False(signed.YAxis.Log);
        var set = FigureStyle.WithAxisRules(Xy(new Axis("fraction", Min: 0, Max: 0.5), Sim("s", 0.1)));
        Assert.Equal(0.5, set.YAxis.Max);
    }

    [Fact]
    public void PlotlyAndSvg_DrawTheSameLooks()
    {
        var figure = Xy(null, Sim("m", 1, 2) with { ErrorY = [0.1, 0.1] }, Theory("m theory", 1, 2));
        var traces = PlotlyMapping.Traces(figure).Cast<Plotly.Blazor.Traces.Scatter>().ToList();
        var looks = FigureStyle.Looks(figure);
        Assert.Equal(looks[0].Color, traces[0].Marker.Color);
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers, traces[0].Mode);
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines, traces[1].Mode);
        var svg = FigureSvg.Render(figure);
        Assert.Contains($"fill=\"{looks[0].Color}\"", svg);
        Assert.Contains($"stroke=\"{looks[1].Color}\"", svg);
    }
}
