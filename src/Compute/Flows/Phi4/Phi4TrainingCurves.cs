using Shared.Results;

namespace Compute.Flows.Phi4;

/// <summary>
/// The per-step training curves of a φ⁴ flow, recorded once through the run's series recorder: the same curves are
/// the live plots while it trains and the series and figures of its result (partial or final). The recorder keeps at
/// most <see cref="LiveSeries.Capacity"/> evenly spaced steps; reducing them further for the screen is the portal's job.
/// </summary>
internal sealed class Phi4TrainingCurves(RunContext context)
{
    private readonly LiveSeries _loss = context.Series("loss", "training step", "E_q[ln q + S] (batch)");
    private readonly LiveSeries _ess = context.Series("ess_batch", "training step", "ESS (batch)");
    private readonly LiveSeries _acceptance = context.Series("acceptance_batch", "training step", "expected acceptance (batch)");

    public void Add(int step, double loss, double ess, double acceptance)
    {
        _loss.Add(step, loss);
        _ess.Add(step, ess);
        _acceptance.Add(step, acceptance);
    }

    public (Series Loss, Series Ess, Series Acceptance) Snapshot() => (_loss.Snapshot(), _ess.Snapshot(), _acceptance.Snapshot());
}
