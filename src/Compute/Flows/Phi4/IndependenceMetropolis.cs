using Compute.Numerics;

namespace Compute.Flows.Phi4;

/// <summary>
/// Neural MCMC: independence Metropolis-Hastings whose proposals are the flow's draws, taken in order.
/// Accepts φ' with probability min(1, w(φ')/w(φ)), w = e^{−S}/q, which leaves e^{−S}/Z invariant exactly.
/// Returns the index of the chain's state after each proposal.
/// Ref: Albergo, Kanwar &amp; Shanahan, PRD 100 (2019), sec. III.
/// </summary>
public static class IndependenceMetropolis
{
    public static (int[] States, double AcceptanceRate) Run(ReadOnlySpan<double> logWeights, ulong seed, ulong stream)
    {
        var rng = new Rng(seed, stream);
        var states = new int[logWeights.Length];
        var current = 0;
        var accepted = 0;
        for (var i = 1; i < logWeights.Length; i++)
        {
            var logRatio = logWeights[i] - logWeights[current];
            if (logRatio >= 0 || rng.NextDouble() < Math.Exp(logRatio))
            {
                current = i;
                accepted++;
            }
            states[i] = current;
        }
        return (states, logWeights.Length > 1 ? (double)accepted / (logWeights.Length - 1) : double.NaN);
    }
}
