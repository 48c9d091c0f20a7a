using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Tests.Support;

/// <summary>
/// The real service graph from the composition root, pointed at the Azurite the test command started,
/// with a unique table/queue name prefix per instance, a fake clock and captured logs.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private static int _sequence;

    public TestApp(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        AzuriteCheck.EnsureReachable();
        Prefix = PrefixFor(Environment.ProcessId, Interlocked.Increment(ref _sequence));
        var all = DefaultSettings(Prefix);
        foreach (var (key, value) in settings ?? []) all[key] = value;
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddPrivacyFunctions(Configuration);
        services.AddSingleton<StoragePipelinePolicy>(Faults);
        // Effects checks show at once (a queue hides a message in real time, which a test cannot advance): a test runs
        // them with RunEffectsChecksAsync when it wants a crash's recovery.
        services.AddSingleton(new PrivacyFunctions.Platform.Changes.EffectsCheckTiming(TimeSpan.Zero));
        configure?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string Prefix { get; }

    /// <summary>
    /// Fixed width, so no app's prefix starts another's: cleanup deletes every table whose name starts with the prefix
    /// (table names have no separator), and "t1a1" would otherwise take "t1a10"'s tables with it mid-test.
    /// </summary>
    public static string PrefixFor(int processId, int sequence) =>
        "t" + (processId & 0xFFFFFF).ToString("x6") + (sequence & 0xFFFFF).ToString("x5");
    public StorageFaults Faults { get; } = new();
    public IConfiguration Configuration { get; }
    public FakeTimeProvider Clock { get; }
    public ServiceProvider Services { get; }
    public StorageAccount Storage => Get<StorageAccount>();
    public StorageRequestCounter Requests => Get<StorageRequestCounter>();
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A function class created the way the worker creates it (constructor injection from the real graph).</summary>
    public T Function<T>() where T : class => ActivatorUtilities.CreateInstance<T>(Services);

    /// <summary>Every row of a table (tests only; tables here are small).</summary>
    /// <summary>A queue client of the host's own (its receive and delete are not the app's requests).</summary>
    public async Task<Azure.Storage.Queues.QueueClient> HostQueueAsync(string name)
    {
        await Storage.QueueAsync(name);
        return new Azure.Storage.Queues.QueueClient(StorageConnectionString, Storage.QueueName(name),
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
    }

    /// <summary>
    /// Hands every message of a queue to <paramref name="function"/> (<paramref name="times"/> each, at-least-once), until
    /// it is empty. A message shows again after <paramref name="visibility"/> (1 s: an interrupted one comes back soon).
    /// </summary>
    public async Task<int> DrainAsync(string queueName, Func<string, Task> function, int times = 1, TimeSpan? visibility = null)
    {
        var queue = await HostQueueAsync(queueName);
        var handled = 0;
        while ((await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: visibility ?? TimeSpan.FromSeconds(1))).Value is { Length: > 0 } batch)
            foreach (var message in batch)
            {
                for (var i = 0; i < times; i++) await function(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                handled++;
            }
        return handled;
    }

    /// <summary>Runs every effects check on the queue through <c>EffectsChecks</c>, as the host would; returns how many.</summary>
    public Task<int> RunEffectsChecksAsync()
    {
        var checks = Get<PrivacyFunctions.Platform.Changes.EffectsChecks>();
        return DrainAsync(PrivacyFunctions.Platform.Changes.EffectsCheckQueue.Name, message => checks.CheckAsync(message, CancellationToken.None));
    }

    public async Task<List<Azure.Data.Tables.TableEntity>> RowsAsync(string logicalTableName)
    {
        var table = await Storage.TableAsync(logicalTableName);
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>())
            rows.Add(row);
        return rows;
    }

    /// <summary>
    /// The emails the app has handed to the outbox, as delivery records: an email still on the delivery queue is taken
    /// off it and recorded Pending with its content, as the delivery handler's first step does — nothing is sent.
    /// </summary>
    public async Task<List<Azure.Data.Tables.TableEntity>> OutboxRowsAsync()
    {
        var queue = await Storage.QueueAsync(PrivacyFunctions.Platform.Email.EmailNames.DeliveryQueue);
        var store = Get<PrivacyFunctions.Platform.Email.EmailDeliveryStore>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } batch)
            foreach (var message in batch)
            {
                if (PrivacyFunctions.Platform.Email.QueuedEmail.Parse(message.Body.ToString()) is { Content: not null } queued)
                    await store.TryInsertAsync(queued.ToDelivery());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        return await RowsAsync(StorageNames.Tables.EmailDeliveries);
    }

    /// <summary>Every table exists, as Bicep creates them in Azure: a first use's creation is not a write of the request's.</summary>
    public async Task CreateTablesAsync()
    {
        foreach (var table in StorageNames.Tables.All) await Storage.TableAsync(table);
    }

    /// <summary>Every string property of every row of every table, with where it is.</summary>
    public async Task<List<(string Where, string Value)>> EveryStoredStringAsync()
    {
        var strings = new List<(string, string)>();
        foreach (var table in StorageNames.Tables.All)
            foreach (var row in await RowsAsync(table))
                foreach (var (name, value) in row)
                    if (value is string text)
                        strings.Add(($"{table}/{row.PartitionKey}/{row.RowKey}/{name}", text));
        return strings;
    }

    /// <summary>Fails naming where any of <paramref name="texts"/> is still stored (case-insensitive).</summary>
    public static void AssertNoneContains(List<(string Where, string Value)> strings, IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            var found = strings.Where(s => s.Value.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(s => s.Where).ToList();
            Assert.True(found.Count == 0, $"{text} is still stored in: {string.Join(", ", found)}");
        }
    }

    public static string StorageConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") ?? "UseDevelopmentStorage=true";

    /// <summary>The webhook secret the default settings give a product (<c>einvoicing</c>, <c>payments</c>).</summary>
    public static string WebhookSecretOf(string productId) => DefaultSettings("x")[$"Products:{productId}:WebhookSecret"]!;

    public static Dictionary<string, string?> DefaultSettings(string prefix) => new()
    {
        ["AzureWebJobsStorage"] = StorageConnectionString,
        ["Storage:NamePrefix"] = prefix,
        ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
        ["Email:SenderAddress"] = "privacy-notices@processor.example",
        ["Email:DpoMailbox"] = "dpo@processor.example",
        ["Processor:DisplayName"] = "Example Payments Group",
        ["Dsr:SweepSchedule"] = "0 */15 * * * *",
        ["SubProcessors:SweepSchedule"] = "0 */15 * * * *",
        ["Breach:SweepSchedule"] = "0 */5 * * * *",
        ["Retention:SweepSchedule"] = "0 */15 * * * *",
        ["Housekeeping:SweepSchedule"] = "0 0 3 * * *",
        ["Links:SigningKey"] = Convert.ToBase64String("test-link-signing-key-0123456789abcdef"u8.ToArray()),
        ["Links:BaseUrl"] = "https://privacy.test.example",
        ["Products:einvoicing:WebhookSecret"] = "whsec_" + Convert.ToBase64String("einvoicing-test-secret-0123456789"u8.ToArray()),
        ["Products:payments:WebhookSecret"] = "whsec_" + Convert.ToBase64String("payments-test-secret-0123456789ab"u8.ToArray()),
    };

    public async ValueTask DisposeAsync()
    {
        await StorageCleanup.DeletePrefixedAsync(Storage, Prefix);
        await Services.DisposeAsync();
    }
}
