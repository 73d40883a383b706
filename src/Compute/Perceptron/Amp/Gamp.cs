using System.Numerics.Tensors;
using Compute.Numerics;

namespace Compute.Perceptron.Amp;

/// <summary>
/// Bayes-optimal generalized approximate message passing for y = sign(F w*) with F_μi ~ N(0, 1/N) (P × N, row-major),
/// with the scalar variances that are exact for such matrices as N → ∞. One iteration:
///   V = mean_i v_i,  ω = F x̂ − V g_old,  (g, ∂g) = g_out(y, ω, V),  A = −(1/N) Σ_μ ∂g_μ,  B = Fᵀ g + A x̂,
///   (x̂, v) = posterior mean and variance under P₀(x) e^{Bx − Ax²/2}.
/// Starts from the prior (x̂ = 0, v = 1). Buffers are allocated once; an iteration allocates nothing.
/// Ref: Rangan, ISIT (2011), Algorithm 1; Barbier et al., PNAS 116, 5451 (2019), SI §3.
/// </summary>
public sealed class Gamp
{
    private readonly float[] _estimate, _field, _omega, _g, _gOld;
    private double _variance;
    private int _patterns;

    public Gamp(int n, int maxPatterns)
    {
        N = n;
        _estimate = new float[n];
        _field = new float[n];
        _omega = new float[maxPatterns];
        _g = new float[maxPatterns];
        _gOld = new float[maxPatterns];
    }

    public int N { get; }

    /// <summary>The current posterior-mean estimate x̂ of the teacher.</summary>
    public ReadOnlySpan<float> Estimate => _estimate;

    /// <summary>Resets to the prior for a problem with <paramref name="patterns"/> examples.</summary>
    public void Start(int patterns)
    {
        _patterns = patterns;
        Array.Clear(_estimate);
        Array.Clear(_gOld);
        _variance = 1;
    }

    /// <summary>
    /// Once every component's posterior variance has vanished (a ±1 teacher recovered exactly), x̂ is a vertex and stays:
    /// the messages of correctly explained labels underflow to zero, and iterating further would divide 0 by 0.
    /// </summary>
    public bool Collapsed => _variance < 1e-9;

    /// <summary>One iteration on data F (P × N) and labels y; returns the mean squared change of x̂ (0 once <see cref="Collapsed"/>).</summary>
    public double Iterate(ReadOnlySpan<float> f, ReadOnlySpan<float> y, AmpPrior prior)
    {
        if (Collapsed) return 0;
        int n = N, p = _patterns;
        var omega = _omega.AsSpan(0, p);
        var g = _g.AsSpan(0, p);
        Gemm.Gemv(f[..(p * n)], _estimate, omega, p, n);
        double sumDg = 0;
        for (var mu = 0; mu < p; mu++)
        {
            // The Onsager term −V g_old removes the feedback of the example's own previous message.
            var w = omega[mu] - _variance * _gOld[mu];
            var (gMu, dg) = SignChannel.Output(y[mu], w, _variance);
            g[mu] = (float)gMu;
            sumDg += dg;
        }
        var a = -sumDg / n;
        Gemm.Gemv(f[..(p * n)], g, _field, p, n, transposeA: true);
        double change = 0, variance = 0;
        for (var i = 0; i < n; i++)
        {
            var (mean, v) = AmpPriors.Denoise(prior, _field[i] + a * _estimate[i], a);
            var d = mean - _estimate[i];
            change += d * d;
            variance += v;
            _estimate[i] = (float)mean;
        }
        _variance = variance / n;
        g.CopyTo(_gOld);
        return change / n;
    }

    /// <summary>m = x̂·w*/N, the overlap with the teacher.</summary>
    public double Overlap(ReadOnlySpan<float> teacher) => TensorPrimitives.Dot(_estimate, teacher) / (double)N;

    /// <summary>q = |x̂|²/N (equal to m in expectation for a Bayes-optimal estimate: Nishimori).</summary>
    public double SelfOverlap() => TensorPrimitives.Dot(_estimate, _estimate) / (double)N;
}
