using Compute.EnergyModels.Hamiltonians;
using Compute.Numerics;
using Shared.Models;

namespace Compute.EnergyModels.Rbm;

/// <summary>The built-in training sets, generated reproducibly from the run's seed (rows of 0/1, 1 = on / spin up).</summary>
public static class RbmDatasets
{
    /// <summary>
    /// All distinct bars-and-stripes patterns of an n×n image: every subset of rows on, or every subset of
    /// columns on; the empty and full images appear once, so there are 2^{n+1} − 2 patterns (30 for 4×4).
    /// Ref: MacKay (2003), Information Theory, Inference and Learning Algorithms, ch. 43.
    /// </summary>
    public static BinaryMatrix BarsAndStripes(int n)
    {
        if (n < 2 || n > 12) throw new ArgumentOutOfRangeException(nameof(n), "Bars-and-stripes side must be in [2, 12].");
        var patterns = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<byte[]>();
        for (var horizontal = 0; horizontal < 2; horizontal++)
        {
            for (var mask = 0; mask < 1 << n; mask++)
            {
                var image = new byte[n * n];
                for (var r = 0; r < n; r++)
                    for (var c = 0; c < n; c++)
                        image[r * n + c] = (byte)(((mask >> (horizontal == 0 ? r : c)) & 1) != 0 ? 1 : 0);
                if (patterns.Add(Convert.ToHexString(image))) rows.Add(image);
            }
        }
        return new BinaryMatrix(rows.Count, n * n, rows.SelectMany(x => x).ToArray());
    }

    /// <summary>Number of distinct bars-and-stripes patterns, 2^{n+1} − 2.</summary>
    public static int BarsAndStripesCount(int n) => (1 << (n + 1)) - 2;

    /// <summary>
    /// <paramref name="copies"/> copies of every row, in order, so the empirical distribution is unchanged
    /// (still uniform over the distinct patterns).
    /// </summary>
    public static BinaryMatrix Repeat(BinaryMatrix patterns, int copies)
    {
        var data = new byte[patterns.Data.Length * copies];
        for (var c = 0; c < copies; c++) patterns.Data.CopyTo(data, c * patterns.Data.Length);
        return new BinaryMatrix(patterns.Rows * copies, patterns.Columns, data);
    }

    /// <summary>
    /// Noisy prototypes: <paramref name="prototypes"/> random 0/1 patterns (each bit on with probability ½);
    /// each sample copies a uniformly chosen prototype and flips every bit with probability <paramref name="noise"/>.
    /// </summary>
    public static BinaryMatrix NoisyPrototypes(int visible, int count, int prototypes, double noise, ulong seed)
    {
        var rng = new Rng(seed, 0x9807);
        var protos = new byte[prototypes * visible];
        for (var i = 0; i < protos.Length; i++) protos[i] = (byte)(rng.NextUInt64() >> 63);
        var data = new byte[count * visible];
        for (var r = 0; r < count; r++)
        {
            var p = rng.NextInt(prototypes);
            for (var i = 0; i < visible; i++)
            {
                var bit = protos[p * visible + i];
                data[r * visible + i] = rng.NextDouble() < noise ? (byte)(1 - bit) : bit;
            }
        }
        return new BinaryMatrix(count, visible, data);
    }

    /// <summary>
    /// Samples of a random teacher RBM with <paramref name="teacherHidden"/> hidden units,
    /// W_ij ~ N(0, scale²/√(nv·nh)), biases centring the fields
    /// (a_i = −½ Σ_j W_ij, b_j = −½ Σ_i W_ij for 0/1 units, zero for spins). 64 independent chains are
    /// equilibrated for 1000 block-Gibbs steps, then one sample is kept every 20 steps from each chain.
    /// </summary>
    public static BinaryMatrix TeacherSamples(int visible, int teacherHidden, double scale, int count, RbmUnits units, ulong seed, CancellationToken ct)
    {
        var teacher = RandomTeacher(visible, teacherHidden, scale, units, seed);
        var rng = new Rng(seed, 0x7EAC);
        const int chains = 64, burnIn = 1000, thin = 20;
        var v = new float[chains * visible];
        var h = new float[chains * teacherHidden];
        var p = new float[chains * Math.Max(visible, teacherHidden)];
        var u = new float[p.Length];
        for (var i = 0; i < v.Length; i++) v[i] = rng.NextUInt64() >> 63 != 0 ? 1f : teacher.Down;
        var data = new byte[count * visible];
        var taken = 0;
        for (var t = 1; taken < count; t++)
        {
            if ((t & 31) == 0) ct.ThrowIfCancellationRequested();
            var hp = p.AsSpan(0, chains * teacherHidden);
            RbmGibbs.HiddenProbabilities(teacher, v, hp, chains);
            rng.FillUniform(u.AsSpan(0, hp.Length));
            RbmGibbs.Sample(hp, u.AsSpan(0, hp.Length), h, units);
            var vp = p.AsSpan(0, chains * visible);
            RbmGibbs.VisibleProbabilities(teacher, h, vp, chains);
            rng.FillUniform(u.AsSpan(0, vp.Length));
            RbmGibbs.Sample(vp, u.AsSpan(0, vp.Length), v, units);
            if (t < burnIn || t % thin != 0) continue;
            for (var c = 0; c < chains && taken < count; c++, taken++)
                for (var i = 0; i < visible; i++) data[taken * visible + i] = v[c * visible + i] > 0 ? (byte)1 : (byte)0;
        }
        return new BinaryMatrix(count, visible, data);
    }

    /// <summary>The teacher of <see cref="TeacherSamples"/>.</summary>
    public static RestrictedBoltzmannMachine RandomTeacher(int visible, int hidden, double scale, RbmUnits units, ulong seed)
    {
        var teacher = new RestrictedBoltzmannMachine(visible, hidden, units);
        var rng = new Rng(seed, 0x7EA);
        var sigma = scale / Math.Sqrt(Math.Sqrt((double)visible * hidden));
        for (var i = 0; i < teacher.W.Length; i++) teacher.W[i] = (float)(sigma * rng.NextGaussian());
        if (units == RbmUnits.Binary)
        {
            for (var i = 0; i < visible; i++)
            {
                double s = 0;
                for (var j = 0; j < hidden; j++) s += teacher.W[i * hidden + j];
                teacher.A[i] = (float)(-0.5 * s);
            }
            for (var j = 0; j < hidden; j++)
            {
                double s = 0;
                for (var i = 0; i < visible; i++) s += teacher.W[i * hidden + j];
                teacher.B[j] = (float)(-0.5 * s);
            }
        }
        return teacher;
    }

    /// <summary>
    /// Equilibrium configurations of the L×L periodic Ising model H = −Σ⟨ij⟩ s_i s_j at β (1 = spin up), from
    /// <see cref="Ising.IsingConfigurations.Sample"/> with 5 Metropolis+Wolff sweeps between samples, generated
    /// in independent chunks of 2000 so that cancellation is checked between them.
    /// </summary>
    public static BinaryMatrix IsingSamples(int side, double beta, int count, ulong seed, CancellationToken ct)
    {
        const int chunk = 2000;
        var n = side * side;
        var data = new byte[count * n];
        for (int start = 0, c = 0; start < count; start += chunk, c++)
        {
            ct.ThrowIfCancellationRequested();
            var rows = Math.Min(chunk, count - start);
            var chunkSeed = new Rng(seed, 0x151A6UL + (ulong)c).NextUInt64();
            Ising.IsingConfigurations.Sample(side, beta, rows, 5, chunkSeed).Data.CopyTo(data, start * n);
        }
        return new BinaryMatrix(count, n, data);
    }

    /// <summary>Energy per site −(1/N) Σ⟨ij⟩ s_i s_j of a 0/1 row read as an L×L periodic spin configuration.</summary>
    public static double IsingEnergyPerSite(ReadOnlySpan<float> units, int side) => IsingTorus.Energy(units, side) / (double)(side * side);

    /// <summary>Row <paramref name="row"/> as unit values (0/1 → 0/1, or → −1/+1 for spins).</summary>
    public static void ToUnits(BinaryMatrix data, int row, Span<float> destination, RbmUnits units)
    {
        var src = data.Row(row);
        var down = units == RbmUnits.Binary ? 0f : -1f;
        for (var i = 0; i < src.Length; i++) destination[i] = src[i] != 0 ? 1f : down;
    }
}
