using Compute.EnergyModels.Hamiltonians;
using Compute.EnergyModels.Ising;
using Compute.EnergyModels.SpinGlass;

namespace Compute.Flows.Van;

/// <summary>The target of a <c>flow.van</c> run with its exact reference, when one is requested.</summary>
/// <param name="ExactLogZ">ln Z (null without an exact reference).</param>
/// <param name="ExactEnergy">⟨E⟩ (total, not per spin).</param>
public sealed record VanProblem(IVanTarget Target, string Description, double? ExactLogZ, double? ExactEnergy, string ReferenceSource)
{
    public static VanProblem Create(VanParameters p, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (p.Target)
        {
            case VanParameters.Ising:
                {
                    var target = new IsingTarget(p.L);
                    var n = target.Spins;
                    return new VanProblem(target, $"{p.L}×{p.L} periodic Ising ferromagnet",
                        p.Exact ? Kaufman.LogPartitionFunction(p.L, p.L, p.Beta) : null,
                        p.Exact ? Kaufman.EnergyPerSite(p.L, p.L, p.Beta) * n : null,
                        "Kaufman, Phys. Rev. 76, 1232 (1949): exact ln Z of the finite torus");
                }
            case VanParameters.Sk:
                {
                    var couplings = SkCouplings.Sample(p.N, (ulong)p.DisorderSeed);
                    return Pairwise(new PairwiseTarget(couplings, p.N), p, $"SK spin glass, N = {p.N} (disorder seed {p.DisorderSeed})");
                }
            case VanParameters.Hopfield:
                {
                    var patterns = HebbianCouplings.RandomPatterns(p.N, p.Patterns, (ulong)p.DisorderSeed);
                    return Pairwise(new PairwiseTarget(HebbianCouplings.Of(patterns, p.N), p.N), p,
                        $"Hopfield network, N = {p.N}, P = {p.Patterns} patterns (disorder seed {p.DisorderSeed})");
                }
            default:
                throw new ArgumentException($"Unknown target '{p.Target}'.", nameof(p));
        }
    }

    private static VanProblem Pairwise(PairwiseTarget target, VanParameters p, string description)
    {
        if (!p.Exact) return new VanProblem(target, description, null, null, "");
        var exact = SkEnumeration.Thermodynamics(target.Couplings, p.N, [p.Beta], withOverlap: false)[0];
        return new VanProblem(target, description, exact.LogZ, exact.EnergyPerSpin * p.N, "exact enumeration of all 2^N states");
    }
}
