namespace Compute.Flows.Van;

/// <summary>A Boltzmann target e^{−βE(s)}/Z over n Ising spins s ∈ {−1, +1}ⁿ that a VAN learns.</summary>
public interface IVanTarget
{
    /// <summary>n, the number of spins.</summary>
    int Spins { get; }

    /// <summary>E(s) for each of <paramref name="batch"/> rows of ±1 spins (batch × n, row-major).</summary>
    void Energies(ReadOnlySpan<float> spins, Span<double> energies, int batch);
}
