using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Links;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// Objections: the customer's page behind its signed link (anonymous; the token is the credential), and the DPO
/// office's record, list and resolution (function key).
/// </summary>
public sealed class ObjectionFunctions(
    LinkPageGate gate, ObjectionLinks links, ObjectionActions actions, ObjectionStore store, IOptions<HttpOptions> http, TimeProvider clock)
{
    [Function("GetObjectionPage")]
    public Task<IActionResult> GetPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subprocessors/changes/{changeId}/objection")] HttpRequest request,
        string changeId, CancellationToken ct) =>
        gate.GetAsync(request, changeId, links, visit => LinkPages.Html(ObjectionPages.Page(
            visit.Item, visit.SelfUrl, clock.GetUtcNow(), LinkPages.Language(request, visit.Item.Customer.Locale))), ct);

    [Function("PostObjection")]
    public Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subprocessors/changes/{changeId}/objection")] HttpRequest request,
        string changeId, CancellationToken ct) =>
        gate.PostAsync(request, changeId, links, async (visit, body) =>
        {
            var (reason, errors) = ObjectionRequest.ParseReason(body.IsForm, body.Form, body.Json);
            if (reason is null) return Problems.Validation(errors);
            var result = await actions.ObjectAsync(visit.Item, reason, ct);
            if (result.Problem($"Sub-processor change '{changeId}'") is { } problem) return problem;
            var after = visit.Item with { Objection = result.Objection };
            var language = LinkPages.Language(request, visit.Item.Customer.Locale);
            return body.IsForm
                ? LinkPages.Html(ObjectionPages.Page(after, visit.SelfUrl, clock.GetUtcNow(), language, SubProcessorTexts.For(language).Recorded),
                    result.Outcome == ObjectionOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK)
                : new ObjectResult(ObjectionView.From(result.Objection!)) { StatusCode = result.Outcome == ObjectionOutcome.Created ? 201 : 200 };
        }, ct);

    [Function("RecordObjection")]
    public async Task<IActionResult> Record(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "subprocessors/objections")] HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var (recorded, errors) = ObjectionRequest.ParseRecorded(body);
        if (recorded is null) return Problems.Validation(errors);
        var result = await actions.RecordAsync(recorded.ChangeId, recorded.CustomerId, recorded.ReceivedAt, recorded.Summary, ct);
        return result.Problem($"Sub-processor change '{recorded.ChangeId}'")
            ?? new ObjectResult(ObjectionView.From(result.Objection!)) { StatusCode = result.Outcome == ObjectionOutcome.Created ? 201 : 200 };
    }

    [Function("ListObjections")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "subprocessors/objections")] HttpRequest request, CancellationToken ct)
    {
        var query = new QueryParameters(request.Query, new ValidationErrors()).Allow("status", "changeId", "pageSize", "continuationToken");
        ObjectionStatus? status = null;
        var statusText = query.Single("status");
        if (statusText is not null)
        {
            if (ObjectionWire.Statuses.TryParse(statusText, out var parsed)) status = parsed;
            else query.Errors.Add("status", $"must be one of: {string.Join(", ", ObjectionWire.Statuses.All)}.");
        }
        var changeId = query.Single("changeId");
        if (changeId is not null && !JsonFields.IdPattern().IsMatch(changeId))
            query.Errors.Add("changeId", "must be 1–64 characters of letters, digits, '.', '_' or '-'.");
        var pageSize = query.PageSize(25, 100);
        var scope = $"subprocessor-objections:{statusText}:{changeId}";
        var continuation = query.Continuation(scope);
        if (!query.Errors.IsEmpty) return Problems.Validation(query.Errors);
        var (items, next) = await store.ListAsync(status, changeId, pageSize, continuation, ct);
        return new OkObjectResult(new ObjectionPage(items.Select(ObjectionView.From).ToArray(),
            next is null ? null : ContinuationTokens.Encode(next, scope)));
    }

    [Function("ResolveObjection")]
    public async Task<IActionResult> Resolve(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "subprocessors/objections/{objectionId}/resolution")] HttpRequest request,
        string objectionId, CancellationToken ct)
    {
        if (!ObjectionKind.IdPattern().IsMatch(objectionId))
            return Problems.Of(ProblemKind.InvalidParameter, "objectionId must be an objection id such as obj-0123456789abcdef01234567.");
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var (outcome, note, errors) = ObjectionRequest.ParseResolution(body);
        if (outcome is null) return Problems.Validation(errors);
        var result = await actions.ResolveAsync(objectionId, outcome.Value, note, ct);
        return result.Problem($"Objection '{objectionId}'") ?? new OkObjectResult(ObjectionView.From(result.Objection!));
    }
}
