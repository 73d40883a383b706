using System.Runtime.CompilerServices;
using System.Numerics;

namespace Compute.Flows.Phi4;

/// <summary>
/// Reverse Kullback-Leibler objective of a flow against the φ⁴ Boltzmann weight e^{−S}, estimated on a batch
/// of base draws z: L = (1/B) Σ_b [ln q(φ_b) + S(φ_b)], φ_b = f(z_b), ln q = ln r(z) − ln|det ∂f/∂z|,
/// ln r(z) = −½|z|² − (V/2) ln 2π. L ≥ −ln Z, with equality only for q ∝ e^{−S}.
/// Gradient by the reparameterization trick: ∂L/∂φ_b = ∂S/∂φ_b / B and ∂L/∂(ln det)_b = −1/B, then backprop.
/// Ref: Albergo, Kanwar &amp; Shanahan, PRD 100 (2019), eq. (9).
/// </summary>
public sealed class ReverseKl<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _logDet;
    private readonly T[] _dPhi;
    private readonly T[] _dLogDet;

    public ReverseKl(Phi4Flow<T> flow, Phi4Action action)
    {
        if (action.Sites != flow.Sites) throw new ArgumentException("Flow and action live on different lattices.");
        Flow = flow;
        Action = action;
        _logDet = new T[flow.MaxBatch];
        _dPhi = new T[flow.MaxBatch * flow.Sites];
        _dLogDet = new T[flow.MaxBatch];
        LogQ = new double[flow.MaxBatch];
        ActionValues = new double[flow.MaxBatch];
    }

    public Phi4Flow<T> Flow { get; }
    public Phi4Action Action { get; }

    /// <summary>ln q(φ_b) of the last batch.</summary>
    public double[] LogQ { get; }

    /// <summary>S(φ_b) of the last batch.</summary>
    public double[] ActionValues { get; }

    /// <summary>φ = f(z) for a batch; fills <see cref="LogQ"/> and <see cref="ActionValues"/>; returns φ and the batch loss L.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Draw(ReadOnlySpan<T> z, int batch, out ReadOnlySpan<T> phi)
    {
        var v = Flow.Sites;
        phi = Flow.Forward(z, _logDet, batch);
        var logNormalization = 0.5 * v * Math.Log(2 * Math.PI);
        var loss = 0.0;
        for (var b = 0; b < batch; b++)
        {
            var zb = z.Slice(b * v, v);
            var z2 = 0.0;
            foreach (var zi in zb) z2 += double.CreateTruncating(zi * zi);
            LogQ[b] = -0.5 * z2 - logNormalization - double.CreateTruncating(_logDet[b]);
            ActionValues[b] = Action.Evaluate(phi.Slice(b * v, v));
            loss += LogQ[b] + ActionValues[b];
        }
        return loss / batch;
    }

    /// <summary>Loss L of the batch; ∂L/∂θ is ADDED to the flow's parameter gradients (zero them first).</summary>
    public double LossAndGradient(ReadOnlySpan<T> z, int batch) => LossAndGradient(z, batch, batch);

    /// <summary>
    /// As <see cref="LossAndGradient(ReadOnlySpan{T}, int)"/> for <paramref name="batch"/> samples that are part of a
    /// batch of <paramref name="wholeBatch"/>: the gradient is that of the whole batch's mean restricted to this part.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LossAndGradient(ReadOnlySpan<T> z, int batch, int wholeBatch)
    {
        var loss = Draw(z, batch, out var phi);
        var v = Flow.Sites;
        var inverseBatch = T.One / T.CreateTruncating(wholeBatch);
        for (var b = 0; b < batch; b++)
        {
            Action.Gradient(phi.Slice(b * v, v), _dPhi.AsSpan(b * v, v), inverseBatch);
            _dLogDet[b] = -inverseBatch;
        }
        Flow.Backward(_dPhi.AsSpan(0, batch * v), _dLogDet.AsSpan(0, batch), batch);
        return loss;
    }
}
