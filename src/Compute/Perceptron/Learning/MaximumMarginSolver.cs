using System.Numerics.Tensors;

namespace Compute.Perceptron.Learning;

/// <summary>
/// Exact decision of linear separability (through the origin) and the instance's maximal stability
/// κ_max = max_J min_μ z_μ·J/|J|, z_μ = y_μ ξ_μ, as least-distance programming: min |x| subject to z_μ·x ≥ 1 is
/// feasible iff the patterns are separable, and then κ_max = 1/|x*|. Solved through Lawson-Hanson's reduction to
/// non-negative least squares, min_{u ≥ 0} |E u − f| with E = [Zᵀ; 1ᵀ] and f = e_{N+1}: the residual is zero iff the
/// constraints are infeasible (then u is a Gordan certificate, Σ u_μ z_μ = 0 with Σ u_μ = 1); otherwise
/// x* = v/(1 − s) with v = Σ u_μ z_μ, s = Σ u_μ. The NNLS active-set iterations only need the Gram matrix
/// EᵀE = Z Zᵀ + 1 (double) and a Cholesky factor of its passive block, extended by one row per added index and
/// rebuilt when indices leave. The returned stability is certified: it is min_μ z_μ·v/|v| of the explicit
/// direction v, so "solved" never relies on a tolerance; "not solved" relies on the finite NNLS optimality test.
/// Ref: Lawson &amp; Hanson, Solving Least Squares Problems (1974), ch. 23 (LDP) and §23.3 (NNLS);
/// Gardner, J. Phys. A 21, 257 (1988) (stability normalization).
/// </summary>
public sealed class MaximumMarginSolver
{
    private readonly int _n;
    private readonly int _capacity;
    private readonly double[] _z;      // signed patterns in double, row-major P×N
    private readonly double[] _gram;   // P×P
    private readonly double[] _u;
    private readonly double[] _w;
    private readonly double[] _zs;
    private readonly double[] _chol;   // (N+2)×(N+2) lower factor of the passive Gram block
    private readonly int[] _passive;
    private readonly bool[] _inPassive;
    private readonly double[] _v;
    private int _k;

    public MaximumMarginSolver(int n, int capacity)
    {
        _n = n;
        _capacity = capacity;
        _z = new double[(long)capacity * n];
        _gram = new double[(long)capacity * capacity];
        _u = new double[capacity];
        _w = new double[capacity];
        _zs = new double[n + 2];
        _chol = new double[(n + 2) * (n + 2)];
        _passive = new int[n + 2];
        _inPassive = new bool[capacity];
        _v = new double[n];
    }

    /// <summary>Bytes a solver for N and P patterns allocates.</summary>
    public static double MemoryBytes(int n, int p) => 8.0 * ((double)p * n + (double)p * p + 3.0 * p + (n + 2.0) * (n + 2));

    /// <summary>
    /// The certified maximal stability of the signed patterns: positive when separable (the value is achieved by an
    /// explicit J), and 0 when not separable.
    /// </summary>
    public double MaximalStability(TrainingSet data, CancellationToken ct)
    {
        var p = data.P;
        var n = _n;
        if (p > _capacity) throw new ArgumentException($"At most {_capacity} patterns fit this solver.");
        if (p == 0) return double.PositiveInfinity;
        for (var i = 0; i < p * n; i++) _z[i] = data.Z[i];
        for (var a = 0; a < p; a++)
        {
            if ((a & 7) == 0) ct.ThrowIfCancellationRequested();
            var za = _z.AsSpan(a * n, n);
            for (var b = 0; b <= a; b++)
            {
                var g = TensorPrimitives.Dot(za, _z.AsSpan(b * n, n)) + 1;
                _gram[a * p + b] = g;
                _gram[b * p + a] = g;
            }
        }
        Nnls(p, ct);
        // v = Σ u_μ z_μ is the optimal direction (x* ∝ v) when separable.
        var v = _v.AsSpan();
        v.Clear();
        for (var m = 0; m < _k; m++) TensorPrimitives.MultiplyAdd(_z.AsSpan(_passive[m] * n, n), _u[_passive[m]], v, v);
        var norm = TensorPrimitives.Norm(v);
        if (!(norm > 0)) return 0;
        var worst = double.PositiveInfinity;
        for (var mu = 0; mu < p; mu++) worst = Math.Min(worst, TensorPrimitives.Dot(_z.AsSpan(mu * n, n), v) / norm);
        return worst > 0 ? worst : 0;
    }

    private void Nnls(int p, CancellationToken ct)
    {
        const double tolW = 1e-10;
        Array.Clear(_u, 0, p);
        Array.Clear(_inPassive, 0, p);
        _k = 0;
        var maxPassive = _n + 1;
        for (var outer = 0; outer < 3 * p + 10; outer++)
        {
            ct.ThrowIfCancellationRequested();
            // w = Eᵀ(f − E u) = 1 − G u, u supported on the passive set.
            var best = -1;
            var bestW = tolW;
            for (var j = 0; j < p; j++)
            {
                if (_inPassive[j]) continue;
                var w = 1.0;
                for (var m = 0; m < _k; m++) w -= _gram[j * p + _passive[m]] * _u[_passive[m]];
                if (w > bestW)
                {
                    bestW = w;
                    best = j;
                }
            }
            if (best < 0 || _k >= maxPassive) return;
            if (!AppendCholesky(best, p)) return;   // numerically dependent on the passive set: optimal to rounding
            _passive[_k++] = best;
            _inPassive[best] = true;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                SolvePassive(p);
                var alpha = double.PositiveInfinity;
                for (var m = 0; m < _k; m++)
                {
                    var j = _passive[m];
                    if (_zs[m] <= 0) alpha = Math.Min(alpha, _u[j] / (_u[j] - _zs[m]));
                }
                if (double.IsPositiveInfinity(alpha))
                {
                    for (var m = 0; m < _k; m++) _u[_passive[m]] = _zs[m];
                    break;
                }
                // Move toward z until the first passive coefficient hits zero, then drop those that did.
                var kept = 0;
                for (var m = 0; m < _k; m++)
                {
                    var j = _passive[m];
                    _u[j] += alpha * (_zs[m] - _u[j]);
                    if (_u[j] <= 1e-15)
                    {
                        _u[j] = 0;
                        _inPassive[j] = false;
                    }
                    else
                    {
                        _passive[kept++] = j;
                    }
                }
                _k = kept;
                RebuildCholesky(p);
            }
        }
    }

    private bool AppendCholesky(int t, int p)
    {
        var dim = _n + 2;
        var row = _chol.AsSpan(_k * dim, dim);
        for (var m = 0; m < _k; m++)
        {
            var s = _gram[t * p + _passive[m]] - TensorPrimitives.Dot(row[..m], _chol.AsSpan(m * dim, m));
            row[m] = s / _chol[m * dim + m];
        }
        var gtt = _gram[t * p + t];
        var d = gtt - TensorPrimitives.Dot(row[.._k], row[.._k]);
        if (!(d > 1e-12 * gtt)) return false;
        row[_k] = Math.Sqrt(d);
        return true;
    }

    private void RebuildCholesky(int p)
    {
        var count = _k;
        _k = 0;
        for (var m = 0; m < count; m++)
        {
            if (!AppendCholesky(_passive[m], p))
            {
                // A rebuilt block that lost rank: drop the index (its coefficient re-enters later if needed).
                _inPassive[_passive[m]] = false;
                _u[_passive[m]] = 0;
                for (var r = m; r < count - 1; r++) _passive[r] = _passive[r + 1];
                count--;
                m--;
                continue;
            }
            _k++;
        }
    }

    // Solves G_SS z_S = 1_S (since Eᵀf = 1) with the passive Cholesky factor.
    private void SolvePassive(int p)
    {
        var dim = _n + 2;
        for (var m = 0; m < _k; m++)
            _zs[m] = (1 - TensorPrimitives.Dot(_chol.AsSpan(m * dim, m), _zs.AsSpan(0, m))) / _chol[m * dim + m];
        for (var m = _k - 1; m >= 0; m--)
        {
            var s = _zs[m];
            for (var r = m + 1; r < _k; r++) s -= _chol[r * dim + m] * _zs[r];
            _zs[m] = s / _chol[m * dim + m];
        }
    }
}
