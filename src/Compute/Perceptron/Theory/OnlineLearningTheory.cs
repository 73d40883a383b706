using Compute.Numerics;

namespace Compute.Perceptron.Theory;

/// <summary>The on-line rules whose N → ∞ dynamics <see cref="OnlineLearningTheory"/> integrates.</summary>
public enum OnlineRule
{
    Hebb,
    Perceptron,
    AdaTron,
    Hinge,
}

/// <summary>
/// N → ∞ dynamics of on-line learning of a spherical teacher T (|T|² = N) from one fresh Gaussian example per step.
/// The student moves as J ← J + f(λ, u) x/√N with u = T·x/√N, λ = J·x/√N, y = sign(u); with R = J·T/N, Q = |J|²/N
/// and t = steps/N the self-averaging order parameters obey
///   dR/dt = ⟨f u⟩,   dQ/dt = 2⟨f λ⟩ + ⟨f²⟩,
/// averages over (u, λ) jointly Gaussian with ⟨u²⟩ = 1, ⟨λ²⟩ = Q, ⟨uλ⟩ = R. With ρ = R/√Q and ε = arccos(ρ)/π:
/// <list type="bullet">
/// <item>Hebb, f = η y: dR/dt = η√(2/π), dQ/dt = 2ηR√(2/π) + η² (so ρ(t) = √(2t/(2t+π)) from J = 0, the batch Hebb curve).</item>
/// <item>Perceptron rule, f = η y θ(−yλ): dR/dt = η(1−ρ)/√(2π), dQ/dt = −2η√Q(1−ρ)/√(2π) + η² ε.</item>
/// <item>AdaTron, f = −η λ θ(−yλ): dR/dt = (η√Q/π)(√(1−ρ²) − ρ arccos ρ), dQ/dt = (η² − 2η) Q (arccos ρ − ρ√(1−ρ²))/π.</item>
/// <item>SGD on the hinge loss max(0, κ − yλ), f = η y θ(κ − yλ): with λ | u ~ N(Ru, Q − R²), m = Ru, σ = √(Q−R²), z = (κ − m)/σ,
///   dR/dt = 2η ∫_0^∞ Du u Φ(z), dQ/dt = 4η ∫_0^∞ Du [m Φ(z) − σ φ(z)] + 2η² ∫_0^∞ Du Φ(z)
///   (one-dimensional Gauss-Kronrod integrals; κ = 0 reproduces the perceptron rule).</item>
/// </list>
/// Integrated with the adaptive Dormand-Prince solver <see cref="Ode"/>.
/// Ref: Biehl &amp; Schwarze, J. Phys. A 28, 643 (1995) and Europhys. Lett. 20, 733 (1992); Engel &amp; Van den Broeck (2001), ch. 9.
/// </summary>
public static class OnlineLearningTheory
{
    /// <summary>R(t), Q(t) at the given times from R(0) = 0, Q(0) = <paramref name="q0"/> (a random initial student).</summary>
    public static (double[] R, double[] Q) Integrate(OnlineRule rule, double eta, double kappa, double q0, ReadOnlySpan<double> times)
    {
        if (!(eta > 0)) throw new ArgumentOutOfRangeException(nameof(eta), "η must be positive.");
        if (rule != OnlineRule.Hebb && !(q0 > 0))
            throw new ArgumentOutOfRangeException(nameof(q0), "The error-driven rules need a non-zero initial student (Q(0) > 0): at J = 0 the student's output is undefined.");
        var y = Ode.Solve((t, s, d) => RightHandSide(rule, eta, kappa, s[0], s[1], d), 0, [0.0, q0], times, 1e-9, 1e-12);
        var r = new double[times.Length];
        var q = new double[times.Length];
        for (var i = 0; i < times.Length; i++)
        {
            r[i] = y[i][0];
            q[i] = y[i][1];
        }
        return (r, q);
    }

    /// <summary>Normalized overlap ρ = R/√Q (0 when Q = 0).</summary>
    public static double NormalizedOverlap(double r, double q) => q > 0 ? Math.Clamp(r / Math.Sqrt(q), -1, 1) : 0;

    public static double GeneralizationError(double r, double q) => Math.Acos(NormalizedOverlap(r, q)) / Math.PI;

    /// <summary>dR/dt and dQ/dt for the given rule at (R, Q).</summary>
    public static void RightHandSide(OnlineRule rule, double eta, double kappa, double r, double q, Span<double> d)
    {
        var rho = NormalizedOverlap(r, q);
        var acos = Math.Acos(rho);
        var sinTheta = Math.Sqrt(Math.Max(0, (1 - rho) * (1 + rho)));
        const double sqrt2OverPi = 0.7978845608028654;
        const double invSqrt2Pi = 0.3989422804014327;
        switch (rule)
        {
            case OnlineRule.Hebb:
                d[0] = eta * sqrt2OverPi;
                d[1] = 2 * eta * r * sqrt2OverPi + eta * eta;
                break;
            case OnlineRule.Perceptron:
                d[0] = eta * (1 - rho) * invSqrt2Pi;
                d[1] = -2 * eta * Math.Sqrt(q) * (1 - rho) * invSqrt2Pi + eta * eta * acos / Math.PI;
                break;
            case OnlineRule.AdaTron:
                d[0] = eta * Math.Sqrt(q) / Math.PI * (sinTheta - rho * acos);
                d[1] = (eta * eta - 2 * eta) * q * (acos - rho * sinTheta) / Math.PI;
                break;
            case OnlineRule.Hinge:
                HingeRates(eta, kappa, r, q, d);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule));
        }
    }

    private static void HingeRates(double eta, double kappa, double r, double q, Span<double> d)
    {
        var sigma = Math.Sqrt(Math.Max(q - r * r, 1e-300));
        // By the symmetry (u, λ) → (−u, −λ) only u > 0 (y = +1) is integrated, and doubled.
        double Fire(double u) => 1 - Special.H((kappa - r * u) / sigma);
        var du = Quadrature.Integrate(u => Special.Phi(u) * u * Fire(u), 0, double.PositiveInfinity, 1e-12);
        var dl = Quadrature.Integrate(u =>
        {
            var m = r * u;
            var z = (kappa - m) / sigma;
            return Special.Phi(u) * (m * (1 - Special.H(z)) - sigma * Special.Phi(z));
        }, 0, double.PositiveInfinity, 1e-12);
        var p = Quadrature.Integrate(u => Special.Phi(u) * Fire(u), 0, double.PositiveInfinity, 1e-12);
        d[0] = 2 * eta * du;
        d[1] = 2 * (2 * eta * dl) + 2 * eta * eta * p;
    }
}
