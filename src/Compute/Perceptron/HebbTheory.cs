namespace Compute.Perceptron;

/// <summary>
/// Exact learning curve of Hebb learning of a spherical teacher with Gaussian inputs (N → ∞):
/// R(α) = √(2α/(2α+π)), ε(α) = arccos(R)/π. Online Hebb with α = t/N follows the same curve.
/// With training labels flipped with probability p, ⟨y u⟩ = (1−2p)√(2/π) replaces √(2/π), so
/// R = √(2α(1−2p)²/(2α(1−2p)² + π)) (ε measured against the noiseless teacher).
/// Ref: Engel &amp; Van den Broeck (2001), ch. 2, 5 and 9.
/// </summary>
public static class HebbTheory
{
    public static double Overlap(double alpha) => Math.Sqrt(2 * alpha / (2 * alpha + Math.PI));

    public static double GeneralizationError(double alpha) => Math.Acos(Overlap(alpha)) / Math.PI;

    /// <summary>R(α) with training labels flipped with probability <paramref name="flipProbability"/>.</summary>
    public static double OverlapWithLabelNoise(double alpha, double flipProbability)
    {
        var g = (1 - 2 * flipProbability) * (1 - 2 * flipProbability);
        return Math.Sqrt(2 * alpha * g / (2 * alpha * g + Math.PI));
    }

    public static double GeneralizationErrorWithLabelNoise(double alpha, double flipProbability) => Math.Acos(OverlapWithLabelNoise(alpha, flipProbability)) / Math.PI;
}
