namespace Compute.Perceptron.Theory;

/// <summary>
/// Learning curve of the pseudo-inverse rule (minimum-norm J with J·ξ_μ = y_μ) for a spherical teacher, Gaussian
/// inputs, noiseless labels, α &lt; 1 (N → ∞):
///   R(α) = √(2α(1 − α)/(π − 2α)),  ε = arccos(R)/π,
/// rising like Hebb (R ≈ √(2α/π)) at small α and collapsing to ε = ½ at α = 1, where |J| diverges.
/// Derivation: split ξ_μ = u_μ T̂ + ξ_μ^⊥; then J·T̂ = yᵀ(M + uuᵀ)⁻¹u and |J|² = yᵀ(M + uuᵀ)⁻¹y with M = X^⊥X^⊥ᵀ
/// independent of (u, y); Sherman-Morrison and aᵀM⁻¹b → (aᵀb)/(N(1−α)) (Marchenko-Pastur) give the formula.
/// Ref: Kinzel &amp; Opper, in Models of Neural Networks (1991); Engel &amp; Van den Broeck (2001), §3.4.
/// </summary>
public static class PseudoInverseTheory
{
    public static double Overlap(double alpha)
    {
        if (!(alpha >= 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), "The pseudo-inverse curve exists for 0 ≤ α < 1.");
        return Math.Sqrt(2 * alpha * (1 - alpha) / (Math.PI - 2 * alpha));
    }

    public static double GeneralizationError(double alpha) => Math.Acos(Overlap(alpha)) / Math.PI;
}
