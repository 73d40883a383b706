using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.Perceptron.Learning;

/// <summary>
/// Gibbs learning at zero temperature: samples J uniformly from the version space {J : z_μ·J ≥ 0 ∀μ} on the sphere,
/// by coordinate hit-and-run inside the convex body K = {|J|² ≤ N} ∩ version space (uniform in K gives a uniform
/// direction in the version space). One step picks coordinate i, computes the chord {J + s e_i ∈ K}
/// (ball: s ∈ −J_i ± √(J_i² + N − |J|²); pattern μ: z_μi s ≥ −g_μ with stabilities g_μ = z_μ·J ≥ 0) and draws s
/// uniformly on it. A sweep visits all N coordinates in order; the stabilities are recomputed exactly every sweep.
/// Started from a version-space point (the perceptron-rule solution), it needs a burn-in of a few tens of sweeps.
/// Ref: Smith, Oper. Res. 32, 1296 (1984) (hit-and-run); Engel &amp; Van den Broeck (2001), §2.3 (Gibbs learning).
/// </summary>
public sealed class VersionSpaceSampler
{
    private readonly int _n;
    private readonly double[] _columns;   // z_μi stored column-major: column i is contiguous over μ.
    private readonly double[] _g;         // stabilities g_μ = z_μ·J
    private readonly double[] _j;
    private int _p;
    private double _norm2;

    public VersionSpaceSampler(int n, int capacity)
    {
        _n = n;
        _columns = new double[(long)n * capacity];
        _g = new double[capacity];
        _j = new double[n];
    }

    /// <summary>Loads the training set and a starting point strictly inside the version space (scaled into the ball).</summary>
    public void Start(TrainingSet data, ReadOnlySpan<float> start)
    {
        _p = data.P;
        for (var mu = 0; mu < _p; mu++)
        {
            var row = data.SignedRow(mu);
            for (var i = 0; i < _n; i++) _columns[i * _p + mu] = row[i];
        }
        double norm = TensorPrimitives.Norm(start);
        if (norm == 0) throw new InvalidOperationException("Gibbs learning: the starting point is J = 0, not inside the version space.");
        // Just inside the sphere of radius √N, so the chord along every coordinate has positive length.
        var scale = Math.Sqrt(_n * (1 - 1.0 / _n)) / norm;
        for (var i = 0; i < _n; i++) _j[i] = start[i] * scale;
        Recompute(clamp: false);
        // The start may sit on a face to float rounding (then it is nudged inside), but not clearly outside.
        for (var mu = 0; mu < _p; mu++)
            if (_g[mu] < -1e-5 * Math.Sqrt(_n)) throw new InvalidOperationException($"Gibbs learning: the starting point violates pattern {mu} (stability {_g[mu]:g3}).");
        Clamp(_g.AsSpan(0, _p));
    }

    /// <summary>Runs <paramref name="sweeps"/> sweeps of N coordinate steps. Allocates nothing.</summary>
    public void Run(int sweeps, ref Rng rng, CancellationToken ct)
    {
        for (var s = 0; s < sweeps; s++)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < _n; i++) Step(i, ref rng);
            Recompute();
        }
    }

    /// <summary>The current sample, written as float.</summary>
    public void Current(Span<float> j)
    {
        for (var i = 0; i < _n; i++) j[i] = (float)_j[i];
    }

    public void Step(int i, ref Rng rng)
    {
        var column = _columns.AsSpan(i * _p, _p);
        var g = _g.AsSpan(0, _p);
        var ji = _j[i];
        var room = Math.Sqrt(Math.Max(0, ji * ji + _n - _norm2));
        double lo = -ji - room, hi = -ji + room;
        // z_μi s ≥ −g_μ ⇔ s ≥ −1/t_μ for t_μ = z_μi/g_μ > 0 and s ≤ −1/t_μ for t_μ < 0; only the extreme t matter.
        var (tMax, tMin) = ChordKernels.RatioRange(column, g);
        if (tMax > 0) lo = Math.Max(lo, -1 / tMax);
        if (tMin < 0) hi = Math.Min(hi, -1 / tMin);
        if (!(hi > lo)) return;
        var step = lo + (hi - lo) * rng.NextDouble();
        _j[i] = ji + step;
        _norm2 += step * (2 * ji + step);
        // Rounding can push a stability to −0 or a tiny negative value on the boundary; keep the walk inside.
        if (ChordKernels.AddScaledReturnMin(column, step, g) <= 0) Clamp(g);
    }

    private static void Clamp(Span<double> g)
    {
        for (var mu = 0; mu < g.Length; mu++) if (g[mu] <= 0) g[mu] = double.Epsilon;
    }

    private void Recompute(bool clamp = true)
    {
        _norm2 = TensorPrimitives.Dot(_j.AsSpan(), _j.AsSpan());
        var g = _g.AsSpan(0, _p);
        g.Clear();
        for (var i = 0; i < _n; i++) TensorPrimitives.MultiplyAdd(_columns.AsSpan(i * _p, _p), _j[i], g, g);
        if (clamp) Clamp(g);
    }
}
