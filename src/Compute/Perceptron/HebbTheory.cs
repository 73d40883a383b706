namespace Compute.Perceptron;

/// <summary>
/// Exact learning curve of Hebb learning of a spherical teacher with Gaussian inputs (N → ∞):
/// R(α) = √(2α/(2α+π)), ε(α) = arccos(R)/π. Online Hebb with α = t/N follows the same curve.
/// Ref: Engel &amp; Van den Broeck (2001), ch. 2 and 9.
/// </summary>
public static class HebbTheory
{
    public static double Overlap(double alpha) => Math.Sqrt(2 * alpha / (2 * alpha + Math.PI));

    public static double GeneralizationError(double alpha) => Math.Acos(Overlap(alpha)) / Math.PI;
}
