using Compute.EnergyModels.Hamiltonians;
using Compute.Numerics;

namespace Compute.EnergyModels.InverseIsing;

/// <summary>
/// Exact computations for small pairwise Ising models (N ≤ 20) from the weights of all 2^N states
/// (<see cref="SpinEnumeration"/>): ln Z, magnetizations and pair moments, the Fisher information (covariance of the
/// sufficient statistics) and exact independent sampling by inversion of the cumulative distribution. State bit k = 1
/// means s_k = +1.
/// </summary>
public static class IsingEnumeration
{
    public const int MaxSpins = 20;

    /// <summary>ln of the unnormalized weight Σ_{i&lt;j} J_ij s_i s_j + Σ h_i s_i = −H(s) of every state, indexed by its bit pattern.</summary>
    public static double[] LogWeights(PairwiseIsing model, CancellationToken ct = default)
    {
        if (model.N > MaxSpins) throw new ArgumentException($"Enumeration is limited to {MaxSpins} spins.");
        var weights = SpinEnumeration.Energies(model.J, model.H, model.N, halfSpace: false, ct);
        for (var i = 0; i < weights.Length; i++) weights[i] = -weights[i];
        return weights;
    }

    /// <summary>ln Z, ⟨s_i⟩ and ⟨s_i s_j⟩ (N×N, diagonal 1).</summary>
    public static (double LogZ, double[] Magnetization, double[] PairMoments) Moments(PairwiseIsing model, CancellationToken ct = default)
    {
        var n = model.N;
        var logWeights = LogWeights(model, ct);
        var logZ = Special.LogSumExp(logWeights);
        var m = new double[n];
        var c = new double[n * n];
        var s = new double[n];
        for (var state = 0; state < logWeights.Length; state++)
        {
            var w = Math.Exp(logWeights[state] - logZ);
            for (var i = 0; i < n; i++) s[i] = ((state >> i) & 1) != 0 ? 1 : -1;
            for (var i = 0; i < n; i++)
            {
                var wi = w * s[i];
                m[i] += wi;
                for (var j = i + 1; j < n; j++) c[i * n + j] += wi * s[j];
            }
        }
        for (var i = 0; i < n; i++)
        {
            c[i * n + i] = 1;
            for (var j = i + 1; j < n; j++) c[j * n + i] = c[i * n + j];
        }
        return (logZ, m, c);
    }

    /// <summary>
    /// Covariance of the sufficient statistics φ = (s_1 … s_N, s_i s_j for i &lt; j in row order), i.e. the
    /// Fisher information per sample of the exponential family in (h, J); D = N + N(N−1)/2, row-major D×D.
    /// </summary>
    public static double[] FisherInformation(PairwiseIsing model, CancellationToken ct = default)
    {
        var n = model.N;
        var d = n + model.Pairs;
        var logWeights = LogWeights(model, ct);
        var logZ = Special.LogSumExp(logWeights);
        var phi = new double[d];
        var mean = new double[d];
        var second = new double[d * d];
        for (var state = 0; state < logWeights.Length; state++)
        {
            if ((state & 1023) == 0) ct.ThrowIfCancellationRequested();
            var w = Math.Exp(logWeights[state] - logZ);
            Statistics(state, n, phi);
            for (var a = 0; a < d; a++)
            {
                var wa = w * phi[a];
                mean[a] += wa;
                for (var b = a; b < d; b++) second[a * d + b] += wa * phi[b];
            }
        }
        for (var a = 0; a < d; a++)
            for (var b = a; b < d; b++)
            {
                var cov = second[a * d + b] - mean[a] * mean[b];
                second[a * d + b] = cov;
                second[b * d + a] = cov;
            }
        return second;
    }

    /// <summary>φ(s) for the state with bit pattern <paramref name="state"/>.</summary>
    public static void Statistics(int state, int n, Span<double> phi)
    {
        var k = n;
        for (var i = 0; i < n; i++) phi[i] = ((state >> i) & 1) != 0 ? 1 : -1;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++) phi[k++] = phi[i] * phi[j];
    }

    /// <summary><paramref name="count"/> exact independent samples (rows of ±1) by inverting the cumulative distribution.</summary>
    public static sbyte[] Sample(PairwiseIsing model, int count, ulong seed, CancellationToken ct = default)
    {
        var n = model.N;
        var logWeights = LogWeights(model, ct);
        var logZ = Special.LogSumExp(logWeights);
        var cumulative = new double[logWeights.Length];
        double total = 0;
        for (var state = 0; state < logWeights.Length; state++)
        {
            total += Math.Exp(logWeights[state] - logZ);
            cumulative[state] = total;
        }
        var rng = new Rng(seed, 0x15E);
        var samples = new sbyte[count * n];
        for (var r = 0; r < count; r++)
        {
            var u = rng.NextDouble() * total;
            var state = Array.BinarySearch(cumulative, u);
            if (state < 0) state = ~state;
            state = Math.Min(state, cumulative.Length - 1);
            for (var i = 0; i < n; i++) samples[r * n + i] = ((state >> i) & 1) != 0 ? (sbyte)1 : (sbyte)-1;
        }
        return samples;
    }
}
