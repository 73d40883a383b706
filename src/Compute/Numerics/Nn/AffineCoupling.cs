using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace Compute.Numerics.Nn;

/// <summary>How a conditioner network sees the frozen half and returns (s, t) for the active half.</summary>
public enum ConditionerShape
{
    /// <summary>
    /// Convolutional: input one plane [batch][site] holding the frozen values and zeros on active sites;
    /// output two channel planes [2][batch][site] (raw s, then t), read on the active sites.
    /// </summary>
    Planar,

    /// <summary>Dense: input [batch][frozen index]; output [batch][2·V/2] (raw s for each active site, then t).</summary>
    Compact,
}

/// <summary>
/// RealNVP affine coupling layer on a field of V sites, batched ([batch][site]). With frozen half x_a and
/// active half x_b (<see cref="CheckerboardMask"/>), s = tanh(s_raw(x_a)) and t = t(x_a) from the conditioner:
/// x_b' = x_b·exp(s) + t, x_a' = x_a, ln|det ∂x'/∂x| = Σ_b s. The tanh bound keeps exp(s) ∈ (1/e, e).
/// Backward: ∂x_b = ∂x_b'·e^s; ∂s = ∂x_b'·x_b·e^s + ∂(ln det); ∂s_raw = ∂s·(1 − s²); ∂t = ∂x_b';
/// ∂x_a = ∂x_a' + conditioner's input gradient.
/// Ref: Dinh, Sohl-Dickstein &amp; Bengio, ICLR (2017); Albergo, Kanwar &amp; Shanahan, PRD 100 (2019).
/// </summary>
public sealed class AffineCoupling<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Sequential<T> _net;
    private readonly int[] _frozen;
    private readonly int[] _active;
    private readonly int _sites;
    private readonly int _half;
    private readonly ConditionerShape _shape;
    private readonly T[] _input;     // conditioner input
    private readonly T[] _outputGrad; // ∂L/∂(conditioner output)
    private readonly T[] _s;          // tanh-bounded scales, [batch][active]
    private readonly T[] _expS;
    private readonly T[] _t;
    private readonly T[] _xActive;
    private readonly T[] _work;

    public AffineCoupling(CheckerboardMask mask, Sequential<T> conditioner, ConditionerShape shape, int maxBatch)
    {
        _frozen = mask.Frozen;
        _active = mask.Active;
        _sites = mask.Sites;
        _half = _active.Length;
        _shape = shape;
        _net = conditioner;
        MaxBatch = maxBatch;
        var (inSize, outSize) = shape == ConditionerShape.Planar ? (_sites, 2 * _sites) : (_half, 2 * _half);
        if (conditioner.InputSize != inSize || conditioner.OutputSize != outSize)
            throw new ArgumentException($"A {shape} conditioner must map {inSize} to {outSize} values per sample; this one maps {conditioner.InputSize} to {conditioner.OutputSize}.");
        _input = new T[maxBatch * inSize];
        _outputGrad = new T[maxBatch * outSize];
        var n = maxBatch * _half;
        _s = new T[n];
        _expS = new T[n];
        _t = new T[n];
        _xActive = new T[n];
        _work = new T[n];
    }

    public int MaxBatch { get; }
    public Sequential<T> Conditioner => _net;

    /// <summary>y = coupling(x) for <paramref name="batch"/> fields; adds Σ s of each sample to <paramref name="logDet"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<T> x, Span<T> y, Span<T> logDet, int batch)
    {
        var n = batch * _half;
        RunConditioner(x, batch);
        Gather(x, _xActive, batch);
        var s = _s.AsSpan(0, n);
        var es = _expS.AsSpan(0, n);
        TensorPrimitives.Exp(s, es);
        var ya = _work.AsSpan(0, n);
        TensorPrimitives.MultiplyAdd(_xActive.AsSpan(0, n), es, _t.AsSpan(0, n), ya);
        x[..(batch * _sites)].CopyTo(y);
        Scatter(ya, y, batch);
        for (var b = 0; b < batch; b++) logDet[b] += TensorPrimitives.Sum(s.Slice(b * _half, _half));
    }

    /// <summary>x = coupling⁻¹(y); subtracts Σ s of each sample from <paramref name="logDet"/>. Overwrites the Forward state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Inverse(ReadOnlySpan<T> y, Span<T> x, Span<T> logDet, int batch)
    {
        var n = batch * _half;
        RunConditioner(y, batch);
        var s = _s.AsSpan(0, n);
        var ya = _xActive.AsSpan(0, n);
        Gather(y, ya, batch);
        var xa = _work.AsSpan(0, n);
        TensorPrimitives.Subtract(ya, _t.AsSpan(0, n), xa);
        TensorPrimitives.Negate(s, _expS.AsSpan(0, n));
        TensorPrimitives.Exp(_expS.AsSpan(0, n), _expS.AsSpan(0, n));
        TensorPrimitives.Multiply(xa, _expS.AsSpan(0, n), xa);
        y[..(batch * _sites)].CopyTo(x);
        Scatter(xa, x, batch);
        for (var b = 0; b < batch; b++) logDet[b] -= TensorPrimitives.Sum(s.Slice(b * _half, _half));
    }

    /// <summary>
    /// Given ∂L/∂y and ∂L/∂(ln det) per sample for the last <see cref="Forward"/> (input x), adds the conditioner's
    /// parameter gradients and writes ∂L/∂x into <paramref name="dx"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<T> dy, ReadOnlySpan<T> dLogDet, Span<T> dx, int batch)
    {
        var n = batch * _half;
        var dya = _work.AsSpan(0, n);
        Gather(dy, dya, batch);
        var s = _s.AsSpan(0, n);
        var es = _expS.AsSpan(0, n);
        var plane = _shape == ConditionerShape.Planar ? batch * _sites : 0;
        var outGrad = _outputGrad.AsSpan(0, batch * 2 * (_shape == ConditionerShape.Planar ? _sites : _half));
        for (var b = 0; b < batch; b++)
        {
            var g = dLogDet[b];
            for (var a = 0; a < _half; a++)
            {
                var i = b * _half + a;
                var dyes = dya[i] * es[i];
                var dsRaw = (dyes * _xActive[i] + g) * (T.One - s[i] * s[i]);
                if (_shape == ConditionerShape.Planar)
                {
                    var site = b * _sites + _active[a];
                    outGrad[site] = dsRaw;
                    outGrad[plane + site] = dya[i];
                }
                else
                {
                    outGrad[b * 2 * _half + a] = dsRaw;
                    outGrad[b * 2 * _half + _half + a] = dya[i];
                }
                dya[i] = dyes;
            }
        }
        var dIn = _net.Backward(_input.AsSpan(0, batch * _net.InputSize), outGrad, batch);
        dy[..(batch * _sites)].CopyTo(dx);
        Scatter(dya, dx, batch);
        for (var b = 0; b < batch; b++)
        {
            var row = dx.Slice(b * _sites, _sites);
            for (var f = 0; f < _frozen.Length; f++)
                row[_frozen[f]] += _shape == ConditionerShape.Planar ? dIn[b * _sites + _frozen[f]] : dIn[b * _half + f];
        }
    }

    /// <summary>Feeds the frozen half to the conditioner; leaves tanh-bounded s in _s and t in _t ([batch][active]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunConditioner(ReadOnlySpan<T> x, int batch)
    {
        var inSize = _net.InputSize;
        var input = _input.AsSpan(0, batch * inSize);
        for (var b = 0; b < batch; b++)
        {
            var row = x.Slice(b * _sites, _sites);
            var dest = input.Slice(b * inSize, inSize);
            // Planar input keeps zeros on active sites from allocation: only frozen sites are ever written.
            if (_shape == ConditionerShape.Planar)
                foreach (var f in _frozen) dest[f] = row[f];
            else
                for (var f = 0; f < _frozen.Length; f++) dest[f] = row[_frozen[f]];
        }
        var output = _net.Forward(input, batch);
        var s = _s.AsSpan(0, batch * _half);
        var t = _t.AsSpan(0, batch * _half);
        if (_shape == ConditionerShape.Planar)
        {
            var plane = batch * _sites;
            Gather(output[..plane], s, batch);
            Gather(output[plane..], t, batch);
        }
        else
        {
            for (var b = 0; b < batch; b++)
            {
                output.Slice(b * 2 * _half, _half).CopyTo(s.Slice(b * _half, _half));
                output.Slice(b * 2 * _half + _half, _half).CopyTo(t.Slice(b * _half, _half));
            }
        }
        TensorPrimitives.Tanh(s, s);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Gather(ReadOnlySpan<T> field, Span<T> activeValues, int batch)
    {
        for (var b = 0; b < batch; b++)
        {
            var row = field.Slice(b * _sites, _sites);
            var dest = activeValues.Slice(b * _half, _half);
            for (var a = 0; a < dest.Length; a++) dest[a] = row[_active[a]];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scatter(ReadOnlySpan<T> activeValues, Span<T> field, int batch)
    {
        for (var b = 0; b < batch; b++)
        {
            var row = field.Slice(b * _sites, _sites);
            var src = activeValues.Slice(b * _half, _half);
            for (var a = 0; a < src.Length; a++) row[_active[a]] = src[a];
        }
    }
}
