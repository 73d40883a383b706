using Compute.Numerics;

namespace Compute.EnergyModels.Ising;

/// <summary>
/// One Markov chain of the 2D Ising model at one β with the chosen update: checkerboard Metropolis or heat bath on
/// the multi-spin-coded lattice, or Wolff clusters on a byte lattice. A Wolff "sweep" is a fixed number of clusters
/// (N / mean cluster size, measured during warm-up and then frozen: a count that reacted to the sizes drawn would bias the chain).
/// </summary>
internal sealed class IsingSampler
{
    private readonly PackedIsingLattice? _packed;
    private readonly IsingLattice? _lattice;
    private readonly double _beta;
    private readonly int _threads;
    private Rng _rng;
    private int _clustersPerSweep = 1;
    private long _warmupClusters, _warmupFlipped;

    public IsingSampler(int size, double beta, string algorithm, ulong seed, ulong stream)
    {
        _beta = beta;
        // Rows own their random streams, so splitting them over threads changes nothing but the speed; below 256 rows
        // a sweep takes microseconds and the split would cost more than it saves.
        _threads = size >= 256 ? ThreadBudget.Current : 1;
        _rng = new Rng(seed, stream);
        // Cold start in the ordered phase avoids long-lived stripe states; hot start elsewhere.
        var cold = beta > Onsager.CriticalBeta;
        if (algorithm == IsingParameters.Wolff)
        {
            _lattice = new IsingLattice(size);
            if (!cold) _lattice.Randomize(ref _rng);
        }
        else
        {
            var acceptance = algorithm == IsingParameters.HeatBath ? CheckerboardAcceptance.HeatBath(beta) : CheckerboardAcceptance.Metropolis(beta);
            _packed = new PackedIsingLattice(size, _rng.NextUInt64(), acceptance);
            if (!cold) _packed.Randomize();
        }
    }

    public int Sites => _packed?.Sites ?? _lattice!.Sites;

    /// <summary>Warm-up sweep; for Wolff, clusters until N spins have flipped, counted to fix the clusters per sweep.</summary>
    public void WarmupSweep()
    {
        if (_lattice is null)
        {
            _packed!.Sweep(_threads);
            return;
        }
        var flipped = 0;
        while (flipped < _lattice.Sites)
        {
            flipped += _lattice.WolffUpdate(_beta, ref _rng);
            _warmupClusters++;
        }
        _warmupFlipped += flipped;
        _clustersPerSweep = (int)Math.Clamp(Math.Round((double)_warmupClusters * _lattice.Sites / _warmupFlipped), 1, int.MaxValue);
    }

    public void Sweep()
    {
        if (_lattice is null) _packed!.Sweep(_threads);
        else _lattice.WolffClusters(_beta, _clustersPerSweep, ref _rng);
    }

    public long Energy() => _packed?.Energy() ?? _lattice!.Energy();

    public long Magnetization() => _packed?.Magnetization() ?? _lattice!.Magnetization();

    public void CopyTo(Span<sbyte> spins)
    {
        if (_packed is not null) _packed.CopyTo(spins);
        else _lattice!.Spins.CopyTo(spins);
    }
}
