using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Features.Api;

public static class ApiResults
{
    /// <summary>Maps a failed outcome: field errors → 400 naming each field, missing or not visible → 404, read-only → 403.</summary>
    public static IResult From<T>(Outcome<T> outcome)
    {
        if (outcome.NotFound) return Results.Problem("Not found.", statusCode: StatusCodes.Status404NotFound);
        if (outcome.Forbidden) return Results.Problem(outcome.Reason ?? "You may view but not change this.", statusCode: StatusCodes.Status403Forbidden);
        var errors = outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return Results.ValidationProblem(errors, detail: string.Join(" ", outcome.Errors.Select(e => e.Message)));
    }
}

/// <summary>
/// Unreadable request bodies (malformed JSON, a string where a number belongs) become a 400 problem that says
/// what could not be read, instead of a bare 400 or a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        context.Response.StatusCode = bad.StatusCode;
        var detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message;
        // Name where the body went wrong, as field errors do: the JSON path of the offending value ("$" for the whole body).
        var field = bad.InnerException is System.Text.Json.JsonException { Path: { Length: > 0 } path } ? path : "body";
        var problem = new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = detail };
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }
}
