using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Links;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>The answer to every valid request to subscribe, whatever became of it (no one learns who is on the list).</summary>
public sealed record SubscriptionAccepted(string Status, string Detail)
{
    public static SubscriptionAccepted Instance { get; } = new("accepted",
        "If this address can be subscribed, a confirmation email is on its way; the subscription starts when the link in it is confirmed.");
}

/// <summary>A confirm or unsubscribe POST answered as JSON.</summary>
public sealed record SubscriptionStatusView(string Status, DateTimeOffset? ConfirmedAt);

/// <summary>
/// The public mailing list of sub-processor changes (GDPR Art. 28(2), the trust centre's list), anonymous: subscribe
/// (double opt-in, always the same 202), the confirm page behind the emailed link, and the unsubscribe page behind
/// every list email's link (RFC 8058 one-click POST included). Links go through <see cref="LinkPageGate"/>: invalid,
/// tampered, foreign or other-purpose → 401, expired → 410, a subscription that is gone → 404.
/// </summary>
public sealed class SubscriptionFunctions(
    SubscriberActions actions, LinkPageGate gate, SubscriptionConfirmationLinks confirmations, UnsubscribeLinks unsubscribes,
    IOptions<HttpOptions> http)
{
    [Function("Subscribe")]
    public async Task<IActionResult> Subscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subprocessors/subscriptions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        var (subscription, errors) = SubscriptionRequest.Parse(body);
        if (subscription is null) return Problems.Validation(errors);
        await actions.SubscribeAsync(subscription.Email, subscription.Language, cancellationToken);
        return new ObjectResult(SubscriptionAccepted.Instance) { StatusCode = StatusCodes.Status202Accepted };
    }

    [Function("GetSubscriptionConfirmation")]
    public Task<IActionResult> GetConfirmation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subprocessors/subscriptions/confirmation")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.GetAsync(request, SubscriptionLinks.Item, confirmations, visit => LinkPages.Html(SubscriptionPages.Confirm(
            visit.Item.State, visit.SelfUrl, LinkPages.Language(request, visit.Item.State.Language))), cancellationToken);

    [Function("PostSubscriptionConfirmation")]
    public Task<IActionResult> PostConfirmation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subprocessors/subscriptions/confirmation")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.PostAsync(request, SubscriptionLinks.Item, confirmations, async (visit, body) =>
        {
            var errors = SubscriptionRequest.ParseConfirm(body);
            if (!errors.IsEmpty) return Problems.Validation(errors);
            var result = await actions.ConfirmAsync(visit.Item, cancellationToken);
            if (ProblemOf(result) is { } refused) return refused;
            var state = result.Stored!.State;
            return body.IsForm
                ? LinkPages.Html(SubscriptionPages.Confirmed(LinkPages.Language(request, state.Language)))
                : new OkObjectResult(new SubscriptionStatusView(Subscriber.WireName(state.Status), state.ConfirmedAt));
        }, cancellationToken);

    [Function("GetUnsubscribePage")]
    public Task<IActionResult> GetUnsubscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subprocessors/subscriptions/unsubscribe")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.GetAsync(request, SubscriptionLinks.Item, unsubscribes, visit => LinkPages.Html(SubscriptionPages.Unsubscribe(
            visit.Item.State, visit.SelfUrl, LinkPages.Language(request, visit.Item.State.Language))), cancellationToken);

    /// <summary>Also the RFC 8058 one-click target: <c>List-Unsubscribe=One-Click</c> as a form, the token in the query, nothing else.</summary>
    [Function("PostUnsubscribe")]
    public Task<IActionResult> PostUnsubscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subprocessors/subscriptions/unsubscribe")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.PostAsync(request, SubscriptionLinks.Item, unsubscribes, async (visit, body) =>
        {
            var errors = SubscriptionRequest.ParseUnsubscribe(body);
            if (!errors.IsEmpty) return Problems.Validation(errors);
            var result = await actions.UnsubscribeAsync(visit.Item, cancellationToken);
            if (ProblemOf(result) is { } refused) return refused;
            var state = result.Stored!.State;
            return body.IsForm
                ? LinkPages.Html(SubscriptionPages.Unsubscribed(LinkPages.Language(request, state.Language)))
                : new OkObjectResult(new SubscriptionStatusView(Subscriber.WireName(state.Status), null));
        }, cancellationToken);

    private static ObjectResult? ProblemOf(ChangeResult<Subscriber> result) => result.Outcome switch
    {
        ChangeOutcome.Changed or ChangeOutcome.Unchanged when result.Stored is not null => null,
        ChangeOutcome.Conflict => Problems.Of(ProblemKind.Busy, "The subscription is being changed concurrently; retry."),
        _ => Problems.NotFound("The subscription"),
    };
}
