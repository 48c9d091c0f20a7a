using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.SubProcessors;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.SubProcessors;

/// <summary>
/// Drives the sub-processor capability through its real function classes and handlers against Azurite, with a Moq'd
/// email transport that records what was sent (SMTP/ACS cannot run here).
/// </summary>
public sealed partial class SubProcessorScenario : MailingScenario
{
    public ChangeFunctions Changes => App.Function<ChangeFunctions>();
    public ObjectionFunctions Objections => App.Function<ObjectionFunctions>();

    public static JsonObject Entry(string id = "cloudmail", string name = "CloudMail", params string[] products) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["legalEntity"] = name + " Ltd",
        ["website"] = $"https://{id}.example",
        ["purpose"] = "Sending transactional email",
        ["dataCategories"] = new JsonArray("contact details", "email content"),
        ["locations"] = new JsonArray("IE", "US"),
        ["transfer"] = new JsonObject { ["mechanism"] = "scc", ["reference"] = "SCC 2021/914 module 3, signed 2025-01-10" },
        ["products"] = new JsonArray(products.Select(p => (JsonNode)p).ToArray()),
    };

    public JsonObject AddBody(string changeId = "chg-1", JsonObject? entry = null, TimeSpan? noticeAhead = null) => new()
    {
        ["changeId"] = changeId,
        ["action"] = "add",
        ["subProcessor"] = entry ?? Entry(products: "einvoicing"),
        ["effectiveAt"] = Iso(Now + (noticeAhead ?? TimeSpan.FromDays(10))),
        ["summary"] = "We add CloudMail to send invoices by email.",
    };

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public async Task<Response> AnnounceAsync(JsonObject body) =>
        Response.Of(await Changes.Announce(HttpRequests.Json("POST", "/api/subprocessors/changes", body.ToJsonString()), CancellationToken.None));

    public async Task<Response> WithdrawAsync(string changeId, string reason = "The supplier withdrew its offer.") =>
        Response.Of(await Changes.Withdraw(HttpRequests.Json("POST", $"/api/subprocessors/changes/{changeId}/withdrawal", new JsonObject { ["reason"] = reason }.ToJsonString()),
            changeId, CancellationToken.None));

    public async Task<Response> DeliveriesAsync(string changeId, string query = "")
    {
        var request = HttpRequests.Json("GET", $"/api/subprocessors/changes/{changeId}/deliveries");
        if (query.Length > 0) request.QueryString = new QueryString(query);
        return Response.Of(await Changes.Deliveries(request, changeId, CancellationToken.None));
    }

    /// <summary>Hands every fan-out page message to the queue function, as the host would (a page that throws stays on the queue).</summary>
    public Task<int> DrainNoticesAsync(CancellationToken pageToken = default)
    {
        var functions = App.Function<NoticeFunctions>();
        return DrainAsync(StorageNames.Queues.SubProcessorNotices, message => functions.Notices(message, pageToken));
    }

    public Task<int> SweepAsync() => App.Get<SubProcessorSweep>().RunAsync(CancellationToken.None);

    /// <summary>The objection link's token from the notice a customer's contact received.</summary>
    public string ObjectionToken(string changeId, string customerId)
    {
        var (_, email) = Sent.First(s => s.Key.StartsWith(NoticeKeys.ChangePrefix(NoticeKeys.Announcement, changeId), StringComparison.Ordinal)
            && NoticeKeys.Parse(NoticeKeys.Announcement, changeId, s.Key).CustomerId == customerId);
        var match = ObjectionLinkPattern().Match(email.TextBody);
        Assert.True(match.Success, "the customer's notice carries the objection link");
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    public static HttpRequest LinkRequest(string method, string changeId, string? token, string? body = null, string contentType = "application/json")
    {
        var request = HttpRequests.Json(method, $"/api/subprocessors/changes/{changeId}/objection", body, contentType: contentType);
        if (token is not null) request.QueryString = new QueryString("?token=" + Uri.EscapeDataString(token));
        return request;
    }

    [GeneratedRegex(@"/objection\?token=(?<token>[A-Za-z0-9_.%-]+)")]
    private static partial Regex ObjectionLinkPattern();
}
