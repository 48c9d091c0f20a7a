using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PrivacyFunctions.Breaches;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Breaches;

/// <summary>Drives breach alerts through the real function classes and handlers against Azurite (transport Moq'd).</summary>
public sealed partial class BreachScenario : MailingScenario
{
    private int _webhooks;

    public BreachFunctions Functions => App.Function<BreachFunctions>();
    public BreachAcknowledgementFunctions Page => App.Function<BreachAcknowledgementFunctions>();

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public JsonObject CompleteFacts() => new()
    {
        ["title"] = "Invoice archive exposed",
        ["detectedAt"] = Iso(Now.AddHours(-2)),
        ["nature"] = "A storage container with invoices was readable without authentication, 3 to 5 May.",
        ["dataSubjectCategories"] = new JsonArray("invoice recipients"),
        ["dataSubjectsApprox"] = 1200,
        ["recordCategories"] = new JsonArray("invoices", "addresses"),
        ["recordsApprox"] = 5400,
        ["contactPoint"] = "dpo@processor.example, +32 2 555 01 01",
        ["likelyConsequences"] = "Names, addresses and amounts may have been read; phishing is possible.",
        ["measures"] = "Access closed on 5 May; access logs under review; keys rotated.",
    };

    public JsonObject ReportBody(string externalId = "inc-1", JsonObject? facts = null)
    {
        var body = (facts ?? new JsonObject { ["title"] = "Invoice archive exposed", ["detectedAt"] = Iso(Now.AddHours(-1)) }).DeepClone().AsObject();
        body["productId"] = "einvoicing";
        body["externalId"] = externalId;
        body["systems"] = new JsonArray("archive-storage");
        body["products"] = new JsonArray("einvoicing");
        return body;
    }

    /// <summary>Bodies as a product sends them: UTF-8 text, not \u escapes.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Utf8Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<Response> ReportAsync(JsonObject body, string? webhookId = null, string productId = "einvoicing") =>
        Response.Of(await Functions.Report(HttpRequests.SignedWebhook("/api/breaches/reports", body.ToJsonString(Utf8Json), productId,
            webhookId ?? $"msg_breach_{Interlocked.Increment(ref _webhooks)}", Now), CancellationToken.None));

    /// <summary>Opens a breach as the DPO office (complete facts unless given) and returns its id.</summary>
    public async Task<string> OpenAsync(JsonObject? facts = null)
    {
        var opened = Response.Of(await Functions.Open(HttpRequests.Json("POST", "/api/breaches", (facts ?? CompleteFacts()).ToJsonString()), CancellationToken.None));
        Assert.Equal(201, opened.Status);
        return opened.Body.GetProperty("breachId").GetString()!;
    }

    public async Task<Response> AssessAsync(string breachId, JsonObject? body = null) =>
        Response.Of(await Functions.Assess(HttpRequests.Json("POST", "/x", (body ?? new JsonObject
        {
            ["outcome"] = "notifiable", ["affected"] = new JsonObject { ["kind"] = "products", ["products"] = new JsonArray("einvoicing") },
        }).ToJsonString()), breachId, CancellationToken.None));

    public async Task<Response> NotifyAsync(string breachId, bool? phased = null) =>
        Response.Of(await Functions.Notices(HttpRequests.Json("POST", "/x", phased is null ? "{}" : new JsonObject { ["phased"] = phased }.ToJsonString()), breachId, CancellationToken.None));

    public async Task<Response> UpdateAsync(string breachId, string text) =>
        Response.Of(await Functions.Update(HttpRequests.Json("POST", "/x", new JsonObject { ["text"] = text }.ToJsonString()), breachId, CancellationToken.None));

    public async Task<Response> CloseAsync(string breachId, string summary = "Contained; no misuse found.") =>
        Response.Of(await Functions.Close(HttpRequests.Json("POST", "/x", new JsonObject { ["summary"] = summary }.ToJsonString()), breachId, CancellationToken.None));

    public async Task<(Response Response, string ETag)> PatchAsync(string breachId, string patch, string? ifMatch)
    {
        var headers = ifMatch is null ? null : new Dictionary<string, string> { ["If-Match"] = ifMatch };
        var request = HttpRequests.Json("PATCH", $"/api/breaches/{breachId}", patch, headers, "application/merge-patch+json");
        var response = Response.Of(await Functions.Patch(request, breachId, CancellationToken.None));
        return (response, request.HttpContext.Response.Headers.ETag.ToString());
    }

    public Task<int> DrainNoticesAsync(CancellationToken token = default, int times = 1, TimeSpan? visibility = null)
    {
        var functions = App.Function<BreachNoticeFunctions>();
        return App.DrainAsync(StorageNames.Queues.BreachNotices, message => functions.Notices(message, token), times, visibility);
    }

    public async Task SweepAsync() => await App.Get<DueSweep>().RunAsync(BreachDueKinds.Family, CancellationToken.None);

    /// <summary>The acknowledgement link's token from the notice a customer's contact received.</summary>
    public string AckToken(string breachId, string customerId)
    {
        var (_, email) = Sent.First(s => s.Key.StartsWith($"{BreachNoticeKeys.BreachPrefix(breachId)}initial.{customerId}.", StringComparison.Ordinal));
        var match = AckLinkPattern().Match(email.TextBody);
        Assert.True(match.Success, "the notice carries the acknowledgement link");
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    public static HttpRequest LinkRequest(string method, string breachId, string? token, string? body = null, string contentType = "application/json")
    {
        var request = HttpRequests.Json(method, $"/api/breaches/{breachId}/acknowledgement", body, contentType: contentType);
        if (token is not null) request.QueryString = new QueryString("?token=" + Uri.EscapeDataString(token));
        return request;
    }

    [GeneratedRegex(@"/acknowledgement\?token=(?<token>[A-Za-z0-9_.%-]+)")]
    private static partial Regex AckLinkPattern();
}
