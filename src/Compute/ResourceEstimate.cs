using System.Globalization;
using Shared.Models;
using Shared.Runs;

namespace Compute;

/// <summary>A model type's estimate of what a run will cost, checked against <see cref="RunLimits"/>.</summary>
public readonly record struct ResourceEstimate(double MemoryBytes, double Work)
{
    /// <summary>
    /// Errors naming the parameter to reduce when memory or work exceed the limits.
    /// <paramref name="sizeField"/> is the parameter that drives the cost (e.g. "N").
    /// </summary>
    public IEnumerable<FieldError> Against(RunLimits limits, string sizeField)
    {
        if (MemoryBytes > limits.MaxMemoryBytes)
            yield return new FieldError(sizeField,
                $"This run would need about {Gib(MemoryBytes)} GiB of memory; the limit is {Gib(limits.MaxMemoryBytes)} GiB. Reduce {sizeField}.");
        if (Work > limits.MaxWork)
            yield return new FieldError(sizeField,
                $"This run would need about {Work.ToString("0.0e0", CultureInfo.InvariantCulture)} operations; the limit is {limits.MaxWork.ToString("0.0e0", CultureInfo.InvariantCulture)}. Reduce {sizeField} or the number of steps.");
    }

    private static string Gib(double bytes) => (bytes / (1L << 30)).ToString("0.##", CultureInfo.InvariantCulture);
}
