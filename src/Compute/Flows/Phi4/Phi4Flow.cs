using System.Numerics;
using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Flows.Phi4;

/// <summary>Architecture of a RealNVP flow on an L×L lattice.</summary>
/// <param name="Couplings">Affine coupling layers; checkerboard parities alternate.</param>
/// <param name="Convolutional">Conditioners are circular 3×3 CNNs (else MLPs on the frozen half).</param>
/// <param name="HiddenLayers">Hidden layers per conditioner (CNN: hidden convolutions; MLP: hidden dense layers).</param>
/// <param name="Hidden">Hidden channels (CNN) or width (MLP).</param>
public readonly record struct FlowArchitecture(int L, int Couplings, bool Convolutional, int HiddenLayers, int Hidden)
{
    /// <summary>Multiply-adds of one forward pass per sample (the backward pass costs about twice as much).</summary>
    public double MultiplyAddsPerSample
    {
        get
        {
            double v = L * L, half = v / 2, perCoupling;
            if (Convolutional)
                perCoupling = v * 9 * (1.0 * Hidden + (HiddenLayers - 1.0) * Hidden * Hidden + Hidden * 2.0);
            else
                perCoupling = half * Hidden + (HiddenLayers - 1.0) * Hidden * Hidden + Hidden * v;
            return Couplings * perCoupling;
        }
    }
}

/// <summary>
/// RealNVP normalizing flow φ = f(z) on an L×L lattice, batched ([batch][site]): a stack of
/// <see cref="AffineCoupling{T}"/> with alternating checkerboard masks, base density N(0, 1) per site.
/// ln q(φ) = ln r(z) − ln|det ∂f/∂z|. Keeps every intermediate field for the backward pass.
/// Ref: Albergo, Kanwar &amp; Shanahan, PRD 100 (2019); arXiv:2101.08176.
/// </summary>
public sealed class Phi4Flow<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AffineCoupling<T>[] _couplings;
    private readonly T[][] _fields;
    private readonly T[] _gradA;
    private readonly T[] _gradB;

    public Phi4Flow(FlowArchitecture architecture, int maxBatch, ulong seed)
    {
        Architecture = architecture;
        MaxBatch = maxBatch;
        var l = architecture.L;
        var v = l * l;
        Sites = v;
        Parameters = new ParameterSet<T>();
        _couplings = new AffineCoupling<T>[architecture.Couplings];
        for (var i = 0; i < _couplings.Length; i++)
        {
            var mask = new CheckerboardMask(l, i % 2);
            var net = architecture.Convolutional ? Cnn(architecture, Parameters, maxBatch) : Mlp(architecture, Parameters, maxBatch);
            _couplings[i] = new AffineCoupling<T>(mask, net, architecture.Convolutional ? ConditionerShape.Planar : ConditionerShape.Compact, maxBatch);
        }
        var rng = new Rng(seed, 1);
        foreach (var c in _couplings) c.Conditioner.Initialize(ref rng);
        _fields = new T[_couplings.Length + 1][];
        for (var i = 0; i < _fields.Length; i++) _fields[i] = new T[maxBatch * v];
        _gradA = new T[maxBatch * v];
        _gradB = new T[maxBatch * v];
    }

    public FlowArchitecture Architecture { get; }
    public int MaxBatch { get; }
    public int Sites { get; }
    public ParameterSet<T> Parameters { get; }

    private static Sequential<T> Cnn(FlowArchitecture a, ParameterSet<T> p, int batch)
    {
        var v = a.L * a.L;
        var layers = new List<Layer<T>>();
        var channels = 1;
        for (var h = 0; h < a.HiddenLayers; h++)
        {
            layers.Add(new CircularConv3x3<T>(p, a.L, channels, a.Hidden, batch));
            layers.Add(new LeakyRelu<T>(a.Hidden * v, batch));
            channels = a.Hidden;
        }
        layers.Add(new CircularConv3x3<T>(p, a.L, channels, 2, batch));
        return new Sequential<T>([.. layers]);
    }

    private static Sequential<T> Mlp(FlowArchitecture a, ParameterSet<T> p, int batch)
    {
        var v = a.L * a.L;
        var layers = new List<Layer<T>>();
        var width = v / 2;
        for (var h = 0; h < a.HiddenLayers; h++)
        {
            layers.Add(new Dense<T>(p, width, a.Hidden, batch));
            layers.Add(new LeakyRelu<T>(a.Hidden, batch));
            width = a.Hidden;
        }
        layers.Add(new Dense<T>(p, width, v, batch));
        return new Sequential<T>([.. layers]);
    }

    /// <summary>
    /// A flow of the same architecture that shares this one's parameter values (not their gradients), with its own
    /// workspace for up to <paramref name="maxBatch"/> samples: the two can differentiate disjoint parts of a batch at once.
    /// </summary>
    public Phi4Flow<T> Twin(int maxBatch)
    {
        var twin = new Phi4Flow<T>(Architecture, maxBatch, seed: 0);
        twin.Parameters.ShareValues(Parameters);
        return twin;
    }

    /// <summary>φ = f(z); writes ln|det ∂f/∂z| per sample into <paramref name="logDet"/>. Returns φ (own buffer).</summary>
    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> z, Span<T> logDet, int batch)
    {
        var n = batch * Sites;
        z[..n].CopyTo(_fields[0]);
        logDet[..batch].Clear();
        for (var i = 0; i < _couplings.Length; i++)
            _couplings[i].Forward(_fields[i].AsSpan(0, n), _fields[i + 1].AsSpan(0, n), logDet, batch);
        return _fields[^1].AsSpan(0, n);
    }

    /// <summary>
    /// Adds ∂L/∂θ to <see cref="Parameters"/>.Gradients for the last <see cref="Forward"/>, given ∂L/∂φ and
    /// ∂L/∂(ln det) per sample. Each coupling keeps its own forward state, so no recomputation is needed.
    /// </summary>
    public void Backward(ReadOnlySpan<T> dPhi, ReadOnlySpan<T> dLogDet, int batch)
    {
        var n = batch * Sites;
        ReadOnlySpan<T> g = dPhi[..n];
        for (var i = _couplings.Length - 1; i >= 0; i--)
        {
            // Ping-pong between two buffers: the output gradient of layer i is the input gradient of layer i+1.
            var dx = (i % 2 == 0 ? _gradA : _gradB).AsSpan(0, n);
            _couplings[i].Backward(g, dLogDet, dx, batch);
            g = dx;
        }
    }

    /// <summary>z = f⁻¹(φ); writes ln|det ∂f/∂z| (of the forward map at z) per sample into <paramref name="logDet"/>.</summary>
    public void Inverse(ReadOnlySpan<T> phi, Span<T> z, Span<T> logDet, int batch)
    {
        var n = batch * Sites;
        phi[..n].CopyTo(_fields[^1]);
        logDet[..batch].Clear();
        for (var i = _couplings.Length - 1; i >= 0; i--)
            _couplings[i].Inverse(_fields[i + 1].AsSpan(0, n), _fields[i].AsSpan(0, n), logDet, batch);
        _fields[0].AsSpan(0, n).CopyTo(z);
        for (var b = 0; b < batch; b++) logDet[b] = -logDet[b];
    }
}
