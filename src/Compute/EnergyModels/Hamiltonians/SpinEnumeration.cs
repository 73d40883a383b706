namespace Compute.EnergyModels.Hamiltonians;

/// <summary>
/// Exact enumeration of the states of a pairwise Ising model H(s) = −Σ_{i&lt;j} J_ij s_i s_j − Σ_i h_i s_i (J symmetric,
/// zero diagonal; the inverse temperature may be absorbed into J and h) in Gray-code order: flipping s_k changes H by
/// 2 s_k θ_k with the local field θ_k = h_k + Σ_j J_kj s_j, and the fields follow in O(n), so all energies cost
/// O(2^n · n). Bit k of a state's index set means s_k = +1. The one enumerator behind the exact references of the SK
/// model, inverse Ising, the VAN targets and (in the tests) the Ising torus.
/// </summary>
public static class SpinEnumeration
{
    public const int MaxSpins = 24;

    /// <summary>
    /// H of every state, indexed by its bits. Without fields H(s) = H(−s), so <paramref name="halfSpace"/> may halve
    /// the work: then only the 2^{n−1} states with s_{n−1} = +1 are enumerated, indexed by the bits of s_0 … s_{n−2}.
    /// </summary>
    public static double[] Energies(ReadOnlySpan<double> couplings, ReadOnlySpan<double> fields, int n, bool halfSpace, CancellationToken ct = default)
    {
        if (n < 1 || n > MaxSpins) throw new ArgumentOutOfRangeException(nameof(n), $"Exact enumeration needs 1 ≤ n ≤ {MaxSpins}.");
        if (couplings.Length != n * n) throw new ArgumentException("couplings must be n × n.", nameof(couplings));
        if (fields.Length != 0 && fields.Length != n) throw new ArgumentException("fields must be empty or of length n.", nameof(fields));
        if (halfSpace && fields.ToArray().Any(h => h != 0)) throw new ArgumentException("Only a model without fields is symmetric under s → −s.", nameof(halfSpace));
        var free = halfSpace ? n - 1 : n;
        var count = 1 << free;
        var energies = new double[count];
        // Start in the state with index 0: s_k = −1 for every enumerated spin (s_{n−1} = +1 in the half space).
        var spins = new int[n];
        Array.Fill(spins, -1);
        if (halfSpace) spins[n - 1] = 1;
        var theta = new double[n];
        var e = 0.0;
        for (var i = 0; i < n; i++)
        {
            theta[i] = fields.Length == 0 ? 0 : fields[i];
            for (var j = 0; j < n; j++) theta[i] += couplings[i * n + j] * spins[j];
            // −½ Σ_ij J s s counts each pair once; the field term is −h_i s_i.
            e -= 0.5 * spins[i] * (theta[i] + (fields.Length == 0 ? 0 : fields[i]));
        }
        energies[0] = e;
        var state = 0;
        for (var t = 1; t < count; t++)
        {
            if ((t & 65535) == 0) ct.ThrowIfCancellationRequested();
            var k = System.Numerics.BitOperations.TrailingZeroCount(t);
            var sk = spins[k];
            e += 2 * sk * theta[k];
            spins[k] = -sk;
            state ^= 1 << k;
            var row = couplings.Slice(k * n, n);
            for (var j = 0; j < n; j++) theta[j] -= 2 * sk * row[j];
            energies[state] = e;
        }
        return energies;
    }

    /// <summary>s_k of the state with this index (in the half space, s_{n−1} = +1 is not part of the index).</summary>
    public static int Spin(int state, int k) => ((state >> k) & 1) != 0 ? 1 : -1;
}
