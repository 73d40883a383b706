using System.Numerics;

namespace Compute.Numerics.Stats;

public static partial class Statistics
{
    /// <summary>Sokal's window factor: the window W is the smallest lag with W ≥ c·τ_int(W).</summary>
    private const double SokalWindowFactor = 6.0;

    /// <summary>
    /// Integrated autocorrelation time τ_int = ½ + Σ_{t=1}^{W} ρ(t) of a stationary series, with the normalized
    /// autocorrelation ρ(t) computed by FFT and the window W chosen by Sokal's automatic windowing (smallest W
    /// with W ≥ 6 τ_int(W)). With this convention the variance of the mean is 2τ_int σ²/N, and an uncorrelated
    /// series has τ_int = ½. The error is the Madras-Sokal estimate τ_int √(2(2W+1)/N).
    /// A constant series gives (½, 0, 0); fewer than 2 values give (NaN, NaN, 0).
    /// Ref: Sokal, "Monte Carlo methods in statistical mechanics" (Cargèse 1996), eqs. (3.19)-(3.21);
    /// Madras &amp; Sokal, J. Stat. Phys. 50, 109 (1988).
    /// </summary>
    public static (double Tau, double Error, int Window) IntegratedAutocorrelationTime(ReadOnlySpan<double> series)
    {
        var n = series.Length;
        if (n < 2) return (double.NaN, double.NaN, 0);
        var rho = Autocorrelation(series);
        if (rho is null) return (0.5, 0, 0);
        var tau = 0.5;
        var window = n - 1;
        for (var t = 1; t < n; t++)
        {
            tau += rho[t];
            if (t >= SokalWindowFactor * tau)
            {
                window = t;
                break;
            }
        }
        return (tau, tau * Math.Sqrt(2.0 * (2 * window + 1) / n), window);
    }

    /// <summary>
    /// Normalized autocorrelation ρ(t) = C(t)/C(0), C(t) = (1/N) Σ_{i&lt;N−t} (x_i − x̄)(x_{i+t} − x̄), t = 0…N−1, via a
    /// zero-padded FFT (O(N log N)); null when the series is constant.
    /// </summary>
    private static double[]? Autocorrelation(ReadOnlySpan<double> series)
    {
        var n = series.Length;
        var mean = 0.0;
        foreach (var v in series) mean += v;
        mean /= n;
        // Padding to ≥ 2N turns the FFT's circular correlation into the linear one.
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * n));
        var re = new double[size];
        var im = new double[size];
        for (var i = 0; i < n; i++) re[i] = series[i] - mean;
        Fft(re, im, inverse: false);
        for (var i = 0; i < size; i++)
        {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        Fft(re, im, inverse: true);
        var c0 = re[0];
        if (!(c0 > 0)) return null;
        var rho = new double[n];
        for (var t = 0; t < n; t++) rho[t] = re[t] / c0;
        return rho;
    }

    /// <summary>In-place iterative radix-2 Cooley-Tukey FFT of a power-of-two length (unnormalized in both directions).</summary>
    private static void Fft(double[] re, double[] im, bool inverse)
    {
        var n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            // Bit-reversal permutation: j is i with its bits reversed.
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (var len = 2; len <= n; len <<= 1)
        {
            var angle = (inverse ? 2 : -2) * Math.PI / len;
            var half = len / 2;
            for (var k = 0; k < half; k++)
            {
                // Twiddles computed directly (not by recurrence) to keep round-off at machine precision.
                var (wi, wr) = Math.SinCos(angle * k);
                for (var start = 0; start < n; start += len)
                {
                    var a = start + k;
                    var b = a + half;
                    var tr = re[b] * wr - im[b] * wi;
                    var ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
