using Compute.EnergyModels.Hamiltonians;
using System.Runtime.CompilerServices;

namespace Compute.Flows.Van;

/// <summary>
/// 2D ferromagnetic Ising model on a periodic L×L square lattice, H = −Σ_⟨ij⟩ s_i s_j (J = 1, 2L² bonds),
/// spins numbered row by row (site x + L·y), the order the autoregressive network generates them in.
/// </summary>
public sealed class IsingTarget(int size) : IVanTarget
{
    public int Size { get; } = size >= 2 ? size : throw new ArgumentOutOfRangeException(nameof(size), "L must be at least 2.");
    public int Spins => Size * Size;

    // Hot loop: short runs would otherwise spend most of their time in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Energies(ReadOnlySpan<float> spins, Span<double> energies, int batch)
    {
        var n = Spins;
        for (var r = 0; r < batch; r++) energies[r] = IsingTorus.Energy(spins.Slice(r * n, n), Size);
    }
}
