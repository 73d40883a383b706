using Shared.Results;

namespace Compute;

/// <summary>
/// A run that cannot go on (e.g. a training loss that became NaN or ∞). The message names the step;
/// <see cref="Partial"/> carries what was computed up to that point (training curves, figures) so the
/// portal can store and show it next to the failure instead of losing it. Model types create it with
/// <see cref="RunContext.Fail"/>, which falls back to the run's live series when a family has no partial document of its own.
/// </summary>
public sealed class RunFailedException(string message, ResultDocument? partial = null) : InvalidOperationException(message)
{
    public ResultDocument? Partial { get; } = partial;
}
