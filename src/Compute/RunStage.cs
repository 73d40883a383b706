namespace Compute;

/// <summary>
/// One stage of a run (training, sampling, a baseline chain…) with its share of the whole, declared by
/// <see cref="RunContext.Stage"/>. Every report goes through; a loop that could report thousands of times a second asks
/// <see cref="Due"/> first.
/// </summary>
public sealed class RunStage
{
    private readonly RunContext _context;

    internal RunStage(RunContext context, string name, double offset, double weight)
    {
        _context = context;
        Name = name;
        Offset = offset;
        Weight = weight;
    }

    public string Name { get; }

    internal double Offset { get; }

    internal double Weight { get; }

    /// <summary>
    /// Whether a tenth of a second has passed since the run's last report: hot loops ask before formatting their detail
    /// text, so the steps between reports allocate nothing.
    /// </summary>
    public bool Due => _context.ReportDue;

    /// <summary><paramref name="done"/> of <paramref name="total"/> units of this stage are finished.</summary>
    public void Report(double done, double total, string detail = "") =>
        _context.Report(this, total > 0 ? done / total : 1, detail);
}
