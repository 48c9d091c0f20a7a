using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

public enum DsrActionOutcome
{
    /// <summary>Applied now, or already applied earlier (a repeated call answers as the first one did).</summary>
    Done,
    /// <summary>No such request — or one the caller may not see (another product's request).</summary>
    NotFound,
    /// <summary>A field is invalid for this request (422).</summary>
    Invalid,
    /// <summary>The lifecycle does not allow it in the request's current state (409).</summary>
    Refused,
    /// <summary>The request kept changing concurrently (503 busy: nothing was done; retry, even with the same webhook-id).</summary>
    Conflict,
}

/// <summary>The outcome of a product's or customer's action on a request, mapped to HTTP by <see cref="ProblemOf"/>.</summary>
public sealed record DsrActionResult(DsrActionOutcome Outcome, DataSubjectRequest? Request, string? Error = null, ValidationErrors? Errors = null)
{
    public static DsrActionResult NotFound { get; } = new(DsrActionOutcome.NotFound, null);

    public static DsrActionResult From(DsrChange change) => change.Outcome switch
    {
        DsrChangeOutcome.Changed or DsrChangeOutcome.Unchanged => new(DsrActionOutcome.Done, change.Request),
        DsrChangeOutcome.Refused => new(DsrActionOutcome.Refused, change.Request, change.Error),
        DsrChangeOutcome.NotFound => NotFound,
        _ => new(DsrActionOutcome.Conflict, null, change.Error ?? "the request is being changed concurrently; retry."),
    };

    public static DsrActionResult Invalid(string field, string message) =>
        new(DsrActionOutcome.Invalid, null, null, new ValidationErrors().Add(field, message));

    /// <summary>The problem to answer with, or null when the action was done.</summary>
    public ObjectResult? ProblemOf(string requestId) => Outcome switch
    {
        DsrActionOutcome.Done => null,
        DsrActionOutcome.NotFound => Problems.NotFound($"Data subject request '{requestId}'"),
        DsrActionOutcome.Invalid => Problems.Validation(Errors!),
        DsrActionOutcome.Refused => Problems.Of(ProblemKind.Conflict, Capitalize(Error ?? "not allowed in the request's current state.")),
        _ => Problems.Of(ProblemKind.Busy, Capitalize(Error ?? "the request is being changed concurrently; retry.")),
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
