using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Links;

namespace PrivacyFunctions.Breaches;

/// <summary>The customer's acknowledgement page behind its signed link (the token is the only credential).</summary>
public sealed class BreachAcknowledgementFunctions(LinkPageGate gate, BreachLinks links, BreachAcknowledgements answers)
{
    [Function("GetBreachAcknowledgementPage")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "breaches/{breachId}/acknowledgement")] HttpRequest request, string breachId, CancellationToken ct) =>
        gate.GetAsync(request, breachId, links, visit => LinkPages.Html(BreachPages.Page(visit.Item, visit.SelfUrl, Language(request, visit.Item))), ct);

    [Function("PostBreachAcknowledgement")]
    public Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "breaches/{breachId}/acknowledgement")] HttpRequest request, string breachId, CancellationToken ct) =>
        gate.PostAsync(request, breachId, links, async (visit, body) =>
        {
            var (answer, errors) = BreachAcknowledgements.Parse(body);
            if (answer is null) return Problems.Validation(errors);
            var language = Language(request, visit.Item);
            var texts = BreachTexts.For(language);
            var item = visit.Item;
            string message;
            if (answer.Action == "question")
            {
                await answers.AskAsync(item, answer.Question!, ct);
                message = texts.QuestionSent;
            }
            else
            {
                if (await answers.AcknowledgeAsync(item, answer, ct) is not { } notice)
                    return Problems.Of(ProblemKind.Busy, "The acknowledgement could not be recorded; retry.");
                item = item with { Notice = notice };
                message = texts.Acknowledged;
            }
            return body.IsForm
                ? LinkPages.Html(BreachPages.Page(item, visit.SelfUrl, language, message))
                : new OkObjectResult(new { breachId, customerId = item.Customer.CustomerId, acknowledgedAt = item.Notice.State.AcknowledgedAt, clockEndsAt = item.Notice.State.ClockEndsAt });
        }, ct);

    private static string Language(HttpRequest request, BreachVisit visit) => LinkPages.Language(request, visit.Customer.Locale);
}
