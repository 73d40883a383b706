namespace Compute.Numerics.Nn;

/// <summary>
/// The two halves of an L×L lattice (L even) that a coupling layer keeps frozen or transforms:
/// frozen sites have (row + column) ≡ <c>parity</c> (mod 2). Site index = row·L + column.
/// </summary>
public sealed class CheckerboardMask
{
    public CheckerboardMask(int length, int parity)
    {
        if (length < 2 || length % 2 != 0)
            throw new ArgumentException($"A checkerboard mask needs an even lattice side ≥ 2 so that both halves are equal and alternate across the periodic boundary; got L = {length}.", nameof(length));
        L = length;
        Parity = parity & 1;
        var frozen = new List<int>();
        var active = new List<int>();
        for (var r = 0; r < length; r++)
        for (var c = 0; c < length; c++)
            ((r + c) % 2 == Parity ? frozen : active).Add(r * length + c);
        Frozen = [.. frozen];
        Active = [.. active];
    }

    public int L { get; }
    public int Parity { get; }
    public int Sites => L * L;

    /// <summary>Sites passed unchanged and fed to the conditioner (ascending).</summary>
    public int[] Frozen { get; }

    /// <summary>Sites transformed by the affine map (ascending).</summary>
    public int[] Active { get; }
}
