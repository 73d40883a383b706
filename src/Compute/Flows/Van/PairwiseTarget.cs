using Compute.EnergyModels.Hamiltonians;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.Flows.Van;

/// <summary>
/// Fully connected pairwise model H = −Σ_{i&lt;j} J_ij s_i s_j = −½ sᵀJs with symmetric J, zero diagonal:
/// the Sherrington-Kirkpatrick spin glass (<see cref="EnergyModels.Hamiltonians.SkCouplings"/>) and the Hopfield network
/// (<see cref="EnergyModels.Hamiltonians.HebbianCouplings"/>).
/// </summary>
public sealed class PairwiseTarget : IVanTarget
{
    private readonly double[] _couplings;
    private readonly double[] _row;

    /// <param name="couplings">n × n symmetric, zero diagonal; copied.</param>
    public PairwiseTarget(ReadOnlySpan<double> couplings, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (couplings.Length != n * n) throw new ArgumentException($"Couplings need {n * n} entries.", nameof(couplings));
        for (var i = 0; i < n; i++)
        {
            if (couplings[i * n + i] != 0) throw new ArgumentException("The coupling diagonal must be zero.", nameof(couplings));
            for (var j = 0; j < i; j++)
                if (couplings[i * n + j] != couplings[j * n + i]) throw new ArgumentException("Couplings must be symmetric.", nameof(couplings));
        }
        Spins = n;
        _couplings = couplings.ToArray();
        _row = new double[n];
    }

    public int Spins { get; }
    public ReadOnlySpan<double> Couplings => _couplings;

    // Hot loop: short runs would otherwise spend most of their time in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Energies(ReadOnlySpan<float> spins, Span<double> energies, int batch)
    {
        var n = Spins;
        var s = _row.AsSpan();
        for (var r = 0; r < batch; r++)
        {
            for (var i = 0; i < n; i++) s[i] = spins[r * n + i];
            var e = 0.0;
            for (var i = 0; i < n; i++)
                e += s[i] * TensorPrimitives.Dot(_couplings.AsSpan(i * n, n), s);
            energies[r] = -0.5 * e;
        }
    }
}
