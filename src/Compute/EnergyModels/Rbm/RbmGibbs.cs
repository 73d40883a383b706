using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.EnergyModels.Rbm;

/// <summary>
/// Block-Gibbs conditionals of an RBM on a batch of rows, in float: P(h = up | v) from the field b + vW,
/// P(v = up | h) from a + hWᵀ, and Bernoulli sampling from uniforms the caller supplies. Batches are
/// row-major (rows × units); products go through <see cref="Gemm.Multiply"/>.
/// Ref: Hinton (2002), Training products of experts by minimizing contrastive divergence.
/// </summary>
public static class RbmGibbs
{
    /// <summary>hp = P(h = up | v) for <paramref name="rows"/> rows of <paramref name="v"/> (rows × nv).</summary>
    public static void HiddenProbabilities(RestrictedBoltzmannMachine m, ReadOnlySpan<float> v, Span<float> hp, int rows)
    {
        var n = rows * m.Hidden;
        Gemm.Multiply(v[..(rows * m.Visible)], m.W, hp[..n], rows, m.Hidden, m.Visible);
        Kernels.AddRowVector(hp[..n], m.B, rows);
        ProbabilityUp(hp[..n], m.Units);
    }

    /// <summary>vp = P(v = up | h) for <paramref name="rows"/> rows of <paramref name="h"/> (rows × nh).</summary>
    public static void VisibleProbabilities(RestrictedBoltzmannMachine m, ReadOnlySpan<float> h, Span<float> vp, int rows)
    {
        var n = rows * m.Visible;
        Gemm.Multiply(h[..(rows * m.Hidden)], m.W, vp[..n], rows, m.Visible, m.Hidden, transposeB: true);
        Kernels.AddRowVector(vp[..n], m.A, rows);
        ProbabilityUp(vp[..n], m.Units);
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
        Kernels.SampleBernoulli(p, u, s);
        if (units != RbmUnits.Spin) return;
        TensorPrimitives.Multiply(s, 2f, s);
        TensorPrimitives.Add(s, -1f, s);
    }
}
