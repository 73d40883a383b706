using Compute.Numerics;
using Shared.Models;

namespace Compute.EnergyModels.Ising;

/// <summary>Equilibrium samples of the 2D Ising model H = −Σ_⟨ij⟩ s_i s_j for other model types (e.g. inverse Ising).</summary>
public static class IsingConfigurations
{
    /// <summary>
    /// <paramref name="count"/> configurations of the periodic L × L lattice at β, as rows of L² bytes (1 = spin up,
    /// site (x, y) at column y·L + x). From a random start, 200 equilibration sweeps, then
    /// <paramref name="sweepsBetween"/> sweeps between samples; one sweep is a typewriter Metropolis sweep followed by
    /// one Wolff cluster flip, so the chain decorrelates near β_c too. Deterministic in the seed.
    /// </summary>
    public static BinaryMatrix Sample(int L, double beta, int count, int sweepsBetween, ulong seed)
    {
        if (L < 2) throw new ArgumentOutOfRangeException(nameof(L), "L must be at least 2.");
        if (!(beta >= 0)) throw new ArgumentOutOfRangeException(nameof(beta), "β must be ≥ 0 (negative temperature is not supported).");
        if (count < 0 || sweepsBetween < 1) throw new ArgumentOutOfRangeException(nameof(count), "count ≥ 0 and sweepsBetween ≥ 1 are required.");
        const int equilibrationSweeps = 200;
        var lattice = new IsingLattice(L);
        var rng = new Rng(seed, 0);
        lattice.Randomize(ref rng);
        for (var s = 0; s < equilibrationSweeps; s++) Sweep(lattice, beta, ref rng);
        var n = L * L;
        var data = new byte[(long)count * n];
        for (var c = 0; c < count; c++)
        {
            for (var s = 0; s < sweepsBetween; s++) Sweep(lattice, beta, ref rng);
            var row = data.AsSpan(c * n, n);
            for (var i = 0; i < n; i++) row[i] = lattice.Spins[i] > 0 ? (byte)1 : (byte)0;
        }
        return new BinaryMatrix(count, n, data);
    }

    private static void Sweep(IsingLattice lattice, double beta, ref Rng rng)
    {
        lattice.MetropolisSweep(beta, ref rng);
        lattice.WolffUpdate(beta, ref rng);
    }
}
