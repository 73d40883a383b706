namespace Compute.EnergyModels.Ising;

/// <summary>
/// Kaufman's exact partition function of the 2D Ising model H = −Σ_⟨ij⟩ s_i s_j on a periodic rows × cols
/// torus (zero field), with K = β:
/// Z = ½ (2 sinh 2K)^{mn/2} (Y1 + Y2 + Y3 + Y4), Y1 = Π_{q=0}^{n−1} 2cosh(m γ_{2q+1}/2),
/// Y2 = Π 2sinh(m γ_{2q+1}/2), Y3 = Π 2cosh(m γ_{2q}/2), Y4 = Π 2sinh(m γ_{2q}/2),
/// cosh γ_l = cosh 2K coth 2K − cos(πl/n) for l ≥ 1 and γ_0 = 2K + ln tanh K, signed (negative for
/// K &lt; K_c, which is what makes Y4 change sign). m = rows, n = cols (Z is symmetric in the two).
/// Everything is evaluated in logarithms with explicit signs, and carried as a second-order jet in β so that
/// the energy and specific heat are exact derivatives.
/// Ref: B. Kaufman, Phys. Rev. 76, 1232 (1949); A. E. Ferdinand &amp; M. E. Fisher, Phys. Rev. 185, 832 (1969).
/// </summary>
public static class Kaufman
{
    /// <summary>ln Z of the rows × cols periodic lattice at inverse temperature β ≥ 0.</summary>
    public static double LogPartitionFunction(int rows, int cols, double beta) => LogZ(rows, cols, beta).V;

    /// <summary>Mean energy per site u = −(1/N) ∂ln Z/∂β (N = rows·cols; −2 at T = 0).</summary>
    public static double EnergyPerSite(int rows, int cols, double beta) => -LogZ(rows, cols, beta).D / ((double)rows * cols);

    /// <summary>Specific heat per site c = (β²/N) ∂²ln Z/∂β² = β² N var(e), in units of k_B.</summary>
    public static double SpecificHeatPerSite(int rows, int cols, double beta) => beta * beta * LogZ(rows, cols, beta).DD / ((double)rows * cols);

    internal static Jet LogZ(int rows, int cols, double beta)
    {
        if (rows < 2 || cols < 2) throw new ArgumentOutOfRangeException(nameof(rows), "The torus needs at least two rows and two columns.");
        if (!(beta >= 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), "Kaufman's formula needs 0 ≤ β < ∞.");
        int m = rows, n = cols;
        // β = 0: 2^N states of zero mean energy; the bonds are independent ±1 (var 1 each), except that a
        // side of length 2 joins each pair twice (one bond of weight 2, var 4 per pair).
        if (beta == 0) return new Jet(m * n * Math.Log(2), 0, (double)m * n * ((m == 2 ? 2 : 1) + (n == 2 ? 2 : 1)));
        var k = Jet.Variable(beta);
        var twoK = 2 * k;
        // cosh 2K coth 2K, the l-independent part of cosh γ_l.
        var c = Jet.Cosh(twoK) * Jet.Cosh(twoK) * Jet.Inverse(Jet.Sinh(twoK));
        var gamma0 = twoK + Jet.Log(Jet.Tanh(k));

        Jet logY1 = default, logY2 = default, logY3 = default, logY4 = default;
        for (var q = 0; q < n; q++)
        {
            var odd = 0.5 * m * Gamma(c, 2 * q + 1, n);
            logY1 += Jet.LogTwoCosh(odd);
            logY2 += Jet.LogAbsTwoSinh(odd);
            var even = 0.5 * m * (q == 0 ? gamma0 : Gamma(c, 2 * q, n));
            logY3 += Jet.LogTwoCosh(even);
            if (q > 0) logY4 += Jet.LogAbsTwoSinh(even);
        }
        // The q = 0 factor of Y4, 2 sinh(x) with x = mγ_0/2, may vanish or change sign: write it as
        // e^{|x|} · t(x), t = sign(x)(1 − e^{−2|x|}), so the magnitude goes into the log and t stays a plain jet.
        var x = 0.5 * m * gamma0;
        logY4 += Jet.Abs(x);
        var sign = x.V >= 0 ? 1.0 : -1.0;
        var e = Math.Exp(-2 * Math.Abs(x.V));
        var dt = 2 * e;
        var t = new Jet(sign * (1 - e), dt * x.D, -4 * sign * e * x.D * x.D + dt * x.DD);

        var top = Math.Max(Math.Max(logY1.V, logY2.V), Math.Max(logY3.V, logY4.V));
        var sum = Jet.Exp(logY1 + -top) + Jet.Exp(logY2 + -top) + Jet.Exp(logY3 + -top) + t * Jet.Exp(logY4 + -top);
        if (!(sum.V > 0))
            throw new InvalidOperationException($"Kaufman sum lost precision at {rows}×{cols}, β = {beta} (Y1+Y2+Y3+Y4 = {sum.V}).");
        return Jet.Log(sum) + (top - Math.Log(2)) + 0.5 * m * n * Jet.Log(2 * Jet.Sinh(twoK));
    }

    /// <summary>γ_l = acosh(cosh 2K coth 2K − cos(πl/n)) for l ≥ 1 (always ≥ 0).</summary>
    private static Jet Gamma(Jet c, int l, int n) => Jet.Acosh(c + -Math.Cos(Math.PI * l / n));
}
