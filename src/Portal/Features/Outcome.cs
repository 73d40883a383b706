using Shared.Models;

namespace Portal.Features;

/// <summary>
/// The result of a portal operation: a value, or field errors (the API answers 400, forms show them
/// inline), or not found / not allowed (both answer 404 so that others' resources stay invisible).
/// </summary>
public sealed record Outcome<T>
{
    public T? Value { get; private init; }
    public IReadOnlyList<FieldError> Errors { get; private init; } = [];
    public bool NotFound { get; private init; }
    public bool Forbidden { get; private init; }

    /// <summary>Why a visible object may not be changed by this caller (shown to them as is).</summary>
    public string? Reason { get; private init; }

    public bool Succeeded => !NotFound && !Forbidden && Errors.Count == 0;

    public static Outcome<T> Ok(T value) => new() { Value = value };
    public static Outcome<T> Invalid(IReadOnlyList<FieldError> errors) => new() { Errors = errors };
    public static Outcome<T> Invalid(string field, string message) => new() { Errors = [new FieldError(field, message)] };
    public static Outcome<T> Missing() => new() { NotFound = true };

    /// <summary>Visible but not changeable by this caller (e.g. a viewer trying to edit).</summary>
    public static Outcome<T> Denied(string? reason = null) => new() { Forbidden = true, Reason = reason };

    /// <summary>The outcome for a caller who lacks <paramref name="permission"/>: not found unless they may at least read.</summary>
    public static Outcome<T> Refused(Workspaces.WorkspaceAccess access, Workspaces.Permission permission) =>
        access.CanRead ? Denied(access.Why(permission)) : Missing();
}
