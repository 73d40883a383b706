using Compute.EnergyModels.Rbm;
using Compute.Numerics;

namespace Compute.Tests.EnergyModels.Rbm;

/// <summary>Random machines with fixed seeds for the RBM tests.</summary>
internal static class RbmTestMachines
{
    public static RestrictedBoltzmannMachine Random(int visible, int hidden, RbmUnits units, double weightScale, double biasScale, ulong seed)
    {
        var m = new RestrictedBoltzmannMachine(visible, hidden, units);
        var rng = new Rng(seed, 77);
        for (var i = 0; i < m.W.Length; i++) m.W[i] = (float)(weightScale * rng.NextGaussian());
        for (var i = 0; i < visible; i++) m.A[i] = (float)(biasScale * rng.NextGaussian());
        for (var j = 0; j < hidden; j++) m.B[j] = (float)(biasScale * rng.NextGaussian());
        return m;
    }
}
