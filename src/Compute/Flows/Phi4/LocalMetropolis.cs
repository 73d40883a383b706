using System.Runtime.CompilerServices;
using Compute.Numerics;

namespace Compute.Flows.Phi4;

/// <summary>
/// Baseline sampler: single-site Metropolis on the same φ⁴ action, sequential sweeps, proposal φ' = φ + δ·U(−1, 1).
/// Only the terms touching site x change: ΔS = (4 + m²)(φ'² − φ²) − 2(φ' − φ)Σ_{y~x}φ_y + λ(φ'⁴ − φ⁴).
/// δ is tuned towards 50 % acceptance during thermalization only, so the measured chain is a fixed Markov kernel.
/// Ref: Metropolis et al., J. Chem. Phys. 21 (1953).
/// </summary>
public sealed class LocalMetropolis
{
    private readonly double[] _phi;
    private readonly Phi4Action _action;
    private Rng _rng;

    public LocalMetropolis(Phi4Action action, ulong seed, ulong stream)
    {
        _action = action;
        _phi = new double[action.Sites];
        _rng = new Rng(seed, stream);
        for (var i = 0; i < _phi.Length; i++) _phi[i] = _rng.NextDouble() - 0.5;
    }

    public double Step { get; private set; } = 1.0;
    public ReadOnlySpan<double> Field => _phi;

    /// <summary>One sweep over all sites in order; returns the acceptance rate. When <paramref name="tune"/>, adapts δ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Sweep(bool tune)
    {
        var l = _action.L;
        var mass = 4 + _action.M2;
        var lambda = _action.Lambda;
        var accepted = 0;
        for (var r = 0; r < l; r++)
        {
            int up = (r + l - 1) % l * l, down = (r + 1) % l * l, row = r * l;
            for (var c = 0; c < l; c++)
            {
                var x = row + c;
                var old = _phi[x];
                var proposal = old + Step * (2 * _rng.NextDouble() - 1);
                var neighbours = _phi[row + (c + 1) % l] + _phi[row + (c + l - 1) % l] + _phi[up + c] + _phi[down + c];
                double o2 = old * old, p2 = proposal * proposal;
                var dS = mass * (p2 - o2) - 2 * (proposal - old) * neighbours + lambda * (p2 * p2 - o2 * o2);
                if (dS <= 0 || _rng.NextDouble() < Math.Exp(-dS))
                {
                    _phi[x] = proposal;
                    accepted++;
                }
            }
        }
        var rate = (double)accepted / _phi.Length;
        if (tune) Step *= rate > 0.5 ? 1.05 : 0.95;
        return rate;
    }
}
