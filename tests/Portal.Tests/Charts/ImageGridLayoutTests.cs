using Portal.Components.Charts;
using Shared.Results;

namespace Portal.Tests.Charts;

public class ImageGridLayoutTests
{
    private static Trace Image(string name, params double[][] rowsTopDown) => new() { Name = name, Z = rowsTopDown };

    [Fact]
    public void AsHeatmap_TilesImagesUpright_WithOneBlankCellBetween()
    {
        var figure = new Figure
        {
            Id = "g", Title = "samples", Kind = FigureKind.ImageGrid, Columns = 2, XAxis = new Axis("x"), YAxis = new Axis("y"),
            Traces = [Image("a", [1, 2], [3, 4]), Image("b", [5, 6], [7, 8]), Image("c", [9, 10], [11, 12])],
        };

        var heatmap = ImageGridLayout.AsHeatmap(figure);

        Assert.Equal(FigureKind.Heatmap, heatmap.Kind);
        var z = Assert.Single(heatmap.Traces).Z!;
        // Two rows of tiles, 2×2 each, with gaps: 5×5; a heatmap's row 0 is drawn at the bottom.
        Assert.Equal(5, z.Length);
        Assert.Equal([1, 2, double.NaN, 5, 6], z[4]);
        Assert.Equal([3, 4, double.NaN, 7, 8], z[3]);
        Assert.All(z[2], v => Assert.True(double.IsNaN(v)));
        Assert.Equal([9, 10, double.NaN, double.NaN, double.NaN], z[1]);
        Assert.Equal([11, 12, double.NaN, double.NaN, double.NaN], z[0]);
        // The colour bar is not titled with the figure's own title a second time.
        Assert.Equal("", heatmap.Traces[0].Name);
    }

    [Fact]
    public void AsHeatmap_WithoutColumns_UsesASquareishGrid_AndLeavesOtherKindsAlone()
    {
        var images = Enumerable.Range(0, 5).Select(k => Image($"{k}", [k])).ToList();
        var figure = new Figure { Id = "g", Title = "t", Kind = FigureKind.ImageGrid, XAxis = new Axis("x"), YAxis = new Axis("y"), Traces = images };
        var z = ImageGridLayout.AsHeatmap(figure).Traces.Single().Z!;
        Assert.Equal(3, z.Length); // ⌈√5⌉ = 3 columns → 2 rows of 1-pixel tiles plus a gap
        Assert.Equal(5, z[0].Length);

        var xy = figure with { Kind = FigureKind.XY };
        Assert.Same(xy, ImageGridLayout.AsHeatmap(xy));
    }

    [Fact]
    public void TwoValued_SpinsAndBits_ButNotAGradient()
    {
        Assert.True(PlotlyMapping.TwoValued([[1, -1], [-1, double.NaN]]));
        Assert.True(PlotlyMapping.TwoValued([[0, 1, 1]]));
        Assert.False(PlotlyMapping.TwoValued([[0, 0.5, 1]]));
        Assert.False(PlotlyMapping.TwoValued([[1, 1]]));
    }

    [Fact]
    public void Svg_OfAnImageGrid_DrawsEveryPixelOfEveryImage()
    {
        var figure = new Figure
        {
            Id = "g", Title = "spins", Kind = FigureKind.ImageGrid, XAxis = new Axis("x"), YAxis = new Axis("y"),
            Traces = [Image("a", [1, -1], [-1, 1]), Image("b", [1, 1], [-1, -1])],
        };
        var svg = FigureSvg.Render(figure);
        // 8 pixels as cells plus the frame.
        Assert.Equal(9, System.Text.RegularExpressions.Regex.Matches(svg, "<rect x=").Count);
    }
}
