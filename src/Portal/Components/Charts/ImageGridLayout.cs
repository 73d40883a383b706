using Shared.Results;

namespace Portal.Components.Charts;

/// <summary>
/// Lays out the images of an <see cref="FigureKind.ImageGrid"/> as one heatmap for drawing: tiles in rows of the
/// figure's column count (default ⌈√count⌉), one blank cell between tiles, each image upright (a heatmap's
/// first row is its bottom row, an image's first row its top).
/// </summary>
public static class ImageGridLayout
{
    public static Figure AsHeatmap(Figure figure)
    {
        if (figure.Kind != FigureKind.ImageGrid) return figure;
        var images = figure.Traces.Where(t => t.Z is { Length: > 0 }).Select(t => t.Z!).ToList();
        if (images.Count == 0) return figure with { Kind = FigureKind.Heatmap, Traces = [] };
        var height = images.Max(z => z.Length);
        var width = images.Max(z => z.Max(row => row.Length));
        var columns = Math.Clamp(figure.Columns ?? (int)Math.Ceiling(Math.Sqrt(images.Count)), 1, images.Count);
        var rows = (images.Count + columns - 1) / columns;
        int totalHeight = rows * (height + 1) - 1, totalWidth = columns * (width + 1) - 1;
        var tiled = new double[totalHeight][];
        for (var y = 0; y < totalHeight; y++) Array.Fill(tiled[y] = new double[totalWidth], double.NaN);
        for (var k = 0; k < images.Count; k++)
        {
            int top = k / columns * (height + 1), left = k % columns * (width + 1);
            for (var y = 0; y < images[k].Length; y++)
                for (var x = 0; x < images[k][y].Length; x++)
                    tiled[totalHeight - 1 - (top + y)][left + x] = images[k][y][x];
        }
        // No colour-bar title: the figure's title already says what the tiles are.
        return figure with { Kind = FigureKind.Heatmap, Traces = [new Trace { Name = "", Z = tiled }] };
    }
}
