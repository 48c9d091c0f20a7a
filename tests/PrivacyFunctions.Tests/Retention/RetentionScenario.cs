using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Retention;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Retention;

/// <summary>Drives the end of contract through the real function classes and handlers against Azurite (transport Moq'd).</summary>
public sealed partial class RetentionScenario : MailingScenario
{
    private int _webhooks;

    public RetentionFunctions Functions => App.Function<RetentionFunctions>();

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public async Task<Response> TerminateAsync(string customerId, DateTimeOffset endsAt, params string[] products)
    {
        var body = new JsonObject { ["endsAt"] = Iso(endsAt) };
        if (products.Length > 0) body["products"] = new JsonArray(products.Select(p => (JsonNode)p).ToArray());
        return Response.Of(await Functions.Terminate(HttpRequests.Json("POST", "/x", body.ToJsonString()), customerId, CancellationToken.None));
    }

    public static string Id(Response response) => response.Body.GetProperty("dispositionId").GetString()!;

    public async Task<Response> ConfirmAsync(string dispositionId, string productId, string outcome = "deleted", JsonArray? kept = null, int? round = null, string? webhookId = null,
        DateTimeOffset? completedAt = null)
    {
        var body = new JsonObject
        {
            ["dispositionId"] = dispositionId, ["productId"] = productId, ["outcome"] = outcome,
            ["categories"] = new JsonArray(new JsonObject { ["category"] = "invoices", ["count"] = 1200 }, new JsonObject { ["category"] = "contacts", ["count"] = 80 }),
            ["completedAt"] = Iso(completedAt ?? Now.AddMinutes(-5)),
        };
        if (kept is not null) body["kept"] = kept;
        if (round is not null) body["round"] = round;
        return Response.Of(await Functions.Confirm(HttpRequests.SignedWebhook($"/api/retention/{dispositionId}/confirmations", body.ToJsonString(), productId,
            webhookId ?? $"msg_ret_{Interlocked.Increment(ref _webhooks)}", Now), dispositionId, CancellationToken.None));
    }

    public async Task SweepAsync() => await App.Get<DueSweep>().RunAsync(RetentionDueKinds.Family, CancellationToken.None);

    /// <summary>
    /// A contract of "acme" that ends tomorrow, for which the customer chose deletion through its link; the clock is
    /// then moved to the end date (the commands are due, not yet sent). Returns the disposition id.
    /// </summary>
    public async Task<string> DeletionChosenAndDueAsync(params string[] products)
    {
        var endsAt = Now.AddDays(1);
        var id = Id(await TerminateAsync("acme", endsAt, products));
        await DeliverQueuedEmailsAsync();
        await Functions.PostChoice(LinkRequest("POST", id, ChoiceToken(id), "{\"choice\":\"delete\"}"), id, CancellationToken.None);
        App.Clock.SetUtcNow(endsAt);
        return id;
    }

    public async Task<Disposition> DispositionAsync(string id) => (await App.Get<RetentionStore>().DispositionAsync(id, CancellationToken.None))!.State;

    /// <summary>The choice link's token from the latest choice email to the customer.</summary>
    public string ChoiceToken(string dispositionId)
    {
        var (_, email) = Sent.Last(s => s.Key.StartsWith($"retention.{dispositionId}.", StringComparison.Ordinal) && !s.Key.Contains(".certificate-"));
        var match = ChoiceLinkPattern().Match(email.TextBody);
        Assert.True(match.Success, "the email carries the choice link");
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    public static HttpRequest LinkRequest(string method, string dispositionId, string? token, string? body = null, string contentType = "application/json")
    {
        var request = HttpRequests.Json(method, $"/api/retention/{dispositionId}/choice", body, contentType: contentType);
        if (token is not null) request.QueryString = new QueryString("?token=" + Uri.EscapeDataString(token));
        return request;
    }

    [GeneratedRegex(@"/choice\?token=(?<token>[A-Za-z0-9_.%-]+)")]
    private static partial Regex ChoiceLinkPattern();
}
