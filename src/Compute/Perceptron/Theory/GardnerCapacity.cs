namespace Compute.Perceptron.Theory;

/// <summary>
/// Storage capacity of the spherical perceptron (N → ∞, random Gaussian or ±1 patterns, random labels):
/// the largest α = P/N for which a weight vector with all stabilities y J·ξ/|J| ≥ κ exists,
///   α_c(κ) = 1 / ∫_{−∞}^{κ} Dt (κ − t)² = 1 / [(1 + κ²) H(−κ) + κ φ(κ)],
/// so α_c(0) = 2 (Cover), α_c(0.5) = 0.961205, α_c(1) = 0.519572. (The formula 2/(1+κ²) seen in some code is wrong.)
/// Ref: Gardner, J. Phys. A 21, 257 (1988); Engel &amp; Van den Broeck (2001), §6.1.
/// </summary>
public static class GardnerCapacity
{
    public static double CriticalAlpha(double kappa)
    {
        if (double.IsNaN(kappa)) throw new ArgumentException("κ must be a number.", nameof(kappa));
        return 1.0 / ((1 + kappa * kappa) * Numerics.Special.H(-kappa) + kappa * Numerics.Special.Phi(kappa));
    }
}
