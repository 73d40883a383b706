namespace Compute.EnergyModels.Ising;

/// <summary>
/// Flip probabilities of a spin with k antiparallel neighbours (k = 0…4, ΔE = 8 − 4k) for the checkerboard
/// updates, as 64-bit fixed-point thresholds: a site with 0 &lt; a_k &lt; 1 flips when its uniform deviate
/// u = 0.b₁b₂b₃… (bits drawn lazily, most significant first) is below a_k, decided at the first bit where u and
/// a_k differ. a_k ≥ 1 flips without a random number, a_k = 0 never flips.
/// </summary>
public sealed class CheckerboardAcceptance
{
    private CheckerboardAcceptance(ReadOnlySpan<double> probabilities)
    {
        Probabilities = probabilities.ToArray();
        for (var k = 0; k < 5; k++)
        {
            var a = probabilities[k];
            if (!(a >= 0)) throw new ArgumentOutOfRangeException(nameof(probabilities), "Flip probabilities must be in [0, 1].");
            Always[k] = a >= 1;
            // a·2^64 < 2^64 for a < 1 and is an exact integer conversion (a has 53 significant bits).
            Threshold[k] = a >= 1 ? 0 : (ulong)(a * 18446744073709551616.0);
            Compare[k] = !Always[k] && Threshold[k] != 0;
        }
    }

    public double[] Probabilities { get; }

    /// <summary>Flip without drawing a random number.</summary>
    public bool[] Always { get; } = new bool[5];

    /// <summary>Draw a deviate and compare it with <see cref="Threshold"/>.</summary>
    public bool[] Compare { get; } = new bool[5];

    /// <summary>⌊a_k · 2^64⌋.</summary>
    public ulong[] Threshold { get; } = new ulong[5];

    /// <summary>Metropolis: a_k = min(1, e^{−β(8 − 4k)}).</summary>
    public static CheckerboardAcceptance Metropolis(double beta)
    {
        Span<double> a = stackalloc double[5];
        for (var k = 0; k < 5; k++) a[k] = Math.Min(1, Math.Exp(-beta * (8 - 4 * k)));
        return new CheckerboardAcceptance(a);
    }

    /// <summary>Heat bath (Glauber): a_k = 1/(1 + e^{β(8 − 4k)}), the probability that the new spin is the flipped one.</summary>
    public static CheckerboardAcceptance HeatBath(double beta)
    {
        Span<double> a = stackalloc double[5];
        for (var k = 0; k < 5; k++) a[k] = 1 / (1 + Math.Exp(beta * (8 - 4 * k)));
        return new CheckerboardAcceptance(a);
    }
}
