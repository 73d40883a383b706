using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Compute.EnergyModels.Ising;

/// <summary>
/// Multi-spin-coded L × L periodic Ising lattice (L even) for checkerboard updates, H = −Σ_⟨ij⟩ s_i s_j.
/// Each row is split into its even-x and odd-x sites, packed 64 per ulong (bit k of word w of a half row is
/// x = 2(64w + k) or 2(64w + k) + 1; bit set = spin up). Half rows are padded with zero words to a multiple of four so
/// that four words (256 sites) are updated at once in a Vector256. A checkerboard colour is the even half of rows
/// with y ≡ colour and the odd half of the other rows, so the four neighbours of an updated word are whole words or
/// one-bit shifts of words of the other colour; the flip decision is ~20 bit operations plus a bit-sliced comparison of
/// a real uniform deviate per site with the acceptance threshold (<see cref="CheckerboardAcceptance"/>).
/// Randomness: each row owns four xoshiro256** streams, one per vector lane (lane ℓ serves words w ≡ ℓ mod 4), advanced
/// in lockstep: a random word is drawn for all four lanes while any site of the 256 is undecided. Rows never share
/// streams, so results do not depend on threads, and the vector and software paths give the same bits.
/// Ref: M. Creutz, L. Jacobs &amp; C. Rebbi, PRL 42, 1390 (1979) (multi-spin coding); Metropolis et al. (1953).
/// </summary>
public sealed class PackedIsingLattice
{
    /// <summary>Words per vector; also the number of random streams per row.</summary>
    public const int Lanes = 4;

    private readonly ulong[] _even;
    private readonly ulong[] _odd;
    /// <summary>Row y, state word c, lane ℓ at [16y + 4c + ℓ].</summary>
    private readonly ulong[] _state;
    private readonly ulong[] _valid;
    private readonly int _lastBits;
    private readonly ulong _seed;
    private int _randomizations;
    private CheckerboardAcceptance _acceptance;
    private KernelConstants _k;

    public PackedIsingLattice(int size, ulong seed, CheckerboardAcceptance acceptance)
    {
        if (size < 2 || size % 2 != 0) throw new ArgumentOutOfRangeException(nameof(size), "Checkerboard updates need an even L ≥ 2.");
        Size = size;
        var half = size / 2;
        Words = (half + 63) / 64;
        Stride = (Words + Lanes - 1) / Lanes * Lanes;
        _lastBits = half - 64 * (Words - 1);
        _valid = new ulong[Stride];
        for (var w = 0; w < Words; w++) _valid[w] = w < Words - 1 || _lastBits == 64 ? ulong.MaxValue : (1UL << _lastBits) - 1;
        _even = new ulong[size * Stride];
        _odd = new ulong[size * Stride];
        _state = new ulong[size * 4 * Lanes];
        for (var y = 0; y < size; y++)
        for (var lane = 0; lane < Lanes; lane++)
        {
            var g = new Xoshiro256(seed, (ulong)(y * Lanes + lane));
            _state[16 * y + lane] = g.S0;
            _state[16 * y + 4 + lane] = g.S1;
            _state[16 * y + 8 + lane] = g.S2;
            _state[16 * y + 12 + lane] = g.S3;
        }
        _seed = seed;
        _acceptance = acceptance;
        _k = new KernelConstants(acceptance);
        FillUp();
    }

    public int Size { get; }

    /// <summary>ulongs per half row holding sites.</summary>
    public int Words { get; }

    /// <summary>ulongs per half row in storage (Words rounded up to a multiple of <see cref="Lanes"/>).</summary>
    public int Stride { get; }

    public int Sites => Size * Size;

    public CheckerboardAcceptance Acceptance
    {
        get => _acceptance;
        set
        {
            _acceptance = value;
            _k = new KernelConstants(value);
        }
    }

    /// <summary>The random streams of row y: lane ℓ as a scalar generator (for the oracle in the tests).</summary>
    internal Xoshiro256 Stream(int y, int lane) =>
        new(_state[16 * y + lane], _state[16 * y + 4 + lane], _state[16 * y + 8 + lane], _state[16 * y + 12 + lane]);

    /// <summary>All spins up.</summary>
    public void FillUp()
    {
        for (var y = 0; y < Size; y++)
        {
            _valid.CopyTo(_even, y * Stride);
            _valid.CopyTo(_odd, y * Stride);
        }
    }

    /// <summary>Random spins (from a stream of the seed that the updates do not use; each call draws a new configuration).</summary>
    public void Randomize()
    {
        var rng = new Numerics.Rng(_seed, (ulong)Size * Lanes * (ulong)(1 + ++_randomizations));
        for (var y = 0; y < Size; y++)
        for (var w = 0; w < Words; w++)
        {
            _even[y * Stride + w] = rng.NextUInt64() & _valid[w];
            _odd[y * Stride + w] = rng.NextUInt64() & _valid[w];
        }
    }

    /// <summary>Spin at (x, y), ±1.</summary>
    public int Spin(int x, int y)
    {
        var half = (x & 1) == 0 ? _even : _odd;
        var k = x >> 1;
        return (int)((half[y * Stride + (k >> 6)] >> (k & 63)) & 1) * 2 - 1;
    }

    public void CopyTo(Span<sbyte> spins)
    {
        for (var y = 0; y < Size; y++)
        for (var x = 0; x < Size; x++) spins[y * Size + x] = (sbyte)Spin(x, y);
    }

    public void CopyFrom(ReadOnlySpan<sbyte> spins)
    {
        Array.Clear(_even);
        Array.Clear(_odd);
        for (var y = 0; y < Size; y++)
        for (var x = 0; x < Size; x++)
        {
            if (spins[y * Size + x] < 0) continue;
            var k = x >> 1;
            ((x & 1) == 0 ? _even : _odd)[y * Stride + (k >> 6)] |= 1UL << (k & 63);
        }
    }

    /// <summary>M = Σ s_i = 2·(spins up) − N (padding words are zero).</summary>
    public long Magnetization()
    {
        long up = 0;
        foreach (var w in _even) up += BitOperations.PopCount(w);
        foreach (var w in _odd) up += BitOperations.PopCount(w);
        return 2 * up - Sites;
    }

    /// <summary>H = 2·(antiparallel bonds) − 2N, counting the right and down bond of every site.</summary>
    public long Energy()
    {
        long anti = 0;
        for (var y = 0; y < Size; y++)
        {
            var row = y * Stride;
            var down = (y + 1) % Size * Stride;
            for (var w = 0; w < Words; w++)
            {
                var e = _even[row + w];
                var o = _odd[row + w];
                // Bonds (2k, 2k+1), (2k+1, 2k+2) and the two vertical bonds of both halves.
                anti += BitOperations.PopCount(e ^ o)
                      + BitOperations.PopCount((o ^ ShiftedRight(_even, row, w)) & _valid[w])
                      + BitOperations.PopCount(e ^ _even[down + w])
                      + BitOperations.PopCount(o ^ _odd[down + w]);
            }
        }
        return 2 * anti - 2L * Sites;
    }

    /// <summary>One sweep: both checkerboard colours. <paramref name="threads"/> &gt; 1 splits the rows over threads.</summary>
    public void Sweep(int threads = 1)
    {
        UpdateColor(0, threads);
        UpdateColor(1, threads);
    }

    public void UpdateColor(int color, int threads = 1)
    {
        if (threads <= 1)
        {
            for (var y = 0; y < Size; y++) UpdateRow(y, color);
            return;
        }
        UpdateColorParallel(color, threads);
    }

    // Separate method: a lambda's captured parameters would otherwise cost a closure allocation on every call.
    private void UpdateColorParallel(int color, int threads)
    {
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var end = (int)((long)Size * (t + 1) / threads);
            for (var y = (int)((long)Size * t / threads); y < end; y++) UpdateRow(y, color);
        });
    }

    /// <summary>Word w of a half row shifted so that bit k holds site k + 1 of that half (periodic).</summary>
    private ulong ShiftedRight(ulong[] half, int row, int w)
    {
        var last = w == Words - 1;
        var carry = half[row + (last ? 0 : w + 1)] & 1;
        return (half[row + w] >> 1) | (carry << (last ? _lastBits - 1 : 63));
    }

    /// <summary>Word w of a half row shifted so that bit k holds site k − 1 of that half (periodic).</summary>
    private ulong ShiftedLeft(ulong[] half, int row, int w)
    {
        var carry = w == 0 ? (half[row + Words - 1] >> (_lastBits - 1)) & 1 : half[row + w - 1] >> 63;
        return (half[row + w] << 1) | carry;
    }

    private void UpdateRow(int y, int color)
    {
        // Even-x sites of row y have colour y mod 2; their horizontal neighbours are odd-x sites k − 1 and k.
        var evenHalf = (y & 1) == color;
        var target = evenHalf ? _even : _odd;
        var other = evenHalf ? _odd : _even;
        var row = y * Stride;
        var up = (y == 0 ? Size - 1 : y - 1) * Stride;
        var down = (y == Size - 1 ? 0 : y + 1) * Stride;
        // The shifted horizontal neighbours carry bits across word boundaries (and around the torus): done scalar once.
        Span<ulong> horizontal = stackalloc ulong[Stride];
        for (var w = 0; w < Words; w++) horizontal[w] = evenHalf ? ShiftedLeft(other, row, w) : ShiftedRight(other, row, w);
        horizontal[Words..].Clear();

        ref var state = ref _state[16 * y];
        var lanes = new RngLanes(Vector256.LoadUnsafe(ref state), Vector256.LoadUnsafe(ref state, 4), Vector256.LoadUnsafe(ref state, 8), Vector256.LoadUnsafe(ref state, 12));
        ref var t = ref target[0];
        ref var o = ref other[0];
        ref var h = ref horizontal[0];
        ref var v = ref _valid[0];
        // Metropolis draws random numbers only for k = 0 and 1; its leaner kernel is chosen once per row.
        var twoClass = _k.TwoClass;
        for (var w = 0; w < Stride; w += Lanes)
        {
            var s = Vector256.LoadUnsafe(ref t, (nuint)(row + w));
            var n1 = Vector256.LoadUnsafe(ref t, (nuint)(up + w));
            var n2 = Vector256.LoadUnsafe(ref t, (nuint)(down + w));
            var n3 = Vector256.LoadUnsafe(ref o, (nuint)(row + w));
            var n4 = Vector256.LoadUnsafe(ref h, (nuint)w);
            var valid = Vector256.LoadUnsafe(ref v, (nuint)w);
            var flip = twoClass
                ? FlipMaskTwoClass(s, n1, n2, n3, n4, valid, in _k, ref lanes)
                : FlipMask(s, n1, n2, n3, n4, valid, in _k, ref lanes);
            (s ^ (flip & valid)).StoreUnsafe(ref t, (nuint)(row + w));
        }
        lanes.G0.StoreUnsafe(ref state);
        lanes.G1.StoreUnsafe(ref state, 4);
        lanes.G2.StoreUnsafe(ref state, 8);
        lanes.G3.StoreUnsafe(ref state, 12);
    }

    /// <summary>
    /// Four xoshiro256** generators, one per lane. The kernels copy them into locals for their loop (a local whose
    /// address is never taken stays in registers) and write them back once per 256 sites.
    /// </summary>
    private struct RngLanes(Vector256<ulong> g0, Vector256<ulong> g1, Vector256<ulong> g2, Vector256<ulong> g3)
    {
        public Vector256<ulong> G0 = g0, G1 = g1, G2 = g2, G3 = g3;
    }

    /// <summary>
    /// Which of 4 × 64 sites flip: bit-sliced count of antiparallel neighbours k (one-hot class masks m0…m4), then a
    /// lazily drawn uniform deviate per site compared with a_k most-significant bit first; one random word per lane
    /// supplies that bit for all its 64 sites. Sites still undecided after 64 bits (probability 2⁻⁶⁴) do not flip.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> FlipMask(Vector256<ulong> s, Vector256<ulong> n1, Vector256<ulong> n2, Vector256<ulong> n3, Vector256<ulong> n4, Vector256<ulong> valid,
        in KernelConstants k, ref RngLanes lanes)
    {
        // a_i = 1 where neighbour i is antiparallel; add the four bits as 1 + 1 + 1 + 1 in bit slices.
        Vector256<ulong> a1 = s ^ n1, a2 = s ^ n2, a3 = s ^ n3, a4 = s ^ n4;
        Vector256<ulong> s12 = a1 ^ a2, c12 = a1 & a2, s34 = a3 ^ a4, c34 = a3 & a4;
        var ones = s12 ^ s34;                 // bit 0 of k
        var c = s12 & s34;                    // a carry from the ones (only when c12 = c34 = 0)
        var twos = c12 ^ c34 ^ c;             // exactly one "2" among c12, c34, c
        var four = c12 & c34;                 // k = 4
        var noTwos = ~(c12 | c34 | c);
        var m0 = Vector256.AndNot(noTwos, ones);
        var m1 = ones & noTwos;
        var m2 = Vector256.AndNot(twos, ones);
        var m3 = ones & twos;
        var flip = (m0 & Vector256.Create(k.Always0)) | (m1 & Vector256.Create(k.Always1)) | (m2 & Vector256.Create(k.Always2))
                 | (m3 & Vector256.Create(k.Always3)) | (four & Vector256.Create(k.Always4));
        var undecided = ((m0 & Vector256.Create(k.Compare0)) | (m1 & Vector256.Create(k.Compare1)) | (m2 & Vector256.Create(k.Compare2))
                       | (m3 & Vector256.Create(k.Compare3)) | (four & Vector256.Create(k.Compare4))) & valid;
        var (g0, g1, g2, g3) = (lanes.G0, lanes.G1, lanes.G2, lanes.G3);
        for (var bit = 63; bit >= 0 && !Vector256.EqualsAll(undecided, Vector256<ulong>.Zero); bit--)
        {
            // xoshiro256** in four lanes: rotl(s1·5, 7)·9 with the products as shift-and-add
            // (x·5 = (x≪2)+x, x·9 = (x≪3)+x; 64-bit vector multiplies would need AVX-512DQ).
            var x5 = (g1 << 2) + g1;
            var rot = (x5 << 7) | (x5 >> 57);
            var r = (rot << 3) + rot;
            var shifted = g1 << 17;
            g2 ^= g0;
            g3 ^= g1;
            g1 ^= g2;
            g0 ^= g3;
            g2 ^= shifted;
            g3 = (g3 << 45) | (g3 >> 19);
            // Bit `bit` of each site's threshold a_k, selected by its class mask (0 − b turns bit b into a full mask).
            var t = (m0 & Vector256.Create(0 - ((k.Threshold0 >> bit) & 1))) | (m1 & Vector256.Create(0 - ((k.Threshold1 >> bit) & 1)))
                  | (m2 & Vector256.Create(0 - ((k.Threshold2 >> bit) & 1))) | (m3 & Vector256.Create(0 - ((k.Threshold3 >> bit) & 1)))
                  | (four & Vector256.Create(0 - ((k.Threshold4 >> bit) & 1)));
            flip |= Vector256.AndNot(undecided & t, r);   // u has 0 where a_k has 1: u < a_k
            undecided = Vector256.AndNot(undecided, t ^ r); // equal bits: still undecided
        }
        (lanes.G0, lanes.G1, lanes.G2, lanes.G3) = (g0, g1, g2, g3);
        return flip;
    }

    /// <summary>
    /// <see cref="FlipMask"/> for tables where only k = 0 and k = 1 draw random numbers (Metropolis at β &gt; 0) and
    /// k ≥ 2 always flips: the per-site threshold bit is a_0's bit, switched to a_1's where the site has k = 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> FlipMaskTwoClass(Vector256<ulong> s, Vector256<ulong> n1, Vector256<ulong> n2, Vector256<ulong> n3, Vector256<ulong> n4, Vector256<ulong> valid,
        in KernelConstants k, ref RngLanes lanes)
    {
        Vector256<ulong> a1 = s ^ n1, a2 = s ^ n2, a3 = s ^ n3, a4 = s ^ n4;
        Vector256<ulong> s12 = a1 ^ a2, c12 = a1 & a2, s34 = a3 ^ a4, c34 = a3 & a4;
        var ones = s12 ^ s34;
        var noTwos = ~(c12 | c34 | (s12 & s34));
        var m0 = Vector256.AndNot(noTwos, ones);
        var m1 = ones & noTwos;
        var flip = ~noTwos | (m0 & Vector256.Create(k.Always0)) | (m1 & Vector256.Create(k.Always1));
        var undecided = ((m0 & Vector256.Create(k.Compare0)) | (m1 & Vector256.Create(k.Compare1))) & valid;
        ulong t0 = k.Threshold0, t1 = k.Threshold1;
        var (g0, g1, g2, g3) = (lanes.G0, lanes.G1, lanes.G2, lanes.G3);
        for (var bit = 63; bit >= 0 && !Vector256.EqualsAll(undecided, Vector256<ulong>.Zero); bit--)
        {
            // xoshiro256** in four lanes: rotl(s1·5, 7)·9 with the products as shift-and-add
            // (x·5 = (x≪2)+x, x·9 = (x≪3)+x; 64-bit vector multiplies would need AVX-512DQ).
            var x5 = (g1 << 2) + g1;
            var rot = (x5 << 7) | (x5 >> 57);
            var r = (rot << 3) + rot;
            var shifted = g1 << 17;
            g2 ^= g0;
            g3 ^= g1;
            g1 ^= g2;
            g0 ^= g3;
            g2 ^= shifted;
            g3 = (g3 << 45) | (g3 >> 19);
            var b0 = 0 - ((t0 >> bit) & 1);
            var t = Vector256.Create(b0) ^ (m1 & Vector256.Create(b0 ^ (0 - ((t1 >> bit) & 1))));
            flip |= Vector256.AndNot(undecided & t, r);
            undecided = Vector256.AndNot(undecided, t ^ r);
        }
        (lanes.G0, lanes.G1, lanes.G2, lanes.G3) = (g0, g1, g2, g3);
        return flip;
    }

    /// <summary>The acceptance table as all-ones/zero masks, so the kernel selects without branches.</summary>
    internal readonly struct KernelConstants
    {
        public KernelConstants(CheckerboardAcceptance a)
        {
            static ulong M(bool b) => b ? ulong.MaxValue : 0;
            Always0 = M(a.Always[0]); Always1 = M(a.Always[1]); Always2 = M(a.Always[2]); Always3 = M(a.Always[3]); Always4 = M(a.Always[4]);
            Compare0 = M(a.Compare[0]); Compare1 = M(a.Compare[1]); Compare2 = M(a.Compare[2]); Compare3 = M(a.Compare[3]); Compare4 = M(a.Compare[4]);
            Threshold0 = a.Threshold[0]; Threshold1 = a.Threshold[1]; Threshold2 = a.Threshold[2]; Threshold3 = a.Threshold[3]; Threshold4 = a.Threshold[4];
            TwoClass = a.Always[2] && a.Always[3] && a.Always[4];
        }

        public readonly bool TwoClass;
        public readonly ulong Always0, Always1, Always2, Always3, Always4;
        public readonly ulong Compare0, Compare1, Compare2, Compare3, Compare4;
        public readonly ulong Threshold0, Threshold1, Threshold2, Threshold3, Threshold4;
    }
}
