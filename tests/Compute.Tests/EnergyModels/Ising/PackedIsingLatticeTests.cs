using Compute.EnergyModels.Ising;
using Compute.Numerics;

namespace Compute.Tests.EnergyModels.Ising;

public class PackedIsingLatticeTests
{
    /// <summary>
    /// Plain scalar checkerboard update of one colour: for every site of the colour, count antiparallel neighbours k,
    /// flip if a_k = 1, else compare a uniform deviate u with a_k bit by bit (most significant first). The sites of a row's
    /// colour come in chunks of 4 × 64; site j of the chunk takes bit j mod 64 of the words of stream lane j / 64, and the
    /// four lanes draw their j-th word together, only when some site of the chunk needs bit j.
    /// </summary>
    private static void ReferenceColor(sbyte[] spins, int l, int color, CheckerboardAcceptance a, Xoshiro256[,] streams)
    {
        const int lanes = PackedIsingLattice.Lanes;
        var half = l / 2;
        var words = new List<ulong[]>();
        var flips = new bool[64 * lanes];
        for (var y = 0; y < l; y++)
        {
            var firstX = (y & 1) == color ? 0 : 1;
            for (var chunk = 0; chunk * 64 * lanes < half; chunk++)
            {
                words.Clear();
                Array.Clear(flips);
                var count = Math.Min(64 * lanes, half - chunk * 64 * lanes);
                for (var j = 0; j < count; j++)
                {
                    var x = firstX + 2 * (chunk * 64 * lanes + j);
                    var s = spins[y * l + x];
                    var k = 0;
                    foreach (var (dx, dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
                        if (spins[(y + dy + l) % l * l + (x + dx + l) % l] != s) k++;
                    if (a.Always[k]) flips[j] = true;
                    else if (a.Compare[k])
                    {
                        for (var depth = 0; depth < 64; depth++)
                        {
                            while (words.Count <= depth)
                            {
                                var draw = new ulong[lanes];
                                for (var lane = 0; lane < lanes; lane++) draw[lane] = streams[y, lane].NextUInt64();
                                words.Add(draw);
                            }
                            var u = (words[depth][j / 64] >> (j % 64)) & 1;
                            var p = (a.Threshold[k] >> (63 - depth)) & 1;
                            if (u != p)
                            {
                                flips[j] = u < p;
                                break;
                            }
                        }
                    }
                }
                for (var j = 0; j < count; j++)
                    if (flips[j]) spins[y * l + firstX + 2 * (chunk * 64 * lanes + j)] *= -1;
            }
        }
    }

    public static TheoryData<int, double, bool> Cases()
    {
        var data = new TheoryData<int, double, bool>();
        foreach (var l in new[] { 2, 4, 6, 10, 64, 126, 128, 130, 132, 254, 256, 258, 510, 512, 514, 1026 })
        {
            data.Add(l, 0.4406868, false);
            data.Add(l, 0.25, true);
        }
        data.Add(8, 0.0, false);
        data.Add(8, 3.0, true);
        return data;
    }

    [Theory]
    [Trait("Category", "Kernels")]
    [MemberData(nameof(Cases))]
    public void Sweep_MatchesScalarCheckerboardBitForBit(int l, double beta, bool heatBath)
    {
        var acceptance = heatBath ? CheckerboardAcceptance.HeatBath(beta) : CheckerboardAcceptance.Metropolis(beta);
        var packed = new PackedIsingLattice(l, 77, acceptance);
        packed.Randomize();
        var spins = new sbyte[l * l];
        packed.CopyTo(spins);
        var rows = new Xoshiro256[l, PackedIsingLattice.Lanes];
        for (var y = 0; y < l; y++)
        for (var lane = 0; lane < PackedIsingLattice.Lanes; lane++) rows[y, lane] = packed.Stream(y, lane);
        for (var sweep = 0; sweep < 3; sweep++)
        {
            packed.Sweep(threads: sweep == 1 ? 2 : 1);
            ReferenceColor(spins, l, 0, acceptance, rows);
            ReferenceColor(spins, l, 1, acceptance, rows);
            var actual = new sbyte[l * l];
            packed.CopyTo(actual);
            Assert.Equal(spins, actual);
        }
        var reference = new IsingLattice(l);
        spins.CopyTo(reference.Spins, 0);
        Assert.Equal(reference.Energy(), packed.Energy());
        Assert.Equal(reference.Magnetization(), packed.Magnetization());
    }

    [Fact]
    public void CopyFrom_RoundTripsAndKeepsPaddingClear()
    {
        const int l = 70;
        var rng = new Rng(3);
        var lattice = new IsingLattice(l);
        lattice.Randomize(ref rng);
        var packed = new PackedIsingLattice(l, 1, CheckerboardAcceptance.Metropolis(0.4));
        packed.CopyFrom(lattice.Spins);
        var back = new sbyte[l * l];
        packed.CopyTo(back);
        Assert.Equal(lattice.Spins, back);
        Assert.Equal(lattice.Magnetization(), packed.Magnetization());
        Assert.Equal(lattice.Energy(), packed.Energy());
    }

    [Fact]
    public void AcceptanceThresholds_AreMetropolisAndHeatBathProbabilities()
    {
        var m = CheckerboardAcceptance.Metropolis(0.5);
        Assert.Equal(Math.Exp(-4), m.Probabilities[0], 15);
        Assert.Equal(Math.Exp(-2), m.Probabilities[1], 15);
        Assert.True(m.Always[2] && m.Always[3] && m.Always[4]);
        Assert.Equal(Math.Exp(-4), m.Threshold[0] / 18446744073709551616.0, 15);
        var h = CheckerboardAcceptance.HeatBath(0.5);
        Assert.Equal(1UL << 63, h.Threshold[2]);
        Assert.Equal(1 / (1 + Math.Exp(-2.0)), h.Probabilities[3], 15);
    }

    private static int Sweep(PackedIsingLattice lattice)
    {
        lattice.Sweep();
        return 0;
    }

    [Fact]
    public void Sweep_SteadyState_AllocatesNothing()
    {
        var packed = new PackedIsingLattice(128, 5, CheckerboardAcceptance.Metropolis(0.44));
        for (var i = 0; i < 3; i++) _ = packed.Energy() + packed.Magnetization() + Sweep(packed);
        var before = GC.GetAllocatedBytesForCurrentThread();
        _ = Sweep(packed) + packed.Energy() + packed.Magnetization();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
