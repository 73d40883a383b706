using Compute.Numerics;

namespace Compute.EnergyModels.SpinGlass;

/// <summary>
/// One replica set of an SK sample over a ladder β_0 &lt; β_1 &lt; … : a replica per temperature, Metropolis sweeps at
/// every temperature and, for parallel tempering, swap attempts between neighbouring temperatures k, k+1 (even pairs
/// after even sweeps, odd pairs after odd sweeps) accepted with min(1, e^{(β_k − β_{k+1})(E_k − E_{k+1})}).
/// Replicas are relabelled, not copied. Each replica and the swap decisions draw from their own streams.
/// Ref: K. Hukushima &amp; K. Nemoto, J. Phys. Soc. Jpn. 65, 1604 (1996).
/// </summary>
internal sealed class SkLadder
{
    private readonly SkReplica[] _replicas;
    private readonly Rng[] _rng;
    private readonly int[] _atTemperature;
    private readonly double[] _betas;
    private readonly bool _swap;
    private Rng _swapRng;
    private long _sweeps;

    public SkLadder(float[] couplings, int n, double[] betas, bool swap, ulong seed, ulong stream)
    {
        _betas = betas;
        _swap = swap;
        var m = betas.Length;
        _replicas = new SkReplica[m];
        _rng = new Rng[m];
        _atTemperature = new int[m];
        SwapAttempts = new long[Math.Max(0, m - 1)];
        SwapAccepted = new long[Math.Max(0, m - 1)];
        for (var k = 0; k < m; k++)
        {
            _replicas[k] = new SkReplica(couplings, n);
            _rng[k] = new Rng(seed, stream * 1024 + (ulong)k);
            _replicas[k].Randomize(ref _rng[k]);
            _atTemperature[k] = k;
        }
        _swapRng = new Rng(seed, stream * 1024 + 1023);
    }

    public long[] SwapAttempts { get; }

    public long[] SwapAccepted { get; }

    /// <summary>The replica currently at temperature index k.</summary>
    public SkReplica At(int k) => _replicas[_atTemperature[k]];

    public void Sweep()
    {
        for (var k = 0; k < _betas.Length; k++)
        {
            var r = _atTemperature[k];
            _replicas[r].Sweep(_betas[k], ref _rng[r]);
        }
        if (_swap)
        {
            for (var k = (int)(_sweeps & 1); k + 1 < _betas.Length; k += 2)
            {
                SwapAttempts[k]++;
                var delta = (_betas[k] - _betas[k + 1]) * (At(k).Energy - At(k + 1).Energy);
                if (_swapRng.NextDouble() < Math.Exp(delta))
                {
                    (_atTemperature[k], _atTemperature[k + 1]) = (_atTemperature[k + 1], _atTemperature[k]);
                    SwapAccepted[k]++;
                }
            }
        }
        _sweeps++;
    }

    public void ResetSwapCounts()
    {
        Array.Clear(SwapAttempts);
        Array.Clear(SwapAccepted);
    }
}
