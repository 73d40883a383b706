using Compute.Numerics;
using Shared.Results;
using Shared.Runs;

namespace Compute;

/// <summary>
/// Everything a running computation gets from whoever runs it: its thread budget, cancellation, a progress sink fed by
/// weighted stages, a recorder of partial series that the portal streams while the run goes on, and the way to fail
/// with what was computed so far. Create it on the thread that calls <see cref="IModelType.Run"/> and dispose it after:
/// it sets that thread's <see cref="ThreadBudget"/> (which the numerics consult, e.g. before waking the helper thread)
/// for its lifetime. Progress and series may be reported from any thread of the run.
/// </summary>
public sealed class RunContext : IDisposable
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(100);

    private readonly IProgress<RunProgress>? _progress;
    private readonly ThreadBudget.Scope _budget;
    private readonly List<RunStage> _stages = [];
    private readonly List<LiveSeries> _series = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private long _lastReportTicks = long.MinValue / 2;
    private double _fraction;
    private long _seriesVersion;

    /// <param name="threads">Most threads the run may use at once (≥ 1); results do not depend on it.</param>
    /// <param name="cancellation">Stops the run within a second (OperationCanceledException).</param>
    /// <param name="progress">Receives every report of every stage; hot loops ask <see cref="RunStage.Due"/> (ten a second) first.</param>
    public RunContext(int threads, CancellationToken cancellation, IProgress<RunProgress>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
        Cancellation = cancellation;
        _progress = progress;
        _budget = ThreadBudget.Limit(threads);
    }

    /// <summary>A one-thread context without progress (tests, tools).</summary>
    public static RunContext Serial(CancellationToken cancellation = default) => new(1, cancellation);

    public int Threads { get; }

    public CancellationToken Cancellation { get; }

    public void ThrowIfCancelled() => Cancellation.ThrowIfCancellationRequested();

    /// <summary>
    /// Declares the next stage of the run with its share of the work. Declare every stage before reporting on any: a
    /// stage's fraction of the whole is its weight over the sum of all declared weights.
    /// </summary>
    public RunStage Stage(string name, double weight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weight);
        lock (_stages)
        {
            var offset = _stages.Sum(s => s.Weight);
            var stage = new RunStage(this, name, offset, weight);
            _stages.Add(stage);
            return stage;
        }
    }

    internal bool ReportDue => _progress is not null && _clock.Elapsed.Ticks - Interlocked.Read(ref _lastReportTicks) >= ReportInterval.Ticks;

    internal void Report(RunStage stage, double fraction, string detail)
    {
        if (_progress is null) return;
        RunProgress report;
        lock (_stages)
        {
            _lastReportTicks = _clock.Elapsed.Ticks;
            var total = _stages.Sum(s => s.Weight);
            // Reports from parallel workers arrive out of order; the bar never moves back.
            _fraction = Math.Max(_fraction, (stage.Offset + stage.Weight * Math.Clamp(fraction, 0, 1)) / total);
            report = new RunProgress(_fraction, detail.Length == 0 ? stage.Name : $"{stage.Name}: {detail}");
        }
        _progress.Report(report);
    }

    /// <summary>The live series of this name, created on first use (x, y appended in order; thread-safe).</summary>
    public LiveSeries Series(string name, string xLabel, string yLabel)
    {
        lock (_series)
        {
            var existing = _series.FirstOrDefault(s => s.Name == name);
            if (existing is not null) return existing;
            var series = new LiveSeries(this, name, xLabel, yLabel);
            _series.Add(series);
            return series;
        }
    }

    internal void SeriesChanged() => Interlocked.Increment(ref _seriesVersion);

    /// <summary>Grows whenever a point is added: a reader redraws only when it changed.</summary>
    public long SeriesVersion => Interlocked.Read(ref _seriesVersion);

    /// <summary>A copy of every live series as recorded so far, in the order they were created.</summary>
    public IReadOnlyList<Series> RecordedSeries()
    {
        lock (_series) return _series.Select(s => s.Snapshot()).Where(s => s.X.Length > 0).ToList();
    }

    /// <summary>Runs <paramref name="body"/> over [0, count) on at most <see cref="Threads"/> threads; see <see cref="ThreadBudget.For{TLocal}"/>.</summary>
    public void For<TLocal>(int count, Func<TLocal> init, Action<int, TLocal> body)
    {
        using var budget = ThreadBudget.Limit(Threads);
        ThreadBudget.For(count, init, body, Cancellation);
    }

    /// <summary>
    /// The exception a model type throws when the run cannot go on (a loss or energy that became NaN, a singular
    /// matrix): the message says what happened and what to change; the partial result is <paramref name="partial"/>
    /// or, when the model has none of its own, the document of every live series recorded so far.
    /// </summary>
    public RunFailedException Fail(string modelType, string message, ResultDocument? partial = null) =>
        new(message, partial ?? PartialDocument(modelType, message));

    /// <summary>The live series recorded so far as a result document (one figure per series), or null when there are none.</summary>
    public ResultDocument? PartialDocument(string modelType, string summary)
    {
        var series = RecordedSeries();
        if (series.Count == 0) return null;
        return new ResultDocument
        {
            ModelType = modelType,
            Summary = summary,
            Series = series,
            Figures = series.Select(s => new Figure
            {
                Id = "live-" + s.Name, Title = s.YLabel, XAxis = new Axis(s.XLabel), YAxis = new Axis(s.YLabel),
                Traces = [new Trace { Name = s.Name, X = s.X, Y = s.Y, Style = TraceStyle.Lines }],
            }).ToList(),
        };
    }

    public void Dispose() => _budget.Dispose();
}
