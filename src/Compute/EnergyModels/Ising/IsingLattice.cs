using Compute.EnergyModels.Hamiltonians;
using Compute.Numerics;

namespace Compute.EnergyModels.Ising;

/// <summary>
/// An L × L periodic Ising lattice stored one spin per byte (±1), H = −Σ_⟨ij⟩ s_i s_j. Site (x, y) is
/// index y·L + x. Owns the simple, readable updates: sequential Metropolis, the scalar checkerboard
/// Metropolis/heat-bath oracle of <see cref="PackedIsingLattice"/>, and Wolff cluster flips.
/// </summary>
public sealed class IsingLattice
{
    public IsingLattice(int size)
    {
        if (size < 2) throw new ArgumentOutOfRangeException(nameof(size), "The lattice needs L ≥ 2.");
        Size = size;
        Spins = new sbyte[size * size];
        Spins.AsSpan().Fill(1);
        _clusterStack = new int[size * size];
    }

    private readonly int[] _clusterStack;

    public int Size { get; }

    public int Sites => Size * Size;

    /// <summary>±1 spins, row-major.</summary>
    public sbyte[] Spins { get; }

    public void Randomize(ref Rng rng)
    {
        for (var i = 0; i < Spins.Length; i++) Spins[i] = (sbyte)rng.NextSign();
    }

    /// <summary>H = −Σ over right and down neighbours of s_i s_j (2N bonds).</summary>
    public int Energy() => IsingTorus.Energy<sbyte>(Spins, Size);

    /// <summary>M = Σ_i s_i.</summary>
    public int Magnetization()
    {
        var m = 0;
        foreach (var s in Spins) m += s;
        return m;
    }

    /// <summary>Sum of the four neighbours of (x, y).</summary>
    public int NeighbourSum(int x, int y)
    {
        var l = Size;
        return Spins[y * l + (x + 1) % l] + Spins[y * l + (x + l - 1) % l] + Spins[(y + 1) % l * l + x] + Spins[(y + l - 1) % l * l + x];
    }

    /// <summary>One sweep of single-spin Metropolis in typewriter order: flip with probability min(1, e^{−βΔE}).</summary>
    public void MetropolisSweep(double beta, ref Rng rng)
    {
        var l = Size;
        for (var y = 0; y < l; y++)
        for (var x = 0; x < l; x++)
        {
            var i = y * l + x;
            var deltaE = 2 * Spins[i] * NeighbourSum(x, y);
            if (deltaE <= 0 || rng.NextDouble() < Math.Exp(-beta * deltaE)) Spins[i] = (sbyte)-Spins[i];
        }
    }

    /// <summary>
    /// One Wolff cluster update: grows a cluster of aligned spins from a random seed site, adding each aligned
    /// neighbour with probability p = 1 − e^{−2β}, and flips it. Returns the cluster size.
    /// Ref: U. Wolff, PRL 62, 361 (1989).
    /// </summary>
    public int WolffUpdate(double beta, ref Rng rng)
    {
        var l = Size;
        var pAdd = 1 - Math.Exp(-2 * beta);
        var seed = rng.NextInt(Sites);
        var s = Spins[seed];
        // Sites are flipped when pushed, which also marks them as visited.
        Spins[seed] = (sbyte)-s;
        var top = 0;
        _clusterStack[top++] = seed;
        var size = 1;
        while (top > 0)
        {
            var i = _clusterStack[--top];
            int x = i % l, y = i / l;
            size += TryAdd(y * l + (x + 1) % l, s, pAdd, ref top, ref rng)
                  + TryAdd(y * l + (x + l - 1) % l, s, pAdd, ref top, ref rng)
                  + TryAdd((y + 1) % l * l + x, s, pAdd, ref top, ref rng)
                  + TryAdd((y + l - 1) % l * l + x, s, pAdd, ref top, ref rng);
        }
        return size;
    }

    private int TryAdd(int j, sbyte s, double pAdd, ref int top, ref Rng rng)
    {
        if (Spins[j] != s || rng.NextDouble() >= pAdd) return 0;
        Spins[j] = (sbyte)-s;
        _clusterStack[top++] = j;
        return 1;
    }

    /// <summary>
    /// A fixed number of Wolff clusters; returns the spins flipped. The count must not depend on the cluster sizes
    /// drawn in the same step ("clusters until N spins flipped" biases the stationary distribution towards order).
    /// </summary>
    public int WolffClusters(double beta, int clusters, ref Rng rng)
    {
        var flipped = 0;
        for (var c = 0; c < clusters; c++) flipped += WolffUpdate(beta, ref rng);
        return flipped;
    }
}
