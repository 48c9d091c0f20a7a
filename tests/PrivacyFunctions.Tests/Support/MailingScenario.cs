using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Tests.Support;

/// <summary>
/// A real app against Azurite with a Moq'd email transport that records what was sent (SMTP/ACS cannot run here),
/// and what a capability's flow tests share: customers, queues drained as the host would, alerts and events.
/// </summary>
public class MailingScenario : IAsyncDisposable
{
    public MailingScenario(Dictionary<string, string?>? settings = null)
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

    /// <summary>Called before each send (e.g. to cancel a fan-out in the middle of a page, as a host shutdown would).</summary>
    public Action<string>? SendHook { get; set; }

    public DateTimeOffset Now => App.Clock.GetUtcNow();

    /// <summary>Every table exists, as Bicep creates them in Azure (<see cref="TestApp.CreateTablesAsync"/>).</summary>
    public Task CreateTablesAsync() => App.CreateTablesAsync();

    /// <summary>A customer using <paramref name="products"/> with numbered privacy (and optionally security) contacts.</summary>
    public async Task CreateCustomerAsync(string customerId, string[] products, int privacyContacts = 1, string locale = "nl-BE", string? name = null,
        int securityContacts = 0, string timeZone = "Europe/Brussels")
    {
        var privacy = Enumerable.Range(1, privacyContacts).Select(i => $"privacy{i}@{customerId}.example").ToArray();
        var security = Enumerable.Range(1, securityContacts).Select(i => $"security{i}@{customerId}.example").ToArray();
        var customer = new Customer(customerId, name ?? $"Customer {customerId}", new CustomerContacts(privacy, security, []),
            new EndUserContact($"rights@{customerId}.example", null), locale, timeZone, products);
        var result = await App.Get<CustomerDirectory>().PutAsync(customer, null, AuditActors.Admin, CancellationToken.None);
        Assert.Equal(CustomerPutOutcome.Created, result.Outcome);
    }

    /// <summary>A queue client of the host's own (its receive and delete are not the app's requests).</summary>
    public Task<Azure.Storage.Queues.QueueClient> HostQueueAsync(string name) => App.HostQueueAsync(name);

    /// <summary>Hands every message of a queue to <paramref name="function"/> (<paramref name="times"/> each, at-least-once), until it is empty.</summary>
    public Task<int> DrainAsync(string queueName, Func<string, Task> function, int times = 1) => App.DrainAsync(queueName, function, times);

    /// <summary>Runs every effects check due (in tests they show at once), as the host would.</summary>
    public Task<int> RunEffectsChecksAsync() => App.RunEffectsChecksAsync();

    /// <summary>Delivers what went through the email queue (DPO alerts, retried sends) with the same transport.</summary>
    public Task<int> DeliverQueuedEmailsAsync()
    {
        var handler = App.Get<EmailDeliveryHandler>();
        return DrainAsync(EmailNames.DeliveryQueue, message => handler.DeliverAsync(message, CancellationToken.None));
    }

    public IReadOnlyList<(string Key, OutgoingEmail Email)> SentWithPrefix(string prefix) => Sent.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)).ToArray();

    public IReadOnlyList<OutgoingEmail> DpoAlerts(string kind) => Sent.Where(s => s.Key.StartsWith($"dpo-alert.{kind}.", StringComparison.Ordinal)).Select(s => s.Email).ToArray();

    public async Task<List<TableEntity>> EventsAsync(string type) =>
        (await App.RowsAsync(StorageNames.Tables.IntegrationEvents)).Where(r => r.GetString("Type") == type).ToList();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
