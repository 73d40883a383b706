using Shared.Results;

namespace Compute.EnergyModels.Rbm;

/// <summary>Visible configurations (and weight filters) of an RBM drawn as images of the most square shape.</summary>
public static class ImageGrid
{
    /// <summary>
    /// Height × width of one image of <paramref name="pixels"/> pixels: the most square exact factorization
    /// when its aspect ratio is at most 4, else ⌈√n⌉ columns with the last row cut short.
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
    /// One trace per image of <paramref name="count"/> images, each <paramref name="pixels"/> long in row-major order of
    /// <see cref="Shape"/>; a last row cut short is NaN (blank) beyond the image.
    /// </summary>
    public static Trace[] Images(ReadOnlySpan<float> images, int count, int pixels, Func<int, string> name)
    {
        var (height, width) = Shape(pixels);
        var traces = new Trace[count];
        for (var t = 0; t < count; t++)
        {
            var z = new double[height][];
            for (var y = 0; y < height; y++)
            {
                z[y] = new double[width];
                for (var x = 0; x < width; x++)
                {
                    var p = y * width + x;
                    z[y][x] = p < pixels ? images[t * pixels + p] : double.NaN;
                }
            }
            traces[t] = new Trace { Name = name(t), Z = z };
        }
        return traces;
    }
}
