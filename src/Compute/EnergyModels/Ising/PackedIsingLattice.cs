using System.Numerics;
using System.Runtime.CompilerServices;

namespace Compute.EnergyModels.Ising;

/// <summary>
/// Multi-spin-coded L × L periodic Ising lattice (L even) for checkerboard updates, H = −Σ_⟨ij⟩ s_i s_j.
/// Each row is split into its even-x and odd-x sites, packed 64 per ulong (bit k of word w of a half row is
/// x = 2(64w + k) or 2(64w + k) + 1; bit set = spin up; padding bits of the last word stay zero). A checkerboard
/// colour is the even half of rows with y ≡ colour and the odd half of the other rows, so all four neighbours of
/// an updated word are whole words or one-bit shifts of words of the other colour, and 64 sites are updated with
/// ~20 bit operations plus a bit-sliced comparison of real uniform deviates with the acceptance thresholds.
/// Each row draws from its own stream (seed, y), so the result does not depend on how rows are spread over threads.
/// Ref: M. Creutz, L. Jacobs &amp; C. Rebbi, PRL 42, 1390 (1979) (multi-spin coding); Metropolis et al. (1953).
/// </summary>
public sealed class PackedIsingLattice
{
    private readonly ulong[] _even;
    private readonly ulong[] _odd;
    private readonly Xoshiro256[] _rowRng;
    private readonly int _lastBits;
    private readonly ulong _lastMask;
    private CheckerboardAcceptance _acceptance;
    private KernelConstants _k;

    public PackedIsingLattice(int size, ulong seed, CheckerboardAcceptance acceptance)
    {
        if (size < 2 || size % 2 != 0) throw new ArgumentOutOfRangeException(nameof(size), "Checkerboard updates need an even L ≥ 2.");
        Size = size;
        var half = size / 2;
        Words = (half + 63) / 64;
        _lastBits = half - 64 * (Words - 1);
        _lastMask = _lastBits == 64 ? ulong.MaxValue : (1UL << _lastBits) - 1;
        _even = new ulong[size * Words];
        _odd = new ulong[size * Words];
        _rowRng = new Xoshiro256[size];
        for (var y = 0; y < size; y++) _rowRng[y] = new Xoshiro256(seed, (ulong)y);
        _acceptance = acceptance;
        _k = new KernelConstants(acceptance);
        FillUp();
    }

    public int Size { get; }

    /// <summary>ulongs per half row.</summary>
    public int Words { get; }

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

    /// <summary>All spins up.</summary>
    public void FillUp()
    {
        for (var y = 0; y < Size; y++)
        {
            _even.AsSpan(y * Words, Words).Fill(ulong.MaxValue);
            _odd.AsSpan(y * Words, Words).Fill(ulong.MaxValue);
            _even[y * Words + Words - 1] = _lastMask;
            _odd[y * Words + Words - 1] = _lastMask;
        }
    }

    /// <summary>Random spins from the row streams.</summary>
    public void Randomize()
    {
        for (var y = 0; y < Size; y++)
        {
            ref var rng = ref _rowRng[y];
            for (var w = 0; w < Words; w++)
            {
                var mask = w == Words - 1 ? _lastMask : ulong.MaxValue;
                _even[y * Words + w] = rng.NextUInt64() & mask;
                _odd[y * Words + w] = rng.NextUInt64() & mask;
            }
        }
    }

    /// <summary>The per-row generator states (for the scalar oracle in the tests).</summary>
    internal Xoshiro256[] RowStreams => _rowRng;

    /// <summary>Spin at (x, y), ±1.</summary>
    public int Spin(int x, int y)
    {
        var half = (x & 1) == 0 ? _even : _odd;
        var k = x >> 1;
        return (int)((half[y * Words + (k >> 6)] >> (k & 63)) & 1) * 2 - 1;
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
            ((x & 1) == 0 ? _even : _odd)[y * Words + (k >> 6)] |= 1UL << (k & 63);
        }
    }

    /// <summary>M = Σ s_i = 2·(spins up) − N.</summary>
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
            var row = y * Words;
            var down = (y + 1) % Size * Words;
            for (var w = 0; w < Words; w++)
            {
                var mask = w == Words - 1 ? _lastMask : ulong.MaxValue;
                var e = _even[row + w];
                var o = _odd[row + w];
                // Bonds (2k, 2k+1), (2k+1, 2k+2) and the two vertical bonds of both halves.
                anti += BitOperations.PopCount(e ^ o)
                      + BitOperations.PopCount((o ^ ShiftedRight(_even, row, w)) & mask)
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
        var row = y * Words;
        var up = (y + Size - 1) % Size * Words;
        var down = (y + 1) % Size * Words;
        var rng = _rowRng[y];
        // Metropolis needs random numbers only for k = 0 and 1; its leaner kernel is chosen once per row.
        var twoClass = _k.TwoClass;
        for (var w = 0; w < Words; w++)
        {
            var horizontal = evenHalf ? ShiftedLeft(other, row, w) : ShiftedRight(other, row, w);
            var valid = w == Words - 1 ? _lastMask : ulong.MaxValue;
            var s = target[row + w];
            var flip = twoClass
                ? FlipMaskTwoClass(s, target[up + w], target[down + w], other[row + w], horizontal, in _k, ref rng, valid)
                : FlipMask(s, target[up + w], target[down + w], other[row + w], horizontal, in _k, ref rng, valid);
            target[row + w] = s ^ (flip & valid);
        }
        _rowRng[y] = rng;
    }

    /// <summary>
    /// Which of 64 sites flip: bit-sliced count of antiparallel neighbours k, then a lazily drawn uniform deviate per
    /// site compared with a_k most-significant bit first (one random word supplies that bit for all 64 sites).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong FlipMask(ulong s, ulong n1, ulong n2, ulong n3, ulong n4, in KernelConstants k, ref Xoshiro256 rng, ulong valid = ulong.MaxValue)
    {
        // a_i = 1 where neighbour i is antiparallel; add the four bits as 1 + 1 + 1 + 1 in bit slices.
        ulong a1 = s ^ n1, a2 = s ^ n2, a3 = s ^ n3, a4 = s ^ n4;
        ulong s12 = a1 ^ a2, c12 = a1 & a2, s34 = a3 ^ a4, c34 = a3 & a4;
        var ones = s12 ^ s34;                 // bit 0 of k
        var c = s12 & s34;                    // a carry from the ones (only when c12 = c34 = 0)
        var twos = c12 ^ c34 ^ c;             // exactly one "2" among c12, c34, c
        var four = c12 & c34;                 // k = 4
        var noTwos = ~(c12 | c34 | c);
        var m0 = ~ones & noTwos;
        var m1 = ones & noTwos;
        var m2 = ~ones & twos;
        var m3 = ones & twos;
        var flip = (m0 & k.Always0) | (m1 & k.Always1) | (m2 & k.Always2) | (m3 & k.Always3) | (four & k.Always4);
        var undecided = ((m0 & k.Compare0) | (m1 & k.Compare1) | (m2 & k.Compare2) | (m3 & k.Compare3) | (four & k.Compare4)) & valid;
        for (var bit = 63; undecided != 0 && bit >= 0; bit--)
        {
            var r = rng.NextUInt64();
            // Bit `bit` of each site's threshold a_k, selected by its class mask (0 − b turns bit b into a full mask).
            var t = (m0 & (0 - ((k.Threshold0 >> bit) & 1))) | (m1 & (0 - ((k.Threshold1 >> bit) & 1)))
                  | (m2 & (0 - ((k.Threshold2 >> bit) & 1))) | (m3 & (0 - ((k.Threshold3 >> bit) & 1)))
                  | (four & (0 - ((k.Threshold4 >> bit) & 1)));
            flip |= undecided & t & ~r;       // u has 0 where a_k has 1: u < a_k
            undecided &= ~(t ^ r);            // equal bits: still undecided
        }
        return flip;
    }

    /// <summary>
    /// <see cref="FlipMask"/> for tables where only k = 0 and k = 1 draw random numbers (Metropolis at β &gt; 0): the
    /// per-site threshold bit is a_0's bit, switched to a_1's where the site has k = 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong FlipMaskTwoClass(ulong s, ulong n1, ulong n2, ulong n3, ulong n4, in KernelConstants k, ref Xoshiro256 rng, ulong valid)
    {
        ulong a1 = s ^ n1, a2 = s ^ n2, a3 = s ^ n3, a4 = s ^ n4;
        ulong s12 = a1 ^ a2, c12 = a1 & a2, s34 = a3 ^ a4, c34 = a3 & a4;
        var ones = s12 ^ s34;
        var noTwos = ~(c12 | c34 | (s12 & s34));
        var m0 = ~ones & noTwos;
        var m1 = ones & noTwos;
        // Every site with k ≥ 2 flips (the table says so: TwoClass implies Always2..4).
        var flip = ~noTwos | (m0 & k.Always0) | (m1 & k.Always1);
        var undecided = ((m0 & k.Compare0) | (m1 & k.Compare1)) & valid;
        ulong t0 = k.Threshold0, t1 = k.Threshold1;
        for (var bit = 63; undecided != 0 && bit >= 0; bit--)
        {
            var r = rng.NextUInt64();
            var b0 = 0 - ((t0 >> bit) & 1);
            var t = b0 ^ (m1 & (b0 ^ (0 - ((t1 >> bit) & 1))));
            flip |= undecided & t & ~r;
            undecided &= ~(t ^ r);
        }
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
