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
public sealed partial class SubProcessorScenario : IAsyncDisposable
{
    public SubProcessorScenario(Dictionary<string, string?>? settings = null)
    {
        Transport.SetupGet(t => t.Name).Returns("Smtp");
        Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((OutgoingEmail email, string key, CancellationToken token) =>
            {
                if (SendHook is { } hook) hook(key);
                token.ThrowIfCancellationRequested();
                Sent.Enqueue((key, email));
                return Task.FromResult("sent-" + key);
            });
        App = new TestApp(settings, services => services.Replace(ServiceDescriptor.Singleton(Transport.Object)));
    }

    public TestApp App { get; }
    public Mock<IEmailTransport> Transport { get; } = new();
    public ConcurrentQueue<(string Key, OutgoingEmail Email)> Sent { get; } = new();

    /// <summary>Called before each send (e.g. to cancel the fan-out in the middle of a page, as a host shutdown would).</summary>
    public Action<string>? SendHook { get; set; }

    public DateTimeOffset Now => App.Clock.GetUtcNow();

    /// <summary>Every table exists, as Bicep creates them in Azure: a first use's creation is not a write of the request's.</summary>
    public async Task CreateTablesAsync()
    {
        foreach (var table in StorageNames.Tables.All) await App.Storage.TableAsync(table);
    }
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

    /// <summary>A customer using <paramref name="products"/> with <paramref name="privacyContacts"/> privacy contacts.</summary>
    public async Task CreateCustomerAsync(string customerId, string[] products, int privacyContacts = 1, string locale = "nl-BE", string? name = null)
    {
        var contacts = Enumerable.Range(1, privacyContacts).Select(i => $"privacy{i}@{customerId}.example").ToArray();
        var customer = new Customer(customerId, name ?? $"Customer {customerId}", new CustomerContacts(contacts, [], []),
            new EndUserContact($"rights@{customerId}.example", null), locale, "Europe/Brussels", products);
        var result = await App.Get<CustomerDirectory>().PutAsync(customer, null, AuditActors.Admin, CancellationToken.None);
        Assert.Equal(CustomerPutOutcome.Created, result.Outcome);
    }

    /// <summary>
    /// Hands every fan-out page message to the queue function, as the host would (with a client of its own: its receive
    /// and delete are not the app's requests). A page that throws stays on the queue and is retried on the next round.
    /// </summary>
    public async Task<int> DrainNoticesAsync(CancellationToken pageToken = default)
    {
        var queue = await HostQueueAsync(StorageNames.Queues.SubProcessorNotices);
        var functions = App.Function<NoticeFunctions>();
        var handled = 0;
        while ((await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromSeconds(1))).Value is { Length: > 0 } batch)
            foreach (var message in batch)
            {
                await functions.Notices(message.Body.ToString(), pageToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                handled++;
            }
        return handled;
    }

    public async Task<Azure.Storage.Queues.QueueClient> HostQueueAsync(string name)
    {
        await App.Storage.QueueAsync(name);
        return new Azure.Storage.Queues.QueueClient(TestApp.StorageConnectionString, App.Storage.QueueName(name),
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
    }

    /// <summary>Delivers what went through the email queue (DPO alerts, retried notices) with the same transport.</summary>
    public async Task<int> DeliverQueuedEmailsAsync()
    {
        var queue = await HostQueueAsync(EmailNames.DeliveryQueue);
        var handler = App.Get<EmailDeliveryHandler>();
        var count = 0;
        while ((await queue.ReceiveMessagesAsync(maxMessages: 32)).Value is { Length: > 0 } batch)
            foreach (var message in batch)
            {
                await handler.DeliverAsync(message.Body.ToString(), CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                count++;
            }
        return count;
    }

    public Task<int> SweepAsync() => App.Get<SubProcessorSweep>().RunAsync(CancellationToken.None);

    public IReadOnlyList<(string Key, OutgoingEmail Email)> SentWithPrefix(string prefix) => Sent.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)).ToArray();

    public IReadOnlyList<OutgoingEmail> DpoAlerts(string kind) => Sent.Where(s => s.Key.StartsWith($"dpo-alert.{kind}.", StringComparison.Ordinal)).Select(s => s.Email).ToArray();

    public async Task<List<TableEntity>> EventsAsync(string type) =>
        (await App.RowsAsync(StorageNames.Tables.IntegrationEvents)).Where(r => r.GetString("Type") == type).ToList();

    /// <summary>The objection link's token from the notice a customer's contact received.</summary>
    public string ObjectionToken(string changeId, string customerId)
    {
        var (_, email) = Sent.First(s => s.Key.StartsWith(NoticeKeys.CustomerPrefix(NoticeKeys.Announcement, changeId, customerId), StringComparison.Ordinal));
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

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
