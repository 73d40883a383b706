using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.EnergyModels.Rbm;

/// <summary>
/// Block-Gibbs conditionals of an RBM on a batch of rows, in float: P(h = up | v) from the field b + vW,
/// P(v = up | h) from a + hWᵀ, and Bernoulli sampling from uniforms the caller supplies. Batches are
/// row-major (rows × units); products go through <see cref="Gemm.Multiply"/>, or, for configurations encoded as a
/// <see cref="TwoStateMatrix"/>, through its four-Russians tables. The elementwise passes that follow
/// each product (bias, sigmoid, sampling) are cut into two row halves that the caller and the
/// <see cref="HelperThread"/> run at once; being elementwise, they give the same bits however they are shared.
/// Ref: Hinton (2002), Training products of experts by minimizing contrastive divergence.
/// </summary>
public static class RbmGibbs
{
    /// <summary>hp = P(h = up | v) for <paramref name="rows"/> rows of <paramref name="v"/> (rows × nv).</summary>
    public static void HiddenProbabilities(RestrictedBoltzmannMachine m, ReadOnlySpan<float> v, Span<float> hp, int rows)
    {
        var n = rows * m.Hidden;
        Gemm.Multiply(v[..(rows * m.Visible)], m.W, hp[..n], rows, m.Hidden, m.Visible);
        Halves.AddBiasAndProbability(hp[..n], m.B, rows, m.Units);
    }

    /// <summary>
    /// hp = P(h = up | v) for the <see cref="TwoStateMatrix.Rows"/> configurations encoded in <paramref name="v"/> (depth nv),
    /// with the machine's W laid out in <paramref name="w"/> (nv × nh).
    /// </summary>
    public static void HiddenProbabilities(RestrictedBoltzmannMachine m, TwoStateMatrix v, ColumnPanels w, Span<float> hp)
    {
        var n = v.Rows * m.Hidden;
        v.Multiply(w, hp[..n]);
        Halves.AddBiasAndProbability(hp[..n], m.B, v.Rows, m.Units);
    }

    /// <summary>vp = P(v = up | h) for the configurations encoded in <paramref name="h"/> (depth nh), with Wᵀ laid out in <paramref name="wTransposed"/> (nh × nv).</summary>
    public static void VisibleProbabilities(RestrictedBoltzmannMachine m, TwoStateMatrix h, ColumnPanels wTransposed, Span<float> vp)
    {
        var n = h.Rows * m.Visible;
        h.Multiply(wTransposed, vp[..n]);
        Halves.AddBiasAndProbability(vp[..n], m.A, h.Rows, m.Units);
    }

    /// <summary>vp = P(v = up | h) for <paramref name="rows"/> rows of <paramref name="h"/> (rows × nh).</summary>
    public static void VisibleProbabilities(RestrictedBoltzmannMachine m, ReadOnlySpan<float> h, Span<float> vp, int rows)
    {
        var n = rows * m.Visible;
        Gemm.Multiply(h[..(rows * m.Hidden)], m.W, vp[..n], rows, m.Visible, m.Hidden, transposeB: true);
        Halves.AddBiasAndProbability(vp[..n], m.A, rows, m.Units);
    }

    /// <summary>In place: field x → P(up) = σ(x) for 0/1 units, σ(2x) for ±1 units.</summary>
    public static void ProbabilityUp(Span<float> field, RbmUnits units)
    {
        // TensorPrimitives.Sigmoid rejects empty spans.
        if (field.IsEmpty) return;
        if (units == RbmUnits.Spin) TensorPrimitives.Multiply(field, 2f, field);
        TensorPrimitives.Sigmoid(field, field);
    }

    /// <summary>In place: P(up) → mean unit value, p for 0/1 units, 2p − 1 = tanh(x) for ±1 units.</summary>
    public static void ToMean(Span<float> p, RbmUnits units)
    {
        if (units != RbmUnits.Spin) return;
        TensorPrimitives.Multiply(p, 2f, p);
        TensorPrimitives.Add(p, -1f, p);
    }

    /// <summary>s = up (1) where u &lt; p, else down (0 or −1).</summary>
    public static void Sample(ReadOnlySpan<float> p, ReadOnlySpan<float> u, Span<float> s, RbmUnits units)
    {
        CheckSampleLengths(p, u, s);
        Halves.Sample(p, u, s[..p.Length], units, p.Length, null);
    }

    /// <summary>
    /// As <see cref="Sample(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, RbmUnits)"/> for a batch of
    /// <paramref name="rows"/> configurations, which are also encoded into <paramref name="states"/> for the next
    /// conditional's product, each row while it is still in L1.
    /// </summary>
    public static void Sample(ReadOnlySpan<float> p, ReadOnlySpan<float> u, Span<float> s, RbmUnits units, int rows, TwoStateMatrix states)
    {
        CheckSampleLengths(p, u, s);
        if (rows <= 0 || p.Length % rows != 0) throw new ArgumentException($"{p.Length} probabilities do not make {rows} rows.", nameof(rows));
        states.Reset(rows, p.Length / rows, units == RbmUnits.Spin ? -1f : 0f, 1f);
        Halves.Sample(p, u, s[..p.Length], units, rows, states);
    }

    private static void CheckSampleLengths(ReadOnlySpan<float> p, ReadOnlySpan<float> u, Span<float> s)
    {
        if (u.Length < p.Length) throw new ArgumentException($"u has {u.Length} uniforms for {p.Length} probabilities.", nameof(u));
        if (s.Length < p.Length) throw new ArgumentException($"s has room for {s.Length} samples, needs {p.Length}.", nameof(s));
    }

    private static void SampleSerial(ReadOnlySpan<float> p, ReadOnlySpan<float> u, Span<float> s, RbmUnits units)
    {
        Kernels.SampleBernoulli(p, u, s);
        if (units != RbmUnits.Spin) return;
        TensorPrimitives.Multiply(s, 2f, s);
        TensorPrimitives.Add(s, -1f, s);
    }

    /// <summary>One elementwise pass over a batch, in two halves; reused per calling thread, so nothing is allocated.</summary>
    private sealed unsafe class Halves : IPieces
    {
        // Below this many values the hand-off to the helper costs more than half the pass.
        private const int ParallelThreshold = 16_384;
        [ThreadStatic] private static Halves? _current;
        private float* _p, _u, _s;
        private int _rows, _columns;
        private RbmUnits _units;
        private bool _sampling;
        private TwoStateMatrix? _states;

        public int PieceCount => 2;

        public static void AddBiasAndProbability(Span<float> field, ReadOnlySpan<float> bias, int rows, RbmUnits units)
        {
            if (field.Length != (long)rows * bias.Length) throw new ArgumentException($"Field has {field.Length} values, needs {rows}×{bias.Length}.", nameof(field));
            fixed (float* f = field, b = bias)
            {
                var job = _current ??= new Halves();
                job.Set(f, b, null, rows, bias.Length, units, sampling: false, null);
                HelperThread.Run(job, allowHelper: field.Length >= ParallelThreshold && rows >= 2);
            }
        }

        /// <summary>Sampling pass over <paramref name="rows"/> rows of p, u and s; each sampled row is encoded into <paramref name="states"/> when given.</summary>
        public static void Sample(ReadOnlySpan<float> p, ReadOnlySpan<float> u, Span<float> s, RbmUnits units, int rows, TwoStateMatrix? states)
        {
            fixed (float* pp = p, pu = u, ps = s)
            {
                var job = _current ??= new Halves();
                job.Set(pp, pu, ps, rows, p.Length / Math.Max(rows, 1), units, sampling: true, states);
                HelperThread.Run(job, allowHelper: p.Length >= ParallelThreshold && rows >= 2);
                job._states = null;
            }
        }

        /// <summary>Probability pass: p = field, u = bias. Sampling pass: p, u, s as in <see cref="RbmGibbs.Sample(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, RbmUnits)"/>.</summary>
        private void Set(float* p, float* u, float* s, int rows, int columns, RbmUnits units, bool sampling, TwoStateMatrix? states)
        {
            _p = p;
            _u = u;
            _s = s;
            _rows = rows;
            _columns = columns;
            _units = units;
            _sampling = sampling;
            _states = states;
        }

        public void Compute(int piece)
        {
            var from = piece * _rows / 2;
            var to = (piece + 1) * _rows / 2;
            if (to == from) return;
            var columns = _columns;
            if (_sampling)
            {
                if (_states is null)
                {
                    var offset = (long)from * columns;
                    var count = (to - from) * columns;
                    SampleSerial(new ReadOnlySpan<float>(_p + offset, count), new ReadOnlySpan<float>(_u + offset, count), new Span<float>(_s + offset, count), _units);
                    return;
                }
                for (var r = from; r < to; r++)
                {
                    var offset = (long)r * columns;
                    var row = new Span<float>(_s + offset, columns);
                    SampleSerial(new ReadOnlySpan<float>(_p + offset, columns), new ReadOnlySpan<float>(_u + offset, columns), row, _units);
                    if (!_states.EncodeRow(r, row)) throw new InvalidOperationException("A sampled unit is neither up nor down.");
                }
                return;
            }
            var bias = new ReadOnlySpan<float>(_u, columns);
            for (var r = from; r < to; r++)
                Kernels.Logistic(new Span<float>(_p + (long)r * columns, columns), bias, _units == RbmUnits.Spin ? 2f : 1f);
        }
    }
}
