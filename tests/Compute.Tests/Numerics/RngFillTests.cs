using Compute.Numerics;

namespace Compute.Tests.Numerics;

/// <summary>
/// The bulk fills: exact agreement with a scalar xoshiro256** oracle (bit for bit for uniforms, to float
/// round-off for normals), determinism, and distribution tests (moments, Kolmogorov-Smirnov, χ², tails).
/// </summary>
[Trait("Category", "Kernels")]
public class RngFillTests
{
    /// <summary>Eight scalar xoshiro256** lanes seeded like <c>Xoshiro256x8</c>; word w comes from lane w mod 8.</summary>
    private static ulong[] OracleWords(ulong seed, int count)
    {
        var sm = seed;
        var s = new ulong[32];
        for (var i = 0; i < 32; i++) s[i] = SplitMix64(ref sm);
        var words = new ulong[count];
        for (var w = 0; w < count; w++)
        {
            var j = w % 8;
            words[w] = ulong.RotateLeft(s[8 + j] * 5, 7) * 9;
            var t = s[8 + j] << 17;
            s[16 + j] ^= s[j];
            s[24 + j] ^= s[8 + j];
            s[8 + j] ^= s[16 + j];
            s[j] ^= s[24 + j];
            s[16 + j] ^= t;
            s[24 + j] = ulong.RotateLeft(s[24 + j], 45);
        }
        return words;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The lane seed a fill takes: the generator's next 64-bit output.</summary>
    private static ulong LaneSeed(Rng rng) => rng.NextUInt64();

    [Theory]
    [MemberData(nameof(KernelLengths.All), MemberType = typeof(KernelLengths))]
    public void FillUniformFloat_AnyLength_MatchesScalarOracle(int n)
    {
        var rng = new Rng(100, (ulong)n);
        var copy = rng;
        var x = new float[n + 1];
        x[n] = -1f;
        rng.FillUniform(x.AsSpan(0, n));
        Assert.Equal(-1f, x[n]);
        if (n < 64)
        {
            for (var i = 0; i < n; i++) Assert.Equal(copy.NextFloat(), x[i]);
            return;
        }
        var words = OracleWords(LaneSeed(copy), (n + 15) / 16 * 8);
        for (var i = 0; i < n; i++)
        {
            // Float i is the top 24 bits of 32-bit half i mod 2 (low half first) of word i/2.
            var half = (uint)(words[i / 2] >> (32 * (i % 2)));
            Assert.Equal((half >> 8) * (1f / (1 << 24)), x[i]);
        }
    }

    [Theory]
    [MemberData(nameof(KernelLengths.All), MemberType = typeof(KernelLengths))]
    public void FillUniformDouble_AnyLength_MatchesScalarOracle(int n)
    {
        var rng = new Rng(101, (ulong)n);
        var copy = rng;
        var x = new double[n];
        rng.FillUniform(x);
        if (n < 64)
        {
            for (var i = 0; i < n; i++) Assert.Equal(copy.NextDouble(), x[i]);
            return;
        }
        var words = OracleWords(LaneSeed(copy), (n + 7) / 8 * 8);
        for (var i = 0; i < n; i++) Assert.Equal((words[i] >> 11) * (1.0 / (1UL << 53)), x[i]);
    }

    [Theory]
    [MemberData(nameof(KernelLengths.All), MemberType = typeof(KernelLengths))]
    public void FillNormal_AnyLength_MatchesBoxMullerOracle(int n)
    {
        var rng = new Rng(102, (ulong)n);
        var copy = rng;
        var zf = new float[n];
        var zd = new double[n];
        var rngD = rng;
        rng.FillNormal(zf);
        rngD.FillNormal(zd);
        if (n < 64)
        {
            var c2 = copy;
            for (var i = 0; i < n; i++)
            {
                Assert.Equal((float)copy.NextGaussian(), zf[i]);
                Assert.Equal(c2.NextGaussian(), zd[i]);
            }
            return;
        }
        var seed = LaneSeed(copy);
        // Chunks of up to 512 outputs over the whole multiple of 16, then one chunk of 16 for the tail.
        var whole = n & ~15;
        var chunks = new List<(int Start, int Length)>();
        for (var start = 0; start < whole; start += 512) chunks.Add((start, Math.Min(512, whole - start)));
        if (whole < n) chunks.Add((whole, 16));

        // Float: a chunk of 2h outputs uses h words; radii from the first h 32-bit halves, angles from the last h.
        var wordsF = OracleWords(seed, chunks.Sum(c => c.Length / 2));
        var offset = 0;
        foreach (var (start, length) in chunks)
        {
            var h = length / 2;
            for (var i = 0; i < h; i++)
            {
                uint Half(int k) => (uint)(wordsF[offset + k / 2] >> (32 * (k % 2)));
                var u = ((Half(i) >> 1) + 0.5) / (1L << 31);
                // Angle: quadrant from the two lowest bits, θ = (π/4)·t with t from the top 24 bits as a signed number.
                var a = Half(h + i);
                var phi = (a & 3) * Math.PI / 2 + Math.PI / 4 * ((int)a >> 8) / (1 << 23);
                var r = Math.Sqrt(-2 * Math.Log(u));
                if (start + i < n) Assert.Equal(r * Math.Cos(phi), zf[start + i], 2e-6 * (1 + r));
                if (start + h + i < n) Assert.Equal(r * Math.Sin(phi), zf[start + h + i], 2e-6 * (1 + r));
            }
            offset += h;
        }

        // Double: a chunk of 2h outputs uses 2h words; radii from the first h words, angles from the last h.
        var wordsD = OracleWords(seed, chunks.Sum(c => c.Length));
        offset = 0;
        foreach (var (start, length) in chunks)
        {
            var h = length / 2;
            for (var i = 0; i < h; i++)
            {
                var u = 1 - (wordsD[offset + i] >> 11) / (double)(1UL << 53);
                // Angle: quadrant from the two lowest bits, θ = (π/4)·t with t ∈ [−1, 1) from the top 52 bits.
                var a = wordsD[offset + h + i];
                var phi = (a & 3) * Math.PI / 2 + Math.PI / 4 * (2.0 * (a >> 12) / (1UL << 52) - 1);
                var r = Math.Sqrt(-2 * Math.Log(u));
                if (start + i < n) Assert.Equal(r * Math.Cos(phi), zd[start + i], 1e-13 * (1 + r));
                if (start + h + i < n) Assert.Equal(r * Math.Sin(phi), zd[start + h + i], 1e-13 * (1 + r));
            }
            offset += length;
        }
    }

    [Fact]
    public void Fills_SameSeed_AreIdentical_DifferentStreamsAndCallsDiffer()
    {
        float[] Draw(ulong seed, ulong stream, int calls)
        {
            var rng = new Rng(seed, stream);
            var x = new float[1000];
            for (var c = 0; c < calls; c++) rng.FillNormal(x);
            return x;
        }
        Assert.Equal(Draw(7, 0, 1), Draw(7, 0, 1));
        Assert.NotEqual(Draw(7, 0, 1), Draw(7, 1, 1));
        Assert.NotEqual(Draw(7, 0, 1), Draw(8, 0, 1));
        Assert.NotEqual(Draw(7, 0, 1), Draw(7, 0, 2));
        // Streams must be uncorrelated, not merely different: the sample correlation is O(1/√N).
        var a = Draw(7, 0, 1);
        var b = Draw(7, 1, 1);
        var corr = a.Zip(b, (x, y) => (double)x * y).Sum() / a.Length;
        Assert.True(Math.Abs(corr) < 5 / Math.Sqrt(a.Length), $"stream correlation {corr}");
    }

    [Fact]
    public void FillUniform_Distribution_PassesMomentsKsAndChiSquare()
    {
        const int n = 200_000;
        var rng = new Rng(5);
        var f = new float[n];
        var d = new double[n];
        rng.FillUniform(f);
        rng.FillUniform(d);
        foreach (var x in new[] { f.Select(v => (double)v).ToArray(), d })
        {
            Assert.All(x, v => Assert.True(v >= 0 && v < 1));
            var mean = x.Average();
            var variance = x.Sum(v => (v - mean) * (v - mean)) / (n - 1);
            Assert.True(Math.Abs(mean - 0.5) < 5 * Math.Sqrt(1.0 / 12 / n), $"mean {mean}");
            // Var of the sample variance of U(0,1): (1/80 − 1/144)/N.
            Assert.True(Math.Abs(variance - 1.0 / 12) < 5 * Math.Sqrt((1.0 / 80 - 1.0 / 144) / n), $"variance {variance}");
            Assert.True(KolmogorovSmirnov(x, v => v) < 1.95 / Math.Sqrt(n), "KS distance beyond the 0.1 % critical value");
            // χ² over 100 equal bins, 99 degrees of freedom: mean 99, σ = √198; 99.9 % quantile ≈ 148.
            var counts = new double[100];
            foreach (var v in x) counts[(int)(v * 100)]++;
            var chi2 = counts.Sum(c => (c - n / 100.0) * (c - n / 100.0) / (n / 100.0));
            Assert.True(chi2 < 148.2, $"χ² = {chi2}");
            // Successive values uncorrelated (lag-1 covariance over the 8-lane interleave).
            var lag1 = Enumerable.Range(0, n - 1).Sum(i => (x[i] - 0.5) * (x[i + 1] - 0.5)) / (n - 1) * 12;
            Assert.True(Math.Abs(lag1) < 5 / Math.Sqrt(n), $"lag-1 correlation {lag1}");
        }
    }

    [Fact]
    public void FillNormal_Distribution_PassesMomentsKsAndTails()
    {
        const int n = 200_000;
        var rng = new Rng(6);
        var f = new float[n];
        var d = new double[n];
        rng.FillNormal(f);
        rng.FillNormal(d);
        foreach (var x in new[] { f.Select(v => (double)v).ToArray(), d })
        {
            var mean = x.Average();
            var m2 = x.Sum(v => v * v) / n;
            var m4 = x.Sum(v => v * v * v * v) / n;
            Assert.True(Math.Abs(mean) < 5 / Math.Sqrt(n), $"mean {mean}");
            Assert.True(Math.Abs(m2 - 1) < 5 * Math.Sqrt(2.0 / n), $"⟨z²⟩ = {m2}");
            Assert.True(Math.Abs(m4 - 3) < 5 * Math.Sqrt(96.0 / n), $"⟨z⁴⟩ = {m4}");
            Assert.True(KolmogorovSmirnov(x, v => 1 - Special.H(v)) < 1.95 / Math.Sqrt(n), "KS distance beyond the 0.1 % critical value");
            // Tail beyond 3σ: p = 2H(3) = 0.0026998.
            var p = 2 * Special.H(3);
            var tail = x.Count(v => Math.Abs(v) > 3) / (double)n;
            Assert.True(Math.Abs(tail - p) < 5 * Math.Sqrt(p / n), $"P(|z|>3) = {tail}, exact {p}");
            // cos and sin halves of a Box-Muller pair are uncorrelated: ⟨z_i z_{i+h}⟩ = 0.
            var pair = Enumerable.Range(0, 256).Sum(i => x[i] * x[i + 256]) / 256;
            Assert.True(Math.Abs(pair) < 5 / Math.Sqrt(256), $"pair correlation {pair}");
        }
    }

    private static double KolmogorovSmirnov(double[] x, Func<double, double> cdf)
    {
        var sorted = (double[])x.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var c = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(c - (double)i / n, (i + 1.0) / n - c));
        }
        return d;
    }
}
