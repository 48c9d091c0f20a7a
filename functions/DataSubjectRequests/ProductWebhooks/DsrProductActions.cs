using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>The validated body of <c>POST /api/dsr/{requestId}/cancel</c>.</summary>
public sealed record DsrCancelRequest(string RequestId, string ProductId, string? Reason)
{
    public static readonly string[] CancelReasons = ["withdrawnBySubject", "duplicate", "createdInError", "other"];

    public static (DsrCancelRequest? Request, ValidationErrors Errors) Parse(JsonElement body)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var requestId = fields.String("requestId", required: true, maxLength: RequestIds.MaxLength);
        var productId = fields.Id("productId", required: true);
        // A code, not free text: a product's note could name the end-user, and the timeline outlives their data.
        var reason = fields.OneOf("reason", required: false, CancelReasons);
        fields.RejectUnknown();
        return errors.IsEmpty
            ? (new DsrCancelRequest(requestId!, productId!, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()), errors)
            : (null, errors);
    }
}

/// <summary>The validated body of <c>POST /api/dsr/{requestId}/completion</c>.</summary>
public sealed record DsrCompletionRequest(string RequestId, string ProductId, DateTimeOffset CompletedAt, string Outcome)
{
    /// <summary>The only outcome for now: the instructed action was carried out.</summary>
    public const string Done = "done";

    public static (DsrCompletionRequest? Request, ValidationErrors Errors) Parse(JsonElement body, DateTimeOffset now, TimeSpan allowedSkew)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var requestId = fields.String("requestId", required: true, maxLength: RequestIds.MaxLength);
        var productId = fields.Id("productId", required: true);
        var completedAt = fields.Instant("completedAt", required: true);
        var outcome = fields.OneOf("outcome", required: true, Done);
        fields.RejectUnknown();
        if (completedAt > now + allowedSkew)
            errors.Add("completedAt", $"must not be in the future (allowed clock skew {allowedSkew.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} minutes).");
        return errors.IsEmpty ? (new DsrCompletionRequest(requestId!, productId!, completedAt!.Value.ToUniversalTime(), outcome!), errors) : (null, errors);
    }
}

/// <summary>
/// What a product may do to a request after intake: withdraw it before it is forwarded, and report an instructed
/// action done. A product only ever sees its own requests: another product's request is "not found", so request
/// ids reveal nothing across products.
/// </summary>
public sealed class DsrProductActions(DsrStore store, DsrChanges changes, IOptions<ProcessorOptions> processor, TimeProvider clock)
{
    public (DsrCompletionRequest? Request, ValidationErrors Errors) ParseCompletion(JsonElement body) =>
        DsrCompletionRequest.Parse(body, clock.GetUtcNow(), processor.Value.ClockSkew);

    public async Task<DsrActionResult> CancelAsync(string requestId, string productId, string? reason, CancellationToken ct)
    {
        var stored = await store.FindAsync(requestId, ct);
        if (stored is null || stored.Request.ProductId != productId) return DsrActionResult.NotFound;
        var change = await changes.ApplyAsync(requestId, new DsrCommand.Cancel(), AuditActors.Product(productId),
            $"cancelled by product {productId}", r => r.WithLastDetail(reason), ct, stored);
        return DsrActionResult.From(change);
    }

    public async Task<DsrActionResult> CompleteAsync(string requestId, string productId, DateTimeOffset completedAt, CancellationToken ct)
    {
        var stored = await store.FindAsync(requestId, ct);
        if (stored is null || stored.Request.ProductId != productId) return DsrActionResult.NotFound;
        if (completedAt < stored.Request.ReceivedAt)
            return DsrActionResult.Invalid("completedAt", "must not be before the request was received.");
        var change = await changes.ApplyAsync(requestId, new DsrCommand.Complete(), AuditActors.Product(productId),
            $"completed by product {productId}", r => r.WithLastDetail($"done at {completedAt.ToString("O", CultureInfo.InvariantCulture)}") with { ActionCompletedAt = completedAt }, ct, stored);
        return DsrActionResult.From(change);
    }
}
