using PrivacyFunctions.Platform.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Links;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// The customer's instruction page (signed link from the forward and reminder emails): GET shows the request and
/// the forms, POST records acknowledge / instruct / extend. <see cref="LinkPageGate"/> checks the link — the token is
/// the only credential: invalid, tampered, foreign or other-purpose → 401, expired → 410 — and opens the request
/// through <see cref="DsrInstructionLinks"/>. The page is in the visitor's browser language if the app offers it,
/// else English.
/// </summary>
public sealed class DsrInstructionFunctions(
    LinkPageGate gate, DsrInstructionLinks requests, DsrCustomerActions actions, IOptions<ProcessorOptions> processor, TimeProvider clock)
{
    [Function("GetDsrInstructionPage")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dsr/{requestId}/instruction")] HttpRequest request,
        string requestId, CancellationToken ct) =>
        gate.GetAsync(request, requestId, requests, visit => LinkPages.Html(DsrInstructionPages.Page(
            visit.Item, visit.SelfUrl, processor.Value.DisplayName, clock.GetUtcNow(), LinkPages.Language(request))), ct);

    [Function("PostDsrInstruction")]
    public Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dsr/{requestId}/instruction")] HttpRequest request,
        string requestId, CancellationToken ct) =>
        gate.PostAsync(request, requestId, requests, async (visit, body) =>
        {
            var (submission, errors) = body.IsForm ? DsrInstructionSubmission.ParseForm(body.Form) : DsrInstructionSubmission.ParseJson(body.Json);
            if (submission is null) return Problems.Validation(errors);

            var result = await actions.SubmitAsync(visit.Item, submission, ct);
            if (result.ProblemOf(requestId) is { } refused) return refused;
            var after = visit.Item with { Request = result.Request! };
            return body.IsForm
                ? LinkPages.Html(DsrInstructionPages.Confirmation(after, submission, visit.SelfUrl, LinkPages.Language(request)))
                : new OkObjectResult(DsrActionView.From(after.Request, after.Customer.TimeZone));
        }, ct);
}
