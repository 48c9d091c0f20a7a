using Microsoft.AspNetCore.Mvc;

namespace PrivacyFunctions.Platform.Http;

/// <summary>Builds <c>application/problem+json</c> results (RFC 9457).</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ObjectResult Of(ProblemKind kind, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value));
        problem.Type = kind.Type;
        problem.Title = kind.Title;
        problem.Status = kind.Status;
        problem.Detail = detail;
        var result = new ObjectResult(problem) { StatusCode = kind.Status };
        result.ContentTypes.Add(ContentType);
        return result;
    }

    public static ObjectResult Validation(ValidationErrors errors) =>
        Of(ProblemKind.Validation, errors.Summary(), errors.ToDictionary());

    public static ObjectResult Validation(string field, string message) =>
        Validation(new ValidationErrors().Add(field, message));

    public static ObjectResult NotFound(string what) => Of(ProblemKind.NotFound, $"{what} was not found.");
}
