using System.Numerics;

namespace Compute.EnergyModels.Hamiltonians;

/// <summary>
/// The ferromagnetic Ising model H = −Σ_⟨ij⟩ s_i s_j (J = 1) on a periodic L × L square lattice, sites numbered x + L·y:
/// 2L² bonds, each site paired with its right and lower neighbour so that every bond counts once.
/// </summary>
public static class IsingTorus
{
    /// <summary>
    /// H of one configuration; a value above zero is an up spin, anything else down (so ±1 spins and 0/1 units alike).
    /// </summary>
    public static int Energy<T>(ReadOnlySpan<T> spins, int size) where T : INumber<T>
    {
        var bonds = 0;
        for (var y = 0; y < size; y++)
        {
            var row = y * size;
            var down = (y + 1 == size ? 0 : y + 1) * size;
            for (var x = 0; x < size; x++)
            {
                var right = x + 1 == size ? 0 : x + 1;
                bonds += Sign(spins[row + x]) * (Sign(spins[row + right]) + Sign(spins[down + x]));
            }
        }
        return -bonds;
    }

    /// <summary>
    /// The same Hamiltonian as pairwise couplings J (N × N, row-major) for <see cref="SpinEnumeration"/>: J_ij counts the
    /// bonds between i and j (2 for L = 2, where right and left neighbour coincide).
    /// </summary>
    public static double[] Couplings(int size)
    {
        var n = size * size;
        var j = new double[n * n];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var i = x + size * y;
                foreach (var k in (ReadOnlySpan<int>)[(x + 1) % size + size * y, x + size * ((y + 1) % size)])
                {
                    j[i * n + k] += 1;
                    j[k * n + i] += 1;
                }
            }
        return j;
    }

    private static int Sign<T>(T s) where T : INumber<T> => T.IsPositive(s) && !T.IsZero(s) ? 1 : -1;
}
