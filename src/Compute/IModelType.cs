using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute;

/// <summary>
/// A kind of model the portal can run: its parameter schema, the checks that go beyond the schema
/// (cross-field rules, resource estimates) and the synchronous computation itself.
/// </summary>
public interface IModelType
{
    ModelTypeInfo Info { get; }

    /// <summary>Parameter overrides for a small, fast example run (demo content, smoke tests).</summary>
    IReadOnlyDictionary<string, object> Example { get; }

    /// <summary>
    /// What a run with these parameters would cost: the estimate <see cref="Validate"/> checks against the limits, shown
    /// before a run starts. Null when it depends on an uploaded data set.
    /// </summary>
    ResourceEstimate? Estimate(ParameterValues parameters);

    /// <summary>Rules the schema cannot express, and the resource estimate against the limits.</summary>
    IEnumerable<FieldError> Validate(ParameterValues parameters, RunLimits limits);

    /// <summary>
    /// Runs the computation within the context's thread budget, reporting progress by its stages and streaming partial
    /// series through it. Stops within a second of cancellation (OperationCanceledException); returns only a complete
    /// result, and when it cannot finish throws <see cref="RunFailedException"/> carrying what was computed.
    /// </summary>
    ResultDocument Run(RunSpec spec, RunContext context);
}
