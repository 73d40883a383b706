namespace Compute.Numerics.Stats;

public static partial class Statistics
{
    /// <summary>
    /// Counts of <paramref name="values"/> in <paramref name="bins"/> equal-width bins over [min, max]:
    /// bin j covers [Edges[j], Edges[j+1]) and the last bin also includes max. Values outside the range and NaN
    /// are not counted. Edges has bins + 1 entries.
    /// </summary>
    public static (double[] Edges, double[] Counts) Histogram(ReadOnlySpan<double> values, int bins, double min, double max)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "A histogram needs at least one bin.");
        if (!(max > min) || !double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentException($"The range [{min}, {max}] must be finite and non-empty.", nameof(max));
        var edges = new double[bins + 1];
        var width = (max - min) / bins;
        for (var j = 0; j <= bins; j++) edges[j] = min + j * width;
        edges[bins] = max;
        var counts = new double[bins];
        var scale = bins / (max - min);
        foreach (var v in values)
        {
            if (!(v >= min && v <= max)) continue;
            var j = (int)((v - min) * scale);
            // Round-off can push a value just below an edge into the next bin; the edges are the truth.
            if (j >= bins) j = bins - 1;
            if (v < edges[j]) j--;
            else if (j + 1 < bins && v >= edges[j + 1]) j++;
            counts[j]++;
        }
        return (edges, counts);
    }

    /// <summary>The histogram normalized to a density: Edges has bins + 1 entries, Density is counts/(N·width).</summary>
    public static (double[] Edges, double[] Density) HistogramDensity(ReadOnlySpan<double> values, int bins, double min, double max)
    {
        var (edges, counts) = Histogram(values, bins, min, max);
        var norm = Math.Max(1, values.Length) * (max - min) / bins;
        for (var i = 0; i < bins; i++) counts[i] /= norm;
        return (edges, counts);
    }
}
