using Portal.Features.Reports;
using Portal.Features.Runs;
using Shared.Results;

namespace Portal.Tests.Reports;

/// <summary>Runs for renderer tests: a finished Hebb-like run with two figures and metrics, and a run still going.</summary>
public sealed class TestRuns(params EmbeddedRun[] runs) : IRunSource
{
    public static readonly Guid Hebb = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    public static readonly Guid Running = Guid.Parse("0197a000-0000-7000-8000-000000000002");

    public string MissingMessage => "not found, or not visible to you.";

    public List<IReadOnlyCollection<Guid>> Asked { get; } = [];

    public Task<IReadOnlyDictionary<Guid, EmbeddedRun>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        Asked.Add(ids);
        return Task.FromResult<IReadOnlyDictionary<Guid, EmbeddedRun>>(runs.Where(r => ids.Contains(r.Id)).ToDictionary(r => r.Id));
    }

    public static TestRuns Default() => new(
        new EmbeddedRun(Hebb, "Online Hebb (run 0197a000)", $"/runs/{Hebb}", RunStatus.Succeeded, 1, HebbResult()),
        new EmbeddedRun(Running, "Ising (run 0197a000)", $"/runs/{Running}", RunStatus.Running, 0.43, null));

    public static ResultDocument HebbResult() => new()
    {
        ModelType = "perceptron.online-hebb",
        Metrics = [new Metric("epsilon_final", "ε at α = 4", 0.2876, 0.0041), new Metric("R_final", "R at α = 4", 0.63, 0.01), new Metric("tau", "τ", 12.5, 0.5, "sweeps")],
        Figures =
        [
            new Figure
            {
                Id = "learning-curve", Title = "Generalization error", XAxis = new Axis("α"), YAxis = new Axis("ε"),
                Traces = [new Trace { Name = "simulation", X = [1, 2, 3, 4], Y = [0.4, 0.35, 0.31, 0.29], ErrorY = [0.01, 0.01, 0.01, 0.01] }, new Trace { Name = "exact", Role = TraceRole.Exact, X = [1, 4], Y = [0.4, 0.29], Style = TraceStyle.Lines }],
            },
            new Figure { Id = "overlap", Title = "Overlap", XAxis = new Axis("α"), YAxis = new Axis("R"), Traces = [new Trace { Name = "R", X = [1, 2], Y = [0.3, 0.5] }] },
        ],
    };
}
