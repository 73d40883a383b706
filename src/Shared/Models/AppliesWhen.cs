namespace Shared.Models;

/// <summary>
/// When a parameter means something: only while the choice <see cref="Parameter"/> takes one of <see cref="Values"/>
/// (e.g. the hinge margin only for the hinge rule). A parameter that does not apply is hidden in the form, and the
/// server neither checks nor keeps its value: it resolves to the default, so runs that differ only there are identical.
/// </summary>
public sealed record AppliesWhen(string Parameter, IReadOnlyList<string> Values)
{
    /// <summary>True when the controlling parameter's value (as invariant text) is one of <see cref="Values"/>.</summary>
    public bool HoldsFor(string? controllingValue) => controllingValue is not null && Values.Contains(controllingValue, StringComparer.Ordinal);

    /// <summary>"only when rule is hinge", "only when dataset is ising or bars-and-stripes".</summary>
    public string Describe() => $"only when {Parameter} is {string.Join(" or ", Values)}";
}
