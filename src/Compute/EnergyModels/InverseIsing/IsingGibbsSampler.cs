using Compute.Numerics;

namespace Compute.EnergyModels.InverseIsing;

/// <summary>
/// Samples of a pairwise Ising model too large to enumerate: one heat-bath chain (sequential sweeps,
/// P(s_i = +1 | rest) = σ(2θ_i), θ_i = h_i + Σ_j J_ij s_j, local fields updated on each flip), 1000 sweeps of
/// equilibration from a random state, then <c>sweepsBetween</c> sweeps between stored samples.
/// Ref: Glauber (1963); Newman &amp; Barkema, Monte Carlo Methods in Statistical Physics, §3.
/// </summary>
public static class IsingGibbsSampler
{
    public static sbyte[] Sample(PairwiseIsing model, int count, int sweepsBetween, ulong seed, CancellationToken ct = default)
    {
        var n = model.N;
        var rng = new Rng(seed, 0x61B);
        var s = new int[n];
        for (var i = 0; i < n; i++) s[i] = rng.NextSign();
        var field = new double[n];
        for (var i = 0; i < n; i++)
        {
            field[i] = model.H[i];
            for (var j = 0; j < n; j++) field[i] += model.J[i * n + j] * s[j];
        }
        var samples = new sbyte[count * n];
        const int equilibration = 1000;
        var totalSweeps = equilibration + (long)count * sweepsBetween;
        var stored = 0;
        for (long sweep = 1; sweep <= totalSweeps; sweep++)
        {
            if ((sweep & 63) == 0) ct.ThrowIfCancellationRequested();
            for (var i = 0; i < n; i++)
            {
                var up = rng.NextDouble() * (1 + Math.Exp(-2 * field[i])) < 1;
                var value = up ? 1 : -1;
                if (value == s[i]) continue;
                var delta = value - s[i];
                s[i] = value;
                for (var j = 0; j < n; j++) field[j] += model.J[j * n + i] * delta;
            }
            if (sweep > equilibration && (sweep - equilibration) % sweepsBetween == 0 && stored < count)
            {
                for (var i = 0; i < n; i++) samples[stored * n + i] = (sbyte)s[i];
                stored++;
            }
        }
        return samples;
    }
}
