namespace Compute.EnergyModels.Rbm;

/// <summary>
/// Parameters of a restricted Boltzmann machine with energy E(v, h) = −a·v − b·h − vᵀWh:
/// <see cref="W"/> is nv×nh row-major (W[i·nh + j] couples visible i to hidden j), <see cref="A"/> the
/// visible and <see cref="B"/> the hidden biases. Units are 0/1 or ±1 on both layers (<see cref="Units"/>).
/// </summary>
public sealed class RestrictedBoltzmannMachine
{
    public RestrictedBoltzmannMachine(int visible, int hidden, RbmUnits units)
    {
        if (visible < 1 || hidden < 1) throw new ArgumentOutOfRangeException(nameof(visible), "An RBM needs at least one unit per layer.");
        Visible = visible;
        Hidden = hidden;
        Units = units;
        W = new float[visible * hidden];
        A = new float[visible];
        B = new float[hidden];
    }

    public int Visible { get; }
    public int Hidden { get; }
    public RbmUnits Units { get; }
    public float[] W { get; }
    public float[] A { get; }
    public float[] B { get; }

    /// <summary>State value of an "off" unit: 0 for binary units, −1 for spins.</summary>
    public float Down => Units == RbmUnits.Binary ? 0f : -1f;

    /// <summary>Small Gaussian weights N(0, σ²) and zero biases (the usual start, Hinton 2010 §8).</summary>
    public void InitializeRandom(ref Compute.Numerics.Rng rng, double sigma)
    {
        rng.FillNormal(W);
        System.Numerics.Tensors.TensorPrimitives.Multiply(W, (float)sigma, W);
        Array.Clear(A);
        Array.Clear(B);
    }

    /// <summary>
    /// Sets the visible biases to the log-odds of the data's mean activation (clamped away from 0 and 1),
    /// so that the W = 0 model reproduces the single-unit marginals. Ref: Hinton (2010), A practical guide, §8.
    /// </summary>
    public void SetVisibleBiasesFromData(ReadOnlySpan<double> meanBitActivation)
    {
        for (var i = 0; i < Visible; i++) A[i] = (float)DataBias(Units, meanBitActivation[i]);
    }

    /// <summary>Bias that gives a lone unit P(up) = <paramref name="pUp"/>, clamped to [0.5/1000, 1 − 0.5/1000].</summary>
    public static double DataBias(RbmUnits units, double pUp)
    {
        var p = Math.Clamp(pUp, 5e-4, 1 - 5e-4);
        var logit = Math.Log(p / (1 - p));
        return units == RbmUnits.Binary ? logit : 0.5 * logit;
    }

    public RestrictedBoltzmannMachine Clone()
    {
        var c = new RestrictedBoltzmannMachine(Visible, Hidden, Units);
        W.CopyTo(c.W, 0);
        A.CopyTo(c.A, 0);
        B.CopyTo(c.B, 0);
        return c;
    }
}
