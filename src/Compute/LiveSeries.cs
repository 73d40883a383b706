using Shared.Results;

namespace Compute;

/// <summary>
/// A series a run appends to while it runs (a training loss, an ESS, an energy per sweep), readable at any time by the
/// portal for live plots and kept in the partial result when the run fails. Memory stays bounded: beyond
/// <see cref="Capacity"/> points every other point is dropped and from then on only every second (fourth, …) point
/// is kept, so a long run keeps an evenly thinned curve. Thread-safe; a steady-state <see cref="Add"/> allocates nothing.
/// </summary>
public sealed class LiveSeries
{
    public const int Capacity = 4096;

    private readonly RunContext _context;
    private readonly double[] _x = new double[Capacity];
    private readonly double[] _y = new double[Capacity];
    private int _count;
    private long _offered;
    private long _stride = 1;

    internal LiveSeries(RunContext context, string name, string xLabel, string yLabel)
    {
        _context = context;
        Name = name;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    public string Name { get; }

    public string XLabel { get; }

    public string YLabel { get; }

    public void Add(double x, double y)
    {
        lock (_x)
        {
            if (_offered++ % _stride != 0) return;
            if (_count == Capacity)
            {
                for (var i = 0; i < Capacity / 2; i++)
                {
                    _x[i] = _x[2 * i];
                    _y[i] = _y[2 * i];
                }
                _count = Capacity / 2;
                _stride *= 2;
                // The point just offered is kept only if it falls on the new, coarser grid.
                if ((_offered - 1) % _stride != 0) return;
            }
            _x[_count] = x;
            _y[_count] = y;
            _count++;
        }
        _context.SeriesChanged();
    }

    public Series Snapshot()
    {
        lock (_x) return new Series(Name, XLabel, YLabel, _x[.._count], _y[.._count]);
    }
}
