using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.EnergyModels.SpinGlass;

/// <summary>
/// One SK configuration with its local fields h_i = Σ_j J_ij s_j and energy H = −½ Σ_i s_i h_i, updated by
/// sequential single-spin Metropolis: flipping s_i costs ΔH = 2 s_i h_i and, when accepted, moves every field by
/// −2 s_i J_ij (one vectorized row update, O(N)). Spins, couplings and fields are float; the energy is accumulated
/// in double and, with the fields, recomputed exactly every <see cref="RefreshInterval"/> sweeps so rounding cannot drift.
/// Ref: Metropolis et al., J. Chem. Phys. 21, 1087 (1953).
/// </summary>
public sealed class SkReplica
{
    public const int RefreshInterval = 64;

    private readonly float[] _couplings;
    private int _sweepsSinceRefresh;

    public SkReplica(float[] couplings, int n)
    {
        if (couplings.Length != n * n) throw new ArgumentException("couplings must be n × n.", nameof(couplings));
        N = n;
        _couplings = couplings;
        Spins = new float[n];
        Fields = new float[n];
    }

    public int N { get; }

    public float[] Spins { get; }

    public float[] Fields { get; }

    public double Energy { get; private set; }

    public long Accepted { get; private set; }

    public void Randomize(ref Rng rng)
    {
        for (var i = 0; i < N; i++) Spins[i] = rng.NextSign();
        Refresh();
    }

    /// <summary>Recomputes the fields (double accumulation) and the energy from the spins.</summary>
    public void Refresh()
    {
        var e = 0.0;
        for (var i = 0; i < N; i++)
        {
            var row = _couplings.AsSpan(i * N, N);
            var h = 0.0;
            for (var j = 0; j < N; j++) h += row[j] * Spins[j];
            Fields[i] = (float)h;
            e -= 0.5 * Spins[i] * h;
        }
        Energy = e;
        _sweepsSinceRefresh = 0;
    }

    /// <summary>One sweep: N Metropolis attempts in the order i = 0 … N−1 at inverse temperature β.</summary>
    public void Sweep(double beta, ref Rng rng)
    {
        var spins = Spins.AsSpan();
        var fields = Fields.AsSpan();
        for (var i = 0; i < spins.Length; i++)
        {
            var s = spins[i];
            var deltaE = 2.0 * s * fields[i];
            if (rng.NextDouble() >= Math.Exp(-beta * deltaE)) continue;
            spins[i] = -s;
            Energy += deltaE;
            Accepted++;
            TensorPrimitives.MultiplyAdd(_couplings.AsSpan(i * N, N), -2 * s, fields, fields);
        }
        if (++_sweepsSinceRefresh >= RefreshInterval) Refresh();
    }

    /// <summary>Overlap q = (1/N) Σ_i s_i t_i with another replica of the same sample.</summary>
    public double Overlap(SkReplica other) => TensorPrimitives.Dot(Spins, other.Spins) / (double)N;
}
