using Shared.Models;
using Shared.Results;

namespace Compute;

/// <summary>
/// What a sweep asks a model type for: the theory of <see cref="Metric"/> against the swept parameter <see cref="X"/> (a curve),
/// or against X and <see cref="Y"/> (a phase diagram), with every other parameter at its value in <see cref="Parameters"/>.
/// </summary>
public sealed record SweepTheoryQuery(string Metric, string X, string? Y, ParameterValues Parameters, double XMin, double XMax, double? YMin = null, double? YMax = null);

/// <summary>
/// Known results over a sweep, as data. For a curve: theory traces of the metric against x, and transitions as vertical
/// lines at x. For a phase diagram: traces y(x) of the transition lines in the (x, y) plane (no vertical markers).
/// </summary>
public sealed record SweepTheory(IReadOnlyList<Trace> Curves, IReadOnlyList<Marker> Transitions)
{
    public static readonly SweepTheory None = new([], []);

    public bool IsEmpty => Curves.Count == 0 && Transitions.Count == 0;

    /// <summary>A theory curve f(x) on n points between the query's ends (geometric when both are positive and far apart).</summary>
    public static Trace Curve(string name, SweepTheoryQuery q, Func<double, double> f, int n = 200)
    {
        var log = q.XMin > 0 && q.XMax / q.XMin > 20;
        var x = Enumerable.Range(0, n).Select(i => (double)i / (n - 1))
            .Select(t => log ? q.XMin * Math.Pow(q.XMax / q.XMin, t) : q.XMin + t * (q.XMax - q.XMin)).ToArray();
        return new Trace { Name = name, Role = TraceRole.Theory, Style = TraceStyle.Lines, X = x, Y = x.Select(f).ToArray() };
    }

    /// <summary>
    /// A transition at a fixed value of one of <paramref name="parameters"/>: on a curve over it a vertical marker; on a
    /// phase diagram the straight line through the plane where that axis has the value; otherwise nothing.
    /// </summary>
    public static SweepTheory At(SweepTheoryQuery q, IReadOnlyCollection<string> parameters, double value, string label)
    {
        if (q.Y is null) return parameters.Contains(q.X) ? new([], [new Marker(value, label)]) : None;
        if (parameters.Contains(q.X) && q is { YMin: { } y0, YMax: { } y1 })
            return new([new Trace { Name = label, Role = TraceRole.Theory, Style = TraceStyle.Lines, X = [value, value], Y = [y0, y1] }], []);
        if (parameters.Contains(q.Y))
            return new([new Trace { Name = label, Role = TraceRole.Theory, Style = TraceStyle.Lines, X = [q.XMin, q.XMax], Y = [value, value] }], []);
        return None;
    }

    public SweepTheory With(SweepTheory other) => new([.. Curves, .. other.Curves], [.. Transitions, .. other.Transitions]);
}

/// <summary>A model type that knows theory for sweeps over its parameters (curves, transition points or lines).</summary>
public interface ISweepTheory
{
    /// <summary>The theory for this query, or <see cref="SweepTheory.None"/> when the model type knows none for it.</summary>
    SweepTheory Theory(SweepTheoryQuery query);
}
