using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Compute.Numerics;
using Compute.Numerics.Nn;

namespace Compute.Flows.Van;

/// <summary>
/// A normalized autoregressive model over n Ising spins: logits a_i(s_&lt;i), q(s_i = +1 | s_&lt;i) = σ(a_i),
/// q(s) = Π_i q(s_i | s_&lt;i), ln q(s) = −Σ_i softplus(−s_i a_i). Implementations own their buffers for batches
/// of up to <see cref="MaxBatch"/> and keep every parameter in one <see cref="ParameterSet{T}"/>.
/// </summary>
public abstract class AutoregressiveNetwork
{
    private readonly float[] _terms;
    private readonly float[] _softplus;

    protected AutoregressiveNetwork(int spins, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        Spins = spins;
        MaxBatch = maxBatch;
        _terms = new float[maxBatch * spins];
        _softplus = new float[maxBatch * spins];
    }

    public int Spins { get; }
    public int MaxBatch { get; }

    /// <summary>Every weight and bias and their gradients, one flat vector each.</summary>
    public ParameterSet<float> Parameters { get; } = new();

    public abstract void Initialize(ref Rng rng);

    /// <summary>Logits a (batch × n) of spins (batch × n, ±1); valid until the next Forward.</summary>
    public abstract ReadOnlySpan<float> Forward(ReadOnlySpan<float> spins, int batch);

    /// <summary>Adds ∂L/∂θ to <see cref="Parameters"/>' gradients given ∂L/∂a for the spins of the last Forward.</summary>
    public abstract void Backward(ReadOnlySpan<float> spins, ReadOnlySpan<float> logitGradients, int batch);

    /// <summary>
    /// Exact ancestral sampling of <paramref name="batch"/> configurations, spin by spin in the autoregressive
    /// order: s_i = +1 when u &lt; σ(a_i), one uniform u per sample from <paramref name="rng"/>.
    /// </summary>
    public abstract void Sample(ref Rng rng, Span<float> spins, int batch, CancellationToken cancellationToken);

    /// <summary>The logits computed by the last <see cref="Sample"/> (batch × n).</summary>
    public abstract ReadOnlySpan<float> SampledLogits(int batch);

    /// <summary>
    /// ln q(s) = −Σ_i softplus(−s_i a_i) per sample from <paramref name="logits"/> of these spins. The terms are
    /// evaluated in float with TensorPrimitives as softplus(x) = max(x, 0) + ln(1 + e^{−|x|}) (never overflows;
    /// absolute error ~1e-7 per spin) and each row's sum is returned in double.
    /// </summary>
    public void LogProbabilities(ReadOnlySpan<float> spins, ReadOnlySpan<float> logits, Span<double> logQ, int batch)
    {
        CheckBatch(batch);
        var count = batch * Spins;
        var x = _terms.AsSpan(0, count);
        var softplus = _softplus.AsSpan(0, count);
        // x = −s∘a, then softplus(x) = ln(1 + e^{−|x|}) + max(x, 0).
        TensorPrimitives.Multiply(spins[..count], logits[..count], x);
        TensorPrimitives.Negate(x, x);
        TensorPrimitives.Abs(x, softplus);
        TensorPrimitives.Negate(softplus, softplus);
        TensorPrimitives.Exp(softplus, softplus);
        TensorPrimitives.Add(softplus, 1f, softplus);
        TensorPrimitives.Log(softplus, softplus);
        TensorPrimitives.Max(x, 0f, x);
        TensorPrimitives.Add(softplus, x, softplus);
        for (var s = 0; s < batch; s++)
            logQ[s] = -(double)TensorPrimitives.Sum(softplus.Slice(s * Spins, Spins));
    }

    protected void CheckBatch(int batch)
    {
        if ((uint)batch > (uint)MaxBatch) throw new ArgumentOutOfRangeException(nameof(batch), $"At most {MaxBatch} samples.");
    }

    /// <summary>Clears the first batch × n spins for sampling and returns them.</summary>
    protected Span<float> PrepareSample(Span<float> spins, int batch)
    {
        CheckBatch(batch);
        if (spins.Length < batch * Spins) throw new ArgumentException($"Need room for {batch} × {Spins} spins.", nameof(spins));
        var s = spins[..(batch * Spins)];
        s.Clear();
        return s;
    }

    /// <summary>Draws s_i = ±1 for every sample from the logits (batch × n) of spin <paramref name="i"/>.</summary>
    // Hot loop: short runs would otherwise spend most of their time in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected void DrawSpin(ref Rng rng, Span<float> spins, ReadOnlySpan<float> logits, int batch, int i)
    {
        for (var r = 0; r < batch; r++)
        {
            var pUp = 1f / (1f + MathF.Exp(-logits[r * Spins + i]));
            spins[r * Spins + i] = rng.NextFloat() < pUp ? 1f : -1f;
        }
    }
}
