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
        for (var r = 0; r < batch; r++)
        {
            var s = spins.Slice(r * n, n);
            // Each site pairs with its right and lower neighbour, so every bond counts once.
            var bonds = 0f;
            for (var y = 0; y < Size; y++)
            {
                var down = (y + 1 == Size ? 0 : y + 1) * Size;
                for (var x = 0; x < Size; x++)
                {
                    var right = x + 1 == Size ? 0 : x + 1;
                    bonds += s[y * Size + x] * (s[y * Size + right] + s[down + x]);
                }
            }
            // Integer-valued sums of ±1 stay exact in float for L ≤ 2048.
            energies[r] = -bonds;
        }
    }
}
