using System.Numerics;
using Compute.Numerics;

namespace Compute.EnergyModels.Rbm;

/// <summary>
/// Exact log partition function and free energies of an RBM in double precision. Summing out one layer
/// analytically and enumerating the other in Gray-code order (one unit flips per state, O(m) update):
/// ln Z = logsumexp_h [b·h + Σ_i u(a_i + (Wh)_i)] = logsumexp_v [a·v + Σ_j u(b_j + (vᵀW)_j)],
/// with u = softplus for 0/1 units and ln 2cosh for ±1 units. Blocks of states run in parallel within the thread budget; each
/// block's (max, sum) is combined in a fixed order, so the result does not depend on the thread count.
/// Ref: docs/model-types/ebm.rbm.md; Salakhutdinov &amp; Murray (2008), §2.
/// </summary>
public static class RbmExact
{
    /// <summary>Largest layer the portal enumerates (2^24 ≈ 1.7·10⁷ states).</summary>
    public const int MaxEnumeratedUnits = 24;

    /// <summary>ln Z by enumerating the smaller layer.</summary>
    public static double LogPartitionFunction(RestrictedBoltzmannMachine m, CancellationToken ct = default) =>
        LogPartitionFunction(m, enumerateVisible: m.Visible <= m.Hidden, ct);

    /// <summary>ln Z by enumerating the visible (or hidden) layer.</summary>
    public static double LogPartitionFunction(RestrictedBoltzmannMachine m, bool enumerateVisible, CancellationToken ct = default)
    {
        var n = enumerateVisible ? m.Visible : m.Hidden;
        var other = enumerateVisible ? m.Hidden : m.Visible;
        if (n > MaxEnumeratedUnits) throw new ArgumentException($"Enumerating {n} units (2^{n} states) exceeds the limit of {MaxEnumeratedUnits}.");
        // coupling[k·other + o]: enumerated unit k to unit o of the summed-out layer.
        var coupling = new double[n * other];
        for (var k = 0; k < n; k++)
            for (var o = 0; o < other; o++)
                coupling[k * other + o] = enumerateVisible ? m.W[k * m.Hidden + o] : m.W[o * m.Hidden + k];
        var biasEnumerated = (enumerateVisible ? m.A : m.B).Select(x => (double)x).ToArray();
        var biasOther = (enumerateVisible ? m.B : m.A).Select(x => (double)x).ToArray();

        var total = 1L << n;
        var blockBits = Math.Min(n, 6);
        var blocks = 1 << blockBits;
        var perBlock = total / blocks;
        var maxes = new double[blocks];
        var sums = new double[blocks];
        ThreadBudget.For(blocks, static () => 0, (blk, _) =>
        {
            var (max, sum) = EnumerateBlock(m.Units, coupling, biasEnumerated, biasOther, n, other, blk * perBlock, perBlock, ct);
            maxes[blk] = max;
            sums[blk] = sum;
        }, ct);
        var overall = maxes.Max();
        double s = 0;
        for (var b = 0; b < blocks; b++) s += sums[b] * Math.Exp(maxes[b] - overall);
        return overall + Math.Log(s);
    }

    private static (double Max, double Sum) EnumerateBlock(RbmUnits units, double[] coupling, double[] biasEnumerated, double[] biasOther,
        int n, int other, long start, long count, CancellationToken ct)
    {
        var down = RbmUnitMath.Down(units);
        var step = 1 - down; // change of a unit's value when it turns on
        var state = new bool[n];
        var field = new double[other];
        var gray = start ^ (start >> 1);
        double linear = 0;
        biasOther.CopyTo(field, 0);
        for (var k = 0; k < n; k++)
        {
            state[k] = ((gray >> k) & 1) != 0;
            var s = state[k] ? 1.0 : down;
            linear += biasEnumerated[k] * s;
            if (s != 0)
                for (var o = 0; o < other; o++) field[o] += s * coupling[k * other + o];
        }

        // Streaming log-sum-exp with a running maximum.
        var max = double.NegativeInfinity;
        double sum = 0;
        for (long t = start; t < start + count; t++)
        {
            if (t != start)
            {
                var k = BitOperations.TrailingZeroCount(t);
                state[k] = !state[k];
                var delta = state[k] ? step : -step;
                linear += delta * biasEnumerated[k];
                var row = coupling.AsSpan(k * other, other);
                for (var o = 0; o < other; o++) field[o] += delta * row[o];
                if ((t & 4095) == 0) ct.ThrowIfCancellationRequested();
            }
            var value = linear;
            for (var o = 0; o < other; o++) value += RbmUnitMath.LogSum(units, field[o]);
            if (value > max)
            {
                sum = sum * Math.Exp(max - value) + 1;
                max = value;
            }
            else
            {
                sum += Math.Exp(value - max);
            }
        }
        return (max, sum);
    }

    /// <summary>−F(v) = ln Σ_h e^{−E(v,h)} = a·v + Σ_j u(b_j + (vᵀW)_j) for one visible row (unit values).</summary>
    public static double NegativeFreeEnergy(RestrictedBoltzmannMachine m, ReadOnlySpan<float> v, Span<double> hiddenField)
    {
        int nv = m.Visible, nh = m.Hidden;
        double linear = 0;
        for (var j = 0; j < nh; j++) hiddenField[j] = m.B[j];
        for (var i = 0; i < nv; i++)
        {
            var vi = v[i];
            if (vi == 0) continue;
            linear += (double)m.A[i] * vi;
            var row = m.W.AsSpan(i * nh, nh);
            for (var j = 0; j < nh; j++) hiddenField[j] += (double)vi * row[j];
        }
        var value = linear;
        for (var j = 0; j < nh; j++) value += RbmUnitMath.LogSum(m.Units, hiddenField[j]);
        return value;
    }

    /// <summary>Mean log-likelihood per sample ⟨ln p(v)⟩ = ⟨−F(v)⟩ − ln Z over <paramref name="rows"/> rows (nats).</summary>
    public static double MeanLogLikelihood(RestrictedBoltzmannMachine m, ReadOnlySpan<float> rowsData, int rows, double logZ)
    {
        var field = new double[m.Hidden];
        double sum = 0;
        for (var r = 0; r < rows; r++) sum += NegativeFreeEnergy(m, rowsData.Slice(r * m.Visible, m.Visible), field);
        return sum / rows - logZ;
    }

    /// <summary>
    /// Exact gradient of the mean log-likelihood per sample with respect to W, a and b, by enumerating the
    /// visible layer (nv ≤ 20): ∂ℓ/∂W_ij = ⟨v_i E[h_j|v]⟩_data − Σ_v p(v) v_i E[h_j|v], similarly for the
    /// biases. Double precision; for tests and small machines.
    /// </summary>
    public static void Gradient(RestrictedBoltzmannMachine m, ReadOnlySpan<float> rowsData, int rows, Span<double> gradW, Span<double> gradA, Span<double> gradB)
    {
        int nv = m.Visible, nh = m.Hidden;
        if (nv > 20) throw new ArgumentException("The exact gradient enumerates the visible layer; nv must be ≤ 20.");
        gradW[..(nv * nh)].Clear();
        gradA[..nv].Clear();
        gradB[..nh].Clear();
        var field = new double[nh];
        var v = new float[nv];
        // Data term.
        for (var r = 0; r < rows; r++)
            Accumulate(m, rowsData.Slice(r * nv, nv), 1.0 / rows, field, gradW, gradA, gradB);
        // Model term: weights p(v) = e^{−F(v) − ln Z}.
        var logZ = LogPartitionFunction(m, enumerateVisible: true);
        for (long s = 0; s < 1L << nv; s++)
        {
            for (var i = 0; i < nv; i++) v[i] = (float)RbmUnitMath.State(m.Units, (int)((s >> i) & 1));
            var weight = Math.Exp(NegativeFreeEnergy(m, v, field) - logZ);
            Accumulate(m, v, -weight, field, gradW, gradA, gradB);
        }
    }

    private static void Accumulate(RestrictedBoltzmannMachine m, ReadOnlySpan<float> v, double weight, double[] field,
        Span<double> gradW, Span<double> gradA, Span<double> gradB)
    {
        int nv = m.Visible, nh = m.Hidden;
        NegativeFreeEnergy(m, v, field);
        for (var j = 0; j < nh; j++)
        {
            // E[h_j | v]: σ(x) for 0/1 units, tanh(x) for ±1 units.
            field[j] = m.Units == RbmUnits.Binary ? 1 / (1 + Math.Exp(-field[j])) : Math.Tanh(field[j]);
            gradB[j] += weight * field[j];
        }
        for (var i = 0; i < nv; i++)
        {
            gradA[i] += weight * v[i];
            if (v[i] == 0) continue;
            for (var j = 0; j < nh; j++) gradW[i * nh + j] += weight * v[i] * field[j];
        }
    }

    /// <summary>Brute-force ln Z summing e^{−E(v,h)} over every (v, h); for tests on tiny machines only.</summary>
    public static double BruteForceLogPartitionFunction(RestrictedBoltzmannMachine m)
    {
        int nv = m.Visible, nh = m.Hidden;
        if (nv + nh > 22) throw new ArgumentException("Brute force over (v, h) is for tiny machines only.");
        var values = new double[1L << (nv + nh)];
        var v = new double[nv];
        var h = new double[nh];
        for (long s = 0; s < values.Length; s++)
        {
            for (var i = 0; i < nv; i++) v[i] = RbmUnitMath.State(m.Units, (int)((s >> i) & 1));
            for (var j = 0; j < nh; j++) h[j] = RbmUnitMath.State(m.Units, (int)((s >> (nv + j)) & 1));
            double minusEnergy = 0;
            for (var i = 0; i < nv; i++) minusEnergy += m.A[i] * v[i];
            for (var j = 0; j < nh; j++) minusEnergy += m.B[j] * h[j];
            for (var i = 0; i < nv; i++)
                for (var j = 0; j < nh; j++) minusEnergy += v[i] * m.W[i * nh + j] * h[j];
            values[s] = minusEnergy;
        }
        return Compute.Numerics.Special.LogSumExp(values);
    }
}
