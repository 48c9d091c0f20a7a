using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.Retention;

/// <summary>
/// The end of contract over HTTP: the DPO's termination, a product's termination and confirmations (Standard Webhooks),
/// the dispositions, the customer's choice page (signed link), legal holds, certificates and their public verification.
/// Thin: parse, call the capability, map the outcome.
/// </summary>
public sealed class RetentionFunctions(
    RetentionActions actions, RetentionStore store, WebhookEndpoint webhooks, LinkPageGate gate, RetentionChoiceLinks choiceLinks,
    IOptions<HttpOptions> http, IOptions<ProcessorOptions> processor, TimeProvider clock)
{
    [Function("TerminateContract")]
    public async Task<IActionResult> Terminate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "customers/{customerId}/termination")] HttpRequest request, string customerId, CancellationToken ct)
    {
        if (InvalidId(customerId, "customerId") is { } invalid) return invalid;
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var (termination, errors) = RetentionRequests.ParseTermination(body);
        if (termination is null) return Problems.Validation(errors);
        return Respond(await actions.TerminateAsync(customerId, termination.EndsAt, termination.Products, "dpo", AuditActors.Admin, ct), $"Customer '{customerId}'");
    }

    [Function("ReportProductTermination")]
    public Task<IActionResult> ProductTermination(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "retention/product-terminations")] HttpRequest request, CancellationToken ct) =>
        webhooks.HandleAsync(request, async (webhook, root) =>
        {
            var (termination, errors) = RetentionRequests.ParseProductTermination(root);
            if (termination is null || !webhook.RequireSameProduct(termination.ProductId, errors)) return Problems.Validation(errors);
            return Respond(await actions.TerminateAsync(termination.CustomerId, termination.EndsAt, [termination.ProductId], "product:" + termination.ProductId,
                AuditActors.Product(termination.ProductId), ct, productsField: "productId"), "");
        }, ct);

    [Function("ConfirmDisposition")]
    public Task<IActionResult> Confirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "retention/{dispositionId}/confirmations")] HttpRequest request, string dispositionId, CancellationToken ct) =>
        webhooks.HandleAsync(request, async (webhook, root) =>
        {
            var (confirmation, errors) = RetentionRequests.ParseConfirmation(root, clock.GetUtcNow(), processor.Value.ClockSkew);
            if (confirmation is null || !webhook.RequireSameProduct(confirmation.ProductId, errors)) return Problems.Validation(errors);
            if (confirmation.DispositionId != dispositionId)
                return Problems.Validation("dispositionId", "must be the disposition of the route (a signed body acts only on the resource it names).");
            var result = await actions.ConfirmAsync(dispositionId, confirmation.ProductId, confirmation.Round, confirmation.Content, AuditActors.Product(confirmation.ProductId), ct);
            if (result is { Outcome: RetentionOutcome.Conflict, Detail: DispositionDecisions.NotAsked })
                return Problems.Of(ProblemKind.Conflict, $"Product '{confirmation.ProductId}' was not asked to act on disposition '{dispositionId}' (or not in that round).");
            return Respond(result, $"Disposition '{dispositionId}'");
        }, ct);

    [Function("GetDisposition")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/{dispositionId}")] HttpRequest request, string dispositionId, CancellationToken ct)
    {
        if (!DispositionKind.IdPattern().IsMatch(dispositionId))
            return Problems.Of(ProblemKind.InvalidParameter, "dispositionId must be a disposition id such as dsp-0123456789abcdef01234567.");
        if (await store.DispositionAsync(dispositionId, ct) is not { } stored) return Problems.NotFound($"Disposition '{dispositionId}'");
        var holds = (await store.HoldsOfAsync(stored.State.CustomerId, ct)).Where(h => h.Status == HoldStatus.Active).ToArray();
        return Json(new { disposition = stored.State, activeHolds = holds }, StatusCodes.Status200OK);
    }

    [Function("ListCustomerDispositions")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{customerId}/dispositions")] HttpRequest request, string customerId, CancellationToken ct)
    {
        if (InvalidId(customerId, "customerId") is { } invalid) return invalid;
        return Json(new { items = (await store.DispositionsOfAsync(customerId, ct)).OrderBy(d => d.RecordedAt) }, StatusCodes.Status200OK);
    }

    [Function("GetRetentionChoicePage")]
    public Task<IActionResult> GetChoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "retention/{dispositionId}/choice")] HttpRequest request, string dispositionId, CancellationToken ct) =>
        gate.GetAsync(request, dispositionId, choiceLinks, visit => LinkPages.Html(RetentionChoicePages.Page(visit.Item, visit.SelfUrl, clock.GetUtcNow(),
            LinkPages.Language(request, visit.Item.Customer.Locale))), ct);

    [Function("PostRetentionChoice")]
    public Task<IActionResult> PostChoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "retention/{dispositionId}/choice")] HttpRequest request, string dispositionId, CancellationToken ct) =>
        gate.PostAsync(request, dispositionId, choiceLinks, async (visit, body) =>
        {
            var (choice, errors) = ChoiceRequest.Parse(body);
            if (choice is null) return Problems.Validation(errors);
            var result = await actions.ChooseAsync(visit.Item.Disposition, choice, AuditActors.CustomerLink, ct);
            if (result.Outcome is RetentionOutcome.Conflict or RetentionOutcome.NotFound or RetentionOutcome.Busy) return Respond(result, $"Disposition '{dispositionId}'");
            var language = LinkPages.Language(request, visit.Item.Customer.Locale);
            return body.IsForm
                ? LinkPages.Html(RetentionChoicePages.Page(visit.Item with { Disposition = result.Value! }, visit.SelfUrl, clock.GetUtcNow(), language, RetentionTexts.For(language).Chosen))
                : Json(result.Value!, StatusCodes.Status200OK);
        }, ct);

    [Function("PlaceLegalHold")]
    public async Task<IActionResult> PlaceHold(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "customers/{customerId}/legal-holds")] HttpRequest request, string customerId, CancellationToken ct)
    {
        if (InvalidId(customerId, "customerId") is { } invalid) return invalid;
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var (hold, errors) = RetentionRequests.ParseHold(customerId, body, clock.GetUtcNow());
        if (hold is null) return Problems.Validation(errors);
        return Respond(await actions.PlaceHoldAsync(hold, AuditActors.Admin, ct), $"Customer '{customerId}'");
    }

    [Function("ListLegalHolds")]
    public async Task<IActionResult> ListHolds(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{customerId}/legal-holds")] HttpRequest request, string customerId, CancellationToken ct)
    {
        if (InvalidId(customerId, "customerId") is { } invalid) return invalid;
        return Json(new { items = (await store.HoldsOfAsync(customerId, ct)).OrderBy(h => h.PlacedAt) }, StatusCodes.Status200OK);
    }

    [Function("ReleaseLegalHold")]
    public async Task<IActionResult> ReleaseHold(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "customers/{customerId}/legal-holds/{holdId}/release")] HttpRequest request,
        string customerId, string holdId, CancellationToken ct)
    {
        if (InvalidId(customerId, "customerId") is { } invalid) return invalid;
        if (!LegalHoldKind.IdPattern().IsMatch(holdId)) return Problems.Of(ProblemKind.InvalidParameter, "holdId must be a hold id such as hold-0123456789abcdef01234567.");
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var reason = fields.String("reason", required: true, 1000);
        fields.RejectUnknown();
        if (!errors.IsEmpty) return Problems.Validation(errors);
        if (await store.HoldAsync(holdId, ct) is not { State.CustomerId: var owner } || owner != customerId) return Problems.NotFound($"Legal hold '{holdId}' of customer '{customerId}'");
        return Respond(await actions.EndHoldAsync(holdId, HoldStatus.Released, reason!.Trim(), AuditActors.Admin, ct), $"Legal hold '{holdId}'");
    }

    [Function("GetCertificate")]
    public async Task<IActionResult> GetCertificate(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/certificates/{certificateId}")] HttpRequest request, string certificateId, CancellationToken ct)
    {
        if (CertificateDocument.Parse(certificateId) is not var (dispositionId, _))
            return Problems.Of(ProblemKind.InvalidParameter, "certificateId must be a certificate id such as dsp-0123456789abcdef01234567-c0.");
        if ((await store.DispositionAsync(dispositionId, ct))?.State.Certificates.FirstOrDefault(c => c.CertificateId == certificateId) is not { } certificate)
            return Problems.NotFound($"Certificate '{certificateId}'");
        if (PublicResponses.PrefersHtml(request))
            return new ContentResult { Content = CertificatePage.Html(certificate, processor.Value.DisplayName), ContentType = LinkPages.ContentType, StatusCode = 200 };
        return Json(new { certificate.CertificateId, certificate.Digest, certificate.IssuedAt, certificate = JsonDocument.Parse(certificate.Canonical).RootElement, canonical = certificate.Canonical },
            StatusCodes.Status200OK);
    }

    /// <summary>Public: whether <c>digest</c> is the certificate's. The same answer for an unknown certificate and a wrong digest — it reveals nothing else.</summary>
    [Function("VerifyCertificate")]
    public async Task<IActionResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "retention/certificates/{certificateId}/verification")] HttpRequest request, string certificateId, CancellationToken ct)
    {
        var query = new QueryParameters(request.Query, new ValidationErrors()).Allow("digest");
        var digest = query.Single("digest");
        if (digest is null && query.Errors.IsEmpty) query.Errors.Add("digest", "is required: the certificate's SHA-256 digest (64 hex digits).");
        else if (digest is not null && !System.Text.RegularExpressions.Regex.IsMatch(digest, @"\A[0-9a-fA-F]{64}\z")) query.Errors.Add("digest", "must be 64 hex digits (SHA-256).");
        if (!query.Errors.IsEmpty) return Problems.Validation(query.Errors);
        var valid = CertificateDocument.Parse(certificateId) is var (dispositionId, _)
                    && (await store.DispositionAsync(dispositionId, ct))?.State.Certificates.FirstOrDefault(c => c.CertificateId == certificateId) is { } certificate
                    && string.Equals(certificate.Digest, digest, StringComparison.OrdinalIgnoreCase)
                    && CertificateDocument.DigestOf(certificate.Canonical) == certificate.Digest;
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new OkObjectResult(new { valid });
    }

    private static ObjectResult? InvalidId(string id, string name) =>
        JsonFields.IdPattern().IsMatch(id) ? null : Problems.Of(ProblemKind.InvalidParameter, $"{name} must be 1–64 characters of letters, digits, '.', '_' or '-'.");

    private static IActionResult Respond<T>(RetentionResult<T> result, string what) where T : class => result.Outcome switch
    {
        RetentionOutcome.Invalid => Problems.Validation(result.Errors!),
        RetentionOutcome.NotFound => Problems.NotFound(what.Length > 0 ? what : "The resource"),
        RetentionOutcome.Conflict => Problems.Of(ProblemKind.Conflict, result.Detail!),
        RetentionOutcome.Busy => Problems.Of(ProblemKind.Busy, result.Detail!),
        RetentionOutcome.Created => Json(result.Value!, StatusCodes.Status201Created),
        _ => Json(result.Value!, StatusCodes.Status200OK),
    };

    private static ContentResult Json(object value, int status) =>
        new() { Content = JsonSerializer.Serialize(value, DispositionKind.SerializerOptions), ContentType = "application/json; charset=utf-8", StatusCode = status };
}
