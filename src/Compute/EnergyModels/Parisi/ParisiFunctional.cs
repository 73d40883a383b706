using Compute.Numerics;

namespace Compute.EnergyModels.Parisi;

/// <summary>
/// The Parisi functional of the SK model with field h for a piecewise-constant order parameter, in the form that holds
/// at every temperature including T = 0. Levels 0 = q_0 &lt; q_1 &lt; … &lt; q_M = 1 carry μ_j = βx(q) on [q_j, q_{j+1})
/// (0 ≤ μ_0 ≤ … ≤ μ_{M−1} ≤ β). With Ψ(1, u) = ln cosh(βu)/β (|u| at T = 0) and, for each interval (Cole-Hopf solution of
/// ∂_qΨ = −½(Ψ'' + μΨ'²)), Ψ_j(u) = (1/μ_j) ln E_z e^{μ_j Ψ_{j+1}(u + √(q_{j+1} − q_j) z)} (the Gaussian mean when μ_j = 0),
///   G = Ψ_0(h) − ¼ Σ_j μ_j (q_{j+1}² − q_j²),  f = −ln 2/β − G,
/// and the free energy is the maximum of f over the order parameter (Parisi's formula: −βf = min P; at T = 0 f is the
/// ground-state energy). RS, 1RSB and the full-RSB discretization are choices of levels and μ. The gradient of G in μ
/// comes from one backward and one forward pass: ∂G/∂μ_j = ∫ρ_j(u) ∂_μΨ_j(u) du − (q_{j+1}² − q_j²)/4 with ρ_j the
/// density of the cavity field at level j, carried forward by the tilted kernels φ_σ(u' − u) e^{μ(Ψ_{j+1}(u') − Ψ_j(u))}.
/// Fields live on a uniform grid in u (linear extrapolation beyond it), Gaussian means are discrete convolutions with
/// exponentials shifted by their maximum so nothing overflows; the last interval at T = 0, where Ψ(1, u) = |u| has a cusp,
/// is integrated in closed form.
/// Ref: Parisi, J. Phys. A 13, L115 (1980); Talagrand, Ann. Math. 163, 221 (2006); Crisanti &amp; Rizzo, PRE 65, 046137 (2002);
/// Auffinger &amp; Chen, CMP 335 (2015) (convexity in x).
/// </summary>
internal sealed class ParisiFunctional
{
    private const double Step = 0.04;
    private const double HalfWidth = 9;
    private const double KernelSigmas = 6.5;

    private readonly int _points;
    private readonly double[] _u;
    private double[][] _psi = [];
    private double[][] _rho = [];
    private readonly double[] _scratch, _scratch2, _padded, _padded2;
    private readonly int _pad;

    public ParisiFunctional(double field)
    {
        Field = field;
        var halfWidth = HalfWidth + Math.Abs(field);
        _points = 2 * (int)Math.Ceiling(halfWidth / Step) + 1;
        _u = new double[_points];
        for (var i = 0; i < _points; i++) _u[i] = -halfWidth + i * Step;
        _pad = (int)Math.Ceiling(KernelSigmas / Step) + 2;
        _scratch = new double[_points];
        _scratch2 = new double[_points];
        _padded = new double[_points + 2 * _pad];
        _padded2 = new double[_points + 2 * _pad];
    }

    public double Field { get; }

    /// <summary>f = −ln 2/β − G for inverse temperature β (∞ for T = 0).</summary>
    public double FreeEnergy(ReadOnlySpan<double> q, ReadOnlySpan<double> mu, double beta) =>
        (double.IsPositiveInfinity(beta) ? 0 : -Math.Log(2) / beta) - G(q, mu, beta, default);

    /// <summary>G and, when <paramref name="gradient"/> is not empty, ∂G/∂μ_j.</summary>
    public double G(ReadOnlySpan<double> q, ReadOnlySpan<double> mu, double beta, Span<double> gradient)
    {
        var m = mu.Length;
        if (q.Length != m + 1 || q[0] != 0 || q[m] != 1) throw new ArgumentException("Levels must run from q_0 = 0 to q_M = 1 with one μ per interval.");
        if (_psi.Length < m + 1)
        {
            _psi = Enumerable.Range(0, m + 1).Select(_ => new double[_points]).ToArray();
            _rho = Enumerable.Range(0, m + 1).Select(_ => new double[_points]).ToArray();
        }
        var zeroT = double.IsPositiveInfinity(beta);
        // Ψ at q = 1.
        var top = _psi[m];
        for (var i = 0; i < _points; i++)
        {
            var a = Math.Abs(_u[i]);
            top[i] = zeroT ? a : a + Special.LogOnePlus(Math.Exp(-2 * beta * a)) / beta - Math.Log(2) / beta;
        }
        for (var j = m - 1; j >= 1; j--) Backward(_psi[j + 1], _psi[j], Math.Sqrt(q[j + 1] - q[j]), mu[j], zeroT && j == m - 1, beta);
        var (psi0, _) = FirstLevel(_psi[1], Math.Sqrt(q[1]), mu[0], default);
        var g = psi0;
        for (var j = 0; j < m; j++) g -= 0.25 * mu[j] * (q[j + 1] * q[j + 1] - q[j] * q[j]);
        if (gradient.IsEmpty) return g;

        // Forward pass: ρ_1 from the first level, then the tilted kernels; ∂_μΨ_j from the tilted means.
        FirstLevel(_psi[1], Math.Sqrt(q[1]), mu[0], _rho[1]);
        gradient[0] = FirstLevelDerivative(_psi[1], Math.Sqrt(q[1]), mu[0]) - 0.25 * q[1] * q[1];
        for (var j = 1; j < m; j++)
        {
            var sigma = Math.Sqrt(q[j + 1] - q[j]);
            var d = MuDerivative(_psi[j + 1], _psi[j], sigma, mu[j], zeroT && j == m - 1, beta);
            var sum = 0.0;
            for (var i = 0; i < _points; i++) sum += _rho[j][i] * d[i];
            gradient[j] = sum - 0.25 * (q[j + 1] * q[j + 1] - q[j] * q[j]);
            if (j + 1 < m) Forward(_rho[j], _psi[j], _psi[j + 1], sigma, mu[j], _rho[j + 1]);
        }
        return g;
    }

    /// <summary>Ψ_j from Ψ_{j+1} over one interval.</summary>
    private void Backward(double[] next, double[] result, double sigma, double mu, bool cusp, double beta)
    {
        if (cusp)
        {
            for (var i = 0; i < _points; i++) result[i] = CuspStep(_u[i], sigma, mu);
            return;
        }
        if (!double.IsPositiveInfinity(beta) && mu >= beta)
        {
            // x = 1: E cosh(β(u + σz)) = cosh(βu) e^{β²σ²/2} keeps the boundary's form, exactly; so does every later x = 1 step.
            for (var i = 0; i < _points; i++) result[i] = next[i] + beta * sigma * sigma / 2;
            return;
        }
        GaussianMean(next, result, sigma, mu, tilted: false);
    }

    /// <summary>(1/μ) ln E_z e^{μΨ(u + σz)} on the grid (μ = 0: E_z Ψ(u + σz)); with <paramref name="tilted"/>, the tilted mean of Ψ.</summary>
    private void GaussianMean(double[] next, double[] result, double sigma, double mu, bool tilted)
    {
        Pad(next, _padded);
        var half = Math.Min(_pad - 1, (int)Math.Ceiling(KernelSigmas * sigma / Step));
        Span<double> kernel = stackalloc double[2 * half + 1];
        var norm = 0.0;
        for (var k = -half; k <= half; k++) norm += kernel[k + half] = Math.Exp(-0.5 * (k * Step / sigma) * (k * Step / sigma));
        for (var k = 0; k < kernel.Length; k++) kernel[k] /= norm;
        if (mu == 0 && !tilted)
        {
            for (var i = 0; i < _points; i++)
            {
                var s = 0.0;
                for (var k = -half; k <= half; k++) s += kernel[k + half] * _padded[i + _pad + k];
                result[i] = s;
            }
            return;
        }
        // Shift by the maximum so that e^{μΨ} neither overflows nor loses the points that matter.
        var max = double.NegativeInfinity;
        foreach (var v in _padded) max = Math.Max(max, mu * v);
        for (var i = 0; i < _padded.Length; i++)
        {
            var e = Math.Exp(mu * _padded[i] - max);
            _padded2[i] = tilted ? e * _padded[i] : e;
            _padded[i] = e;
        }
        for (var i = 0; i < _points; i++)
        {
            double s = 0, t = 0;
            for (var k = -half; k <= half; k++)
            {
                s += kernel[k + half] * _padded[i + _pad + k];
                t += kernel[k + half] * _padded2[i + _pad + k];
            }
            result[i] = tilted ? t / s : (Math.Log(s) + max) / mu;
        }
    }

    /// <summary>∂_μΨ_j on the grid: (E_tilt[Ψ_{j+1}] − Ψ_j)/μ, or Var[Ψ_{j+1}]/2 at μ = 0; by differences for the closed forms.</summary>
    private double[] MuDerivative(double[] next, double[] current, double sigma, double mu, bool cusp, double beta)
    {
        if (cusp)
        {
            // The closed form, differentiated by central differences in μ.
            var h = 1e-5 * Math.Max(1, mu);
            for (var i = 0; i < _points; i++) _scratch[i] = (CuspStep(_u[i], sigma, mu + h) - CuspStep(_u[i], sigma, Math.Max(0, mu - h))) / (mu + h - Math.Max(0, mu - h));
            return _scratch;
        }
        if (mu < 1e-8)
        {
            GaussianMean(next, _scratch, sigma, 0, tilted: false);
            var squares = _scratch2;
            for (var i = 0; i < _points; i++) squares[i] = next[i] * next[i];
            var mean = (double[])_scratch.Clone();
            GaussianMean(squares, _scratch, sigma, 0, tilted: false);
            for (var i = 0; i < _points; i++) _scratch[i] = 0.5 * (_scratch[i] - mean[i] * mean[i]);
            return _scratch;
        }
        GaussianMean(next, _scratch, sigma, mu, tilted: true);
        for (var i = 0; i < _points; i++) _scratch[i] = (_scratch[i] - current[i]) / mu;
        return _scratch;
    }

    /// <summary>ρ_{j+1}(u') = Σ_u ρ_j(u) φ_σ(u' − u) e^{μ(Ψ_{j+1}(u') − Ψ_j(u))}, in logarithms shifted by their maximum.</summary>
    private void Forward(double[] rho, double[] current, double[] next, double sigma, double mu, double[] result)
    {
        var half = Math.Min(_pad - 1, (int)Math.Ceiling(KernelSigmas * sigma / Step));
        Span<double> kernel = stackalloc double[2 * half + 1];
        var norm = 0.0;
        for (var k = -half; k <= half; k++) norm += kernel[k + half] = Math.Exp(-0.5 * (k * Step / sigma) * (k * Step / sigma));
        for (var k = 0; k < kernel.Length; k++) kernel[k] /= norm;
        var max = double.NegativeInfinity;
        for (var i = 0; i < _points; i++)
            if (rho[i] > 0) max = Math.Max(max, Math.Log(rho[i]) - mu * current[i]);
        for (var i = 0; i < _points; i++) _scratch2[i] = rho[i] > 0 ? Math.Exp(Math.Log(rho[i]) - mu * current[i] - max) : 0;
        var total = 0.0;
        for (var i = 0; i < _points; i++)
        {
            var s = 0.0;
            for (var k = -half; k <= half; k++)
            {
                var src = i - k;
                if (src >= 0 && src < _points) s += kernel[k + half] * _scratch2[src];
            }
            result[i] = s > 0 ? Math.Exp(Math.Log(s) + max + mu * next[i]) : 0;
            total += result[i];
        }
        // Mass leaving the grid is negligible by construction; renormalizing keeps ρ a probability on the grid.
        if (total > 0) for (var i = 0; i < _points; i++) result[i] /= total;
    }

    /// <summary>
    /// Ψ_0(h) = (1/μ_0) ln E e^{μ_0Ψ_1(h + σz)} by Gauss-Hermite with Ψ_1 interpolated (any σ, however small), and the
    /// density ρ_1 of the tilted cavity field at level 1 on the grid when <paramref name="rho"/> is given.
    /// </summary>
    private (double Value, double Unused) FirstLevel(double[] next, double sigma, double mu, Span<double> rho)
    {
        double value;
        if (sigma >= 2 * Step)
        {
            // On the grid (Ψ_1 may still carry the cusp of |u| when the first interval reaches q = 1): normalized Gaussian weights.
            double norm = 0, mean = 0, max = double.NegativeInfinity;
            for (var i = 0; i < _points; i++) max = Math.Max(max, mu * next[i]);
            var s = 0.0;
            for (var i = 0; i < _points; i++)
            {
                var t = (_u[i] - Field) / sigma;
                var weight = Math.Exp(-0.5 * t * t);
                norm += weight;
                mean += weight * next[i];
                s += weight * Math.Exp(mu * next[i] - max);
            }
            value = mu < 1e-12 ? mean / norm : (Math.Log(s / norm) + max) / mu;
        }
        else
        {
            var (z, w) = Nodes;
            if (mu < 1e-12)
            {
                value = 0;
                for (var k = 0; k < z.Length; k++) value += w[k] * Interpolate(next, Field + sigma * z[k]);
            }
            else
            {
                var max = double.NegativeInfinity;
                for (var k = 0; k < z.Length; k++) max = Math.Max(max, mu * Interpolate(next, Field + sigma * z[k]));
                var s = 0.0;
                for (var k = 0; k < z.Length; k++) s += w[k] * Math.Exp(mu * Interpolate(next, Field + sigma * z[k]) - max);
                value = (Math.Log(s) + max) / mu;
            }
        }
        if (rho.IsEmpty) return (value, 0);
        rho.Clear();
        if (sigma < 2 * Step)
        {
            // A narrow Gaussian: the field sits at h; linear weights on the two neighbouring grid points.
            var x = (Field - _u[0]) / Step;
            var i0 = (int)Math.Floor(x);
            rho[i0] = 1 - (x - i0);
            rho[i0 + 1] = x - i0;
            return (value, 0);
        }
        var total = 0.0;
        for (var i = 0; i < _points; i++)
        {
            var t = (_u[i] - Field) / sigma;
            rho[i] = Math.Exp(-0.5 * t * t + mu * (next[i] - value));
            total += rho[i];
        }
        for (var i = 0; i < _points; i++) rho[i] /= total;
        return (value, 0);
    }

    private double FirstLevelDerivative(double[] next, double sigma, double mu)
    {
        var h = 1e-6 * Math.Max(1, mu);
        if (mu < h) return (FirstLevel(next, sigma, 2 * h, default).Value - FirstLevel(next, sigma, 0, default).Value) / (2 * h);
        return (FirstLevel(next, sigma, mu + h, default).Value - FirstLevel(next, sigma, mu - h, default).Value) / (2 * h);
    }

    /// <summary>(1/μ) ln E e^{μ|u + σz|} = μσ²/2 + (1/μ) ln[e^{μu}Φ(u/σ + μσ) + e^{−μu}Φ(−u/σ + μσ)], in logarithms.</summary>
    private static double CuspStep(double u, double sigma, double mu)
    {
        if (mu < 1e-12) return sigma * Math.Sqrt(2 / Math.PI) * Math.Exp(-u * u / (2 * sigma * sigma)) + u * (1 - 2 * Special.H(u / sigma));
        var a = mu * u + Special.LogH(-(u / sigma + mu * sigma));
        var b = -mu * u + Special.LogH(-(-u / sigma + mu * sigma));
        var hi = Math.Max(a, b);
        return mu * sigma * sigma / 2 + (hi + Math.Log(Math.Exp(a - hi) + Math.Exp(b - hi))) / mu;
    }

    private double Interpolate(double[] values, double u)
    {
        var x = (u - _u[0]) / Step;
        var i = (int)Math.Floor(x);
        if (i < 0) return values[0] + (values[1] - values[0]) * x;
        if (i >= _points - 1) return values[^1] + (values[^1] - values[^2]) * (x - (_points - 1));
        return values[i] + (values[i + 1] - values[i]) * (x - i);
    }

    /// <summary>The grid values with <see cref="_pad"/> points of linear extrapolation on either side.</summary>
    private void Pad(double[] values, double[] padded)
    {
        values.CopyTo(padded, _pad);
        double left = values[1] - values[0], right = values[^1] - values[^2];
        for (var k = 1; k <= _pad; k++)
        {
            padded[_pad - k] = values[0] - k * left;
            padded[_pad + _points - 1 + k] = values[^1] + k * right;
        }
    }

    private static readonly (double[] Z, double[] W) Nodes = Quadrature.GaussHermite(80);
}
