namespace PrivacyFunctions.Platform.Http;

/// <summary>
/// One stable RFC 9457 problem <c>type</c> per error kind. Callers may branch on <see cref="Type"/>; the
/// title is fixed per kind, the detail says what happened in this request (never internals).
/// </summary>
public sealed record ProblemKind(string Slug, int Status, string Title)
{
    public const string TypePrefix = "urn:privacyfunctions:problem:";

    public string Type => TypePrefix + Slug;

    public static readonly ProblemKind MalformedJson = new("malformed-json", 400, "The request body is not valid JSON.");
    public static readonly ProblemKind InvalidParameter = new("invalid-parameter", 400, "A route or query parameter is invalid.");
    public static readonly ProblemKind WebhookUnauthorized = new("webhook-unauthorized", 401, "The webhook signature could not be verified.");
    public static readonly ProblemKind LinkInvalid = new("link-invalid", 401, "The link is not valid for this item.");
    public static readonly ProblemKind NotFound = new("not-found", 404, "The resource does not exist.");
    public static readonly ProblemKind Conflict = new("conflict", 409, "The request conflicts with the current state.");
    public static readonly ProblemKind LinkExpired = new("link-expired", 410, "The link has expired.");
    public static readonly ProblemKind PreconditionFailed = new("precondition-failed", 412, "The resource was changed by someone else.");
    public static readonly ProblemKind PayloadTooLarge = new("payload-too-large", 413, "The request body is too large.");
    public static readonly ProblemKind UnsupportedMediaType = new("unsupported-media-type", 415, "The request body must be application/json.");
    public static readonly ProblemKind Validation = new("validation", 422, "The request is not valid.");
    public static readonly ProblemKind Internal = new("internal", 500, "An unexpected error occurred.");
    public static readonly ProblemKind Unavailable = new("unavailable", 503, "A dependency is not available.");
    /// <summary>Lost every race for the resource: nothing was done, the same call may be repeated (a webhook-id too).</summary>
    public static readonly ProblemKind Busy = new("busy", 503, "The resource is being changed concurrently; retry.");
}
