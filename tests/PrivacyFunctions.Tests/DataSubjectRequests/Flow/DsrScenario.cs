using PrivacyFunctions.DataSubjectRequests.Due;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Customers;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Flow;

/// <summary>Drives the DSR flow through the real function classes and handlers against Azurite.</summary>
public sealed class DsrScenario : IAsyncDisposable
{
    public DsrScenario(Dictionary<string, string?>? settings = null)
    {
        Transport.SetupGet(t => t.Name).Returns("Smtp");
        Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((OutgoingEmail email, string key, CancellationToken _) => Task.FromResult("sent-" + key));
        App = new TestApp(settings, services => services.Replace(ServiceDescriptor.Singleton(Transport.Object)));
    }

    public TestApp App { get; }

    /// <summary>The email transport (SMTP/ACS cannot run here); the outbox, queue and delivery records are real.</summary>
    public Mock<IEmailTransport> Transport { get; } = new();

    /// <summary>Runs the email delivery function for every queued email, as the host would; returns how many.</summary>
    public Task<int> DeliverEmailsAsync()
    {
        var handler = App.Get<EmailDeliveryHandler>();
        return DrainAsync(EmailNames.DeliveryQueue, key => handler.DeliverAsync(key, CancellationToken.None));
    }

    /// <summary>
    /// Hands every message of a queue to <paramref name="function"/> (<paramref name="times"/> each) and deletes it, until
    /// the queue is empty — as the Functions host does, with a client of its own: the receive and delete are the host's
    /// requests, not the app's, so the app's request counter does not see them.
    /// </summary>
    private Task<int> DrainAsync(string queueName, Func<string, Task> function, int times = 1) => App.DrainAsync(queueName, function, times);

    public async Task CreateCustomerAsync(string customerId = "acme", bool withDsrContact = true, string timeZone = "Europe/Brussels") =>
        Assert.Equal(201, await PutCustomerAsync(customerId, withDsrContact, timeZone));

    public async Task CreateOrUpdateCustomerAsync(string customerId = "acme", bool withDsrContact = true, string timeZone = "Europe/Brussels") =>
        Assert.InRange(await PutCustomerAsync(customerId, withDsrContact, timeZone), 200, 201);

    private async Task<int> PutCustomerAsync(string customerId, bool withDsrContact, string timeZone)
    {
        var body = CustomerFunctionsTests.ValidBody();
        body["timeZone"] = timeZone;
        if (!withDsrContact) body["contacts"]!.AsObject().Remove("dsr");
        var response = Response.Of(await App.Function<CustomerFunctions>().Put(
            HttpRequests.Json("PUT", $"/api/customers/{customerId}", body.ToJsonString()), customerId, CancellationToken.None));
        return response.Status;
    }

    public JsonObject IntakeBody(string externalId = "ext-1", string customerId = "acme", string productId = "einvoicing") => new()
    {
        ["productId"] = productId,
        ["externalId"] = externalId,
        ["customerId"] = customerId,
        ["type"] = "erasure",
        ["subject"] = new JsonObject { ["email"] = "jane.doe@mail.example", ["name"] = "Jane Doe", ["locale"] = "nl-BE" },
        ["receivedAt"] = App.Clock.GetUtcNow().AddMinutes(-30).ToString("O"),
        ["channel"] = "web-form",
        ["message"] = "Please delete <all> my data.",
    };

    public async Task<Response> PostIntakeAsync(JsonObject body, string signingProduct = "einvoicing", string? secret = null, string? webhookId = null)
    {
        var request = HttpRequests.SignedWebhook("/api/dsr", body.ToJsonString(), signingProduct,
            webhookId ?? "msg_" + Guid.NewGuid().ToString("N"), App.Clock.GetUtcNow(), secret);
        return Response.Of(await App.Function<DsrIntakeFunctions>().Post(request, CancellationToken.None));
    }

    /// <summary>Runs the forwarding function for every message on the forwarding queue, as the host would; returns how many.</summary>
    public Task<int> DrainForwardingAsync(int times = 1)
    {
        var functions = App.Function<DsrForwardingFunctions>();
        return DrainAsync(DsrForwardingQueue.Name, requestId => functions.Forward(requestId, CancellationToken.None), times);
    }

    public async Task<int> QueuedForwardingsAsync()
    {
        var queue = await App.Storage.QueueAsync(DsrForwardingQueue.Name);
        return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }

    public Task<int> SweepAsync() => App.Get<DsrSweep>().RunAsync(CancellationToken.None);

    /// <summary>The delivery records (the proof), after every queued email has been delivered.</summary>
    public async Task<List<TableEntity>> DeliveriesAsync(string? noticeKind = null)
    {
        await DeliverEmailsAsync();
        return (await App.RowsAsync(StorageNames.Tables.EmailDeliveries))
            .Where(r => noticeKind is null || r.GetString("NoticeKind") == noticeKind).ToList();
    }

    public async Task<List<TableEntity>> EventsAsync(string type) =>
        (await App.RowsAsync(StorageNames.Tables.IntegrationEvents)).Where(r => r.GetString("Type") == type).ToList();

    public async Task<DataSubjectRequest> RequestAsync(string requestId) =>
        (await App.Get<DsrStore>().FindAsync(requestId, CancellationToken.None))!.Request;

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
