namespace Compute.Perceptron.Theory;

/// <summary>
/// Known thresholds of the perceptron with binary weights J_i = ±1 (Gaussian or ±1 inputs, N → ∞).
/// </summary>
public static class BinaryPerceptronTheory
{
    /// <summary>
    /// Storage capacity with random labels, α_c ≈ 0.833 (one-step RSB / entropy vanishing).
    /// Ref: Krauth &amp; Mézard, J. Phys. France 50, 3057 (1989). Practical algorithms (SBPI, clipped perceptron) stop near 0.7-0.75.
    /// </summary>
    public const double StorageCapacity = 0.833;

    /// <summary>
    /// Binary teacher and student: first-order transition to perfect generalization (ε = 0) in Gibbs learning at α ≈ 1.245.
    /// Ref: Györgyi, Phys. Rev. A 41, 7097 (1990); Sompolinsky, Tishby &amp; Seung, PRL 65, 1683 (1990).
    /// </summary>
    public const double PerfectGeneralizationAlpha = 1.245;

    /// <summary>
    /// Binary teacher and student: algorithmic threshold above which approximate message passing reaches perfect generalization, α ≈ 1.493.
    /// Ref: Barbier, Krzakala, Macris, Miolane &amp; Zdeborová, PNAS 116, 5451 (2019).
    /// </summary>
    public const double AmpAlgorithmicAlpha = 1.493;
}
