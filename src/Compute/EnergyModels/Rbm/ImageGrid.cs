namespace Compute.EnergyModels.Rbm;

/// <summary>
/// Tiles equally sized images into one heatmap matrix with a one-cell NaN gap between tiles (NaN cells are
/// left blank). Rows are stored bottom-up (Z[0] is the bottom row, as a heatmap's y axis runs upwards) so
/// that images appear upright.
/// </summary>
public static class ImageGrid
{
    /// <summary>
    /// Height × width of one image of <paramref name="pixels"/> pixels: the most square exact factorization
    /// when its aspect ratio is at most 4, else ⌈√n⌉ columns with the last row padded by NaN.
    /// </summary>
    public static (int Height, int Width) Shape(int pixels)
    {
        var d = (int)Math.Sqrt(pixels);
        while (d > 1 && pixels % d != 0) d--;
        var other = pixels / d;
        if (other <= 4 * d) return (d, other);
        var width = (int)Math.Ceiling(Math.Sqrt(pixels));
        return ((pixels + width - 1) / width, width);
    }

    /// <summary>
    /// Tiles <paramref name="count"/> images (each <paramref name="pixels"/> long, row-major of <see cref="Shape"/>)
    /// into a grid of ⌈√count⌉ columns.
    /// </summary>
    public static double[][] Tile(ReadOnlySpan<float> images, int count, int pixels)
    {
        var (height, width) = Shape(pixels);
        var columns = (int)Math.Ceiling(Math.Sqrt(count));
        var rows = (count + columns - 1) / columns;
        var totalHeight = rows * (height + 1) - 1;
        var totalWidth = columns * (width + 1) - 1;
        var z = new double[totalHeight][];
        for (var y = 0; y < totalHeight; y++)
        {
            z[y] = new double[totalWidth];
            Array.Fill(z[y], double.NaN);
        }
        for (var t = 0; t < count; t++)
        {
            int tileRow = t / columns, tileColumn = t % columns;
            for (var p = 0; p < pixels; p++)
            {
                int py = p / width, px = p % width;
                var topDownY = tileRow * (height + 1) + py;
                z[totalHeight - 1 - topDownY][tileColumn * (width + 1) + px] = images[t * pixels + p];
            }
        }
        return z;
    }
}
