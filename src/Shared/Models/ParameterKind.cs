namespace Shared.Models;

/// <summary>How a parameter's value is typed and entered.</summary>
public enum ParameterKind
{
    Real,
    Integer,
    Choice,
    Boolean,
}
