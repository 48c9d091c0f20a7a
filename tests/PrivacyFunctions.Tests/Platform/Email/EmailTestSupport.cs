using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform.Email;

internal static class EmailTestSettings
{
    public const string Sender = "notices@processor.example";
    public const string Dpo = "dpo@processor.example";

    public static Dictionary<string, string?> Development(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["Email:SenderAddress"] = Sender,
            ["Email:SenderName"] = "Processor Privacy Office",
            ["Email:DpoMailbox"] = Dpo,
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return settings;
    }
}

/// <summary>
/// Makes the queue step of the outbox fail, as if the process died before it; records the messages put back with a
/// delay (invisible on the real queue for longer than a test waits).
/// </summary>
internal sealed class CrashingDeliveryQueue(IEmailDeliveryQueue inner) : IEmailDeliveryQueue
{
    public int CrashesLeft { get; set; }
    public ConcurrentQueue<(string Message, TimeSpan Delay)> Delayed { get; } = new();

    public Task EnqueueAsync(string message, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        if (CrashesLeft > 0)
        {
            CrashesLeft--;
            throw new IOException("injected crash before the queue step");
        }
        if (delay is { } wait) Delayed.Enqueue((message, wait));
        return inner.EnqueueAsync(message, delay, cancellationToken);
    }
}

/// <summary>
/// The real composition root against Azurite with a Moq'd transport (what cannot run here) and a crash-injecting
/// queue step; the queue itself, the tables and the due index are real.
/// </summary>
internal sealed class EmailTestApp : IAsyncDisposable
{
    public EmailTestApp(Dictionary<string, string?>? settings = null)
    {
        Transport.SetupGet(t => t.Name).Returns("Smtp");
        Transport.Setup(t => t.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((OutgoingEmail email, string key, CancellationToken _) =>
            {
                Sent.Enqueue((email, key));
                return Task.FromResult("transport-id-" + key);
            });
        App = new TestApp(EmailTestSettings.Development(settings), services =>
        {
            services.Replace(ServiceDescriptor.Singleton(Transport.Object));
            services.Replace(ServiceDescriptor.Singleton<IEmailDeliveryQueue>(sp =>
                Queue = new CrashingDeliveryQueue(new StorageEmailDeliveryQueue(sp.GetRequiredService<StorageAccount>()))));
        });
        _ = App.Get<IEmailDeliveryQueue>();
    }

    public TestApp App { get; }
    public Mock<IEmailTransport> Transport { get; } = new();
    public ConcurrentQueue<(OutgoingEmail Email, string Key)> Sent { get; } = new();
    public CrashingDeliveryQueue Queue { get; private set; } = null!;

    public EmailOutbox Outbox => App.Get<EmailOutbox>();
    public EmailDeliveryHandler Handler => App.Get<EmailDeliveryHandler>();
    public EmailDeliveryStore Store => App.Get<EmailDeliveryStore>();

    public async Task<EmailDelivery?> RecordAsync(string key) => (await Store.GetAsync(key))?.Delivery;

    /// <summary>Removes and returns the messages waiting on the delivery queue (as the trigger would receive them).</summary>
    public async Task<List<string>> TakeQueuedAsync()
    {
        var queue = await App.Storage.QueueAsync(EmailNames.DeliveryQueue);
        var messages = new List<string>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0) return messages;
            foreach (var message in batch)
            {
                messages.Add(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>The delivery keys of the messages waiting on the queue (removing them).</summary>
    public async Task<List<string>> TakeQueuedKeysAsync() => (await TakeQueuedAsync()).Select(KeyOf).ToList();

    public static string KeyOf(string message) => QueuedEmail.Parse(message)?.Key ?? throw new FormatException("Not a delivery message: " + message);

    /// <summary>Runs the delivery handler for every queued message, as the host would (once each).</summary>
    public async Task<int> DeliverQueuedAsync()
    {
        var messages = await TakeQueuedAsync();
        foreach (var message in messages)
            await Handler.DeliverAsync(message, CancellationToken.None);
        return messages.Count;
    }

    public static EmailMessage Message(string key = "test.notice.c1.s1", string to = "alice@customer.example", Uri? unsubscribe = null) => new(
        key,
        new EmailRecipient(to, "Alice Example"),
        "Sub-processor change notice",
        new EmailBodyBuilder().Paragraph("A new sub-processor will be engaged.").Build(),
        new NoticeRef("subprocessor-change", "chg-1", "subprocessor.notice"),
        unsubscribe);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
