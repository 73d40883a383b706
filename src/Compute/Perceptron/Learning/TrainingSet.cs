using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.Perceptron.Learning;

/// <summary>Distribution of the input components.</summary>
public enum InputKind
{
    /// <summary>ξ_i ~ N(0, 1).</summary>
    Gaussian,
    /// <summary>ξ_i = ±1 with equal probability.</summary>
    Binary,
}

/// <summary>
/// Up to <see cref="Capacity"/> patterns ξ_μ ∈ R^N (rows of the row-major <see cref="X"/>, float) with labels
/// y_μ = ±1 (<see cref="Y"/>), plus the signed patterns z_μ = y_μ ξ_μ (<see cref="Z"/>) that error-driven rules use.
/// Allocated once per run and refilled for every instance.
/// </summary>
public sealed class TrainingSet
{
    public TrainingSet(int n, int capacity)
    {
        N = n;
        Capacity = capacity;
        X = new float[(long)capacity * n];
        Z = new float[(long)capacity * n];
        Y = new float[capacity];
    }

    public int N { get; }
    public int Capacity { get; }

    /// <summary>Number of patterns in use.</summary>
    public int P { get; private set; }

    public float[] X { get; }
    public float[] Y { get; }
    public float[] Z { get; }

    public Span<float> Row(int mu) => X.AsSpan(mu * N, N);
    public Span<float> SignedRow(int mu) => Z.AsSpan(mu * N, N);

    /// <summary>Fills P patterns of the given kind.</summary>
    public void FillInputs(int p, InputKind kind, ref Rng rng)
    {
        if (p > Capacity) throw new ArgumentOutOfRangeException(nameof(p), $"At most {Capacity} patterns fit.");
        P = p;
        FillInputs(X.AsSpan(0, p * N), kind, ref rng);
    }

    public static void FillInputs(Span<float> destination, InputKind kind, ref Rng rng)
    {
        if (kind == InputKind.Gaussian)
        {
            rng.FillNormal(destination);
            return;
        }
        rng.FillUniform(destination);
        for (var i = 0; i < destination.Length; i++) destination[i] = destination[i] < 0.5f ? -1f : 1f;
    }

    /// <summary>Random labels ±1 (storage problems).</summary>
    public void RandomLabels(ref Rng rng)
    {
        for (var mu = 0; mu < P; mu++) Y[mu] = rng.NextSign();
        UpdateSigned();
    }

    /// <summary>Teacher labels y = sign(T·ξ) (sign(0) = +1), each flipped with probability <paramref name="noise"/>.</summary>
    public void TeacherLabels(ReadOnlySpan<float> teacher, double noise, ref Rng rng)
    {
        Gemm.Gemv(X.AsSpan(0, P * N), teacher, Y.AsSpan(0, P), P, N);
        for (var mu = 0; mu < P; mu++)
        {
            var y = Y[mu] >= 0 ? 1f : -1f;
            if (noise > 0 && rng.NextDouble() < noise) y = -y;
            Y[mu] = y;
        }
        UpdateSigned();
    }

    private void UpdateSigned()
    {
        for (var mu = 0; mu < P; mu++) TensorPrimitives.Multiply(Row(mu), Y[mu], SignedRow(mu));
    }

    /// <summary>Fraction of patterns with y_μ J·ξ_μ ≤ 0, using <paramref name="fields"/> (length ≥ P) as scratch.</summary>
    public double TrainingError(ReadOnlySpan<float> j, Span<float> fields)
    {
        Gemm.Gemv(Z.AsSpan(0, P * N), j, fields, P, N);
        var wrong = 0;
        for (var mu = 0; mu < P; mu++) if (fields[mu] <= 0) wrong++;
        return P == 0 ? 0 : (double)wrong / P;
    }
}
