using System.Runtime.Intrinsics;

namespace Compute.Numerics;

/// <summary>
/// A matrix S (rows × depth) whose every entry is one of two values, <see cref="Down"/> or <see cref="Up"/>: a batch of
/// configurations of binary (0/1) or Ising (±1) units. It is stored as one 4-bit pattern per four consecutive entries of
/// a row (bit b set where entry 4g + b is up), so that its product with a real matrix B can be summed from tables of the
/// 16 signed sums of each four rows of B (<see cref="Multiply"/>): the method of four Russians. A dense product spends a
/// multiply-add on every entry of S for every column of B; here four entries of a row cost one table look-up and one
/// addition per column, and the tables, 16 entries per four rows of B, serve every row of S: about a quarter of the
/// additions and no multiplications. Patterns are stored group-major (pattern of row r, group g at g·rows + r).
/// Encoding into the same instance allocates nothing once its storage has grown to the largest size seen.
/// Ref: Arlazarov, Dinic, Kronrod &amp; Faradzev, Dokl. Akad. Nauk SSSR 194, 487 (1970).
/// </summary>
public sealed partial class TwoStateMatrix
{
    private byte[] _patterns = [];

    /// <summary>Rows of S (and of every product's C).</summary>
    public int Rows { get; private set; }

    /// <summary>Columns of S: the depth k of its products (rows of B).</summary>
    public int Depth { get; private set; }

    /// <summary>Groups of four columns, the last one possibly partial.</summary>
    public int Groups => (Depth + 3) / 4;

    public float Down { get; private set; }
    public float Up { get; private set; }

    /// <summary>
    /// Encodes S from <paramref name="values"/>, stored rows × depth, or depth × rows when <paramref name="transpose"/>
    /// (S is then the transpose of what is stored). Returns false, with nothing encoded, when some value is neither
    /// <paramref name="down"/> nor <paramref name="up"/> (NaN included): the caller must then take a dense product.
    /// </summary>
    public bool Encode(ReadOnlySpan<float> values, int rows, int depth, float down, float up, bool transpose = false)
    {
        if (values.Length < (long)rows * depth) throw new ArgumentException($"S needs {(long)rows * depth} values, has {values.Length}.", nameof(values));
        Reset(rows, depth, down, up);
        var ok = true;
        if (transpose) ok = EncodeStoredTransposed(values, _patterns, rows, depth, down, up);
        else
            for (var r = 0; r < rows && ok; r++) ok = EncodeRow(r, values.Slice(r * depth, depth));
        if (!ok) Rows = Depth = 0;
        return ok;
    }

    /// <summary>
    /// Makes room for rows × depth states of the two given values, to be given row by row with <see cref="EncodeRow"/>;
    /// several threads may encode rows at once, each its own.
    /// </summary>
    public void Reset(int rows, int depth, float down, float up)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        if (down == up || !float.IsFinite(down) || !float.IsFinite(up))
            throw new ArgumentException($"The two states must be distinct finite numbers, got {down} and {up}.", nameof(up));
        var length = checked((depth + 3) / 4 * rows);
        if (_patterns.Length < length) _patterns = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        (Rows, Depth, Down, Up) = (rows, depth, down, up);
    }

    /// <summary>
    /// Encodes row <paramref name="row"/> of S from its <see cref="Depth"/> values. Returns false when some value is
    /// neither state; S must then be encoded anew before it is multiplied.
    /// </summary>
    public bool EncodeRow(int row, ReadOnlySpan<float> values)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"S has {Rows} rows.");
        var depth = Depth;
        if (values.Length < depth) throw new ArgumentException($"A row of S has {depth} values, got {values.Length}.", nameof(values));
        var rows = Rows;
        var patterns = _patterns;
        float up = Up, down = Down;
        var upV = Vector256.Create(up);
        var downV = Vector256.Create(down);
        var valid = Vector256<float>.AllBitsSet;
        var groups = (depth + 3) / 4;
        var g = 0;
        for (; g + 2 <= depth / 4; g += 2)
        {
            // Eight values are two groups: the sign mask's low nibble is group g, its high nibble g + 1.
            var x = Vector256.Create(values.Slice(4 * g, 8));
            var isUp = Vector256.Equals(x, upV);
            valid &= isUp | Vector256.Equals(x, downV);
            var mask = isUp.ExtractMostSignificantBits();
            patterns[g * rows + row] = (byte)(mask & 0xF);
            patterns[(g + 1) * rows + row] = (byte)(mask >> 4);
        }
        for (; g < groups; g++)
        {
            var pattern = 0;
            for (var b = 0; b < 4 && 4 * g + b < depth; b++)
            {
                var x = values[4 * g + b];
                if (x == up) pattern |= 1 << b;
                else if (x != down) return false;
            }
            patterns[g * rows + row] = (byte)pattern;
        }
        return Vector256.EqualsAll(valid.AsInt32(), Vector256<int>.AllBitsSet);
    }

    /// <summary>S stored depth × rows (the transpose): four consecutive stored rows give the patterns of a group.</summary>
    private static bool EncodeStoredTransposed(ReadOnlySpan<float> values, byte[] patterns, int rows, int depth, float down, float up)
    {
        var groups = (depth + 3) / 4;
        var upV = Vector256.Create(up);
        var downV = Vector256.Create(down);
        var valid = Vector256<float>.AllBitsSet;
        for (var g = 0; g < groups; g++)
        {
            var members = Math.Min(4, depth - 4 * g);
            var target = patterns.AsSpan(g * rows, rows);
            var r = 0;
            for (; r + 8 <= rows; r += 8)
            {
                var pattern = Vector256<int>.Zero;
                for (var b = 0; b < members; b++)
                {
                    var x = Vector256.Create(values.Slice((4 * g + b) * rows + r, 8));
                    var isUp = Vector256.Equals(x, upV);
                    valid &= isUp | Vector256.Equals(x, downV);
                    pattern |= isUp.AsInt32() & Vector256.Create(1 << b);
                }
                for (var i = 0; i < 8; i++) target[r + i] = (byte)pattern[i];
            }
            for (; r < rows; r++)
            {
                var pattern = 0;
                for (var b = 0; b < members; b++)
                {
                    var x = values[(4 * g + b) * rows + r];
                    if (x == up) pattern |= 1 << b;
                    else if (x != down) return false;
                }
                target[r] = (byte)pattern;
            }
        }
        return Vector256.EqualsAll(valid.AsInt32(), Vector256<int>.AllBitsSet);
    }
}
