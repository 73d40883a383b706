namespace Compute.Flows.Van;

/// <summary>
/// Exact thermodynamics of a small <see cref="IVanTarget"/> by visiting all 2ⁿ configurations
/// (configuration c has s_i = +1 where bit i of c is set): ln Z = ln Σ_s e^{−βE(s)} and ⟨E⟩, accumulated
/// as a streaming log-sum-exp in double. For n ≤ 24.
/// </summary>
public static class ExactEnumeration
{
    public const int MaxSpins = 24;
    private const int Chunk = 4096;

    /// <summary>(ln Z, ⟨E⟩) at inverse temperature <paramref name="beta"/>.</summary>
    public static (double LogZ, double MeanEnergy) Thermodynamics(IVanTarget target, double beta, CancellationToken cancellationToken = default)
    {
        var n = target.Spins;
        if (n > MaxSpins) throw new ArgumentOutOfRangeException(nameof(target), $"Enumeration is limited to {MaxSpins} spins.");
        var total = 1L << n;
        var rows = (int)Math.Min(Chunk, total);
        var spins = new float[rows * n];
        var energies = new double[rows];
        // Σ e^{−βE − shift} and Σ E e^{−βE − shift}, rescaled whenever a larger −βE appears.
        var shift = double.NegativeInfinity;
        double sum = 0, energySum = 0;
        for (long start = 0; start < total; start += rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = (int)Math.Min(rows, total - start);
            for (var r = 0; r < count; r++)
            {
                var c = start + r;
                for (var i = 0; i < n; i++) spins[r * n + i] = ((c >> i) & 1) == 1 ? 1f : -1f;
            }
            target.Energies(spins, energies, count);
            for (var r = 0; r < count; r++)
            {
                var x = -beta * energies[r];
                if (x > shift)
                {
                    var scale = Math.Exp(shift - x);
                    sum *= scale;
                    energySum *= scale;
                    shift = x;
                }
                var w = Math.Exp(x - shift);
                sum += w;
                energySum += w * energies[r];
            }
        }
        return (shift + Math.Log(sum), energySum / sum);
    }
}
