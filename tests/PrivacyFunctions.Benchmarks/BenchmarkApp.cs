using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivacyFunctions;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Benchmarks;

/// <summary>The real composition root against the disk-backed Azurite that scripts/bench.sh starts.</summary>
internal static class BenchmarkApp
{
    public static ServiceProvider Build(string prefix, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") ?? "UseDevelopmentStorage=true",
            ["Storage:NamePrefix"] = prefix,
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["Email:SenderAddress"] = "notices@processor.example",
            ["Email:DpoMailbox"] = "dpo@processor.example",
            ["Processor:DisplayName"] = "Benchmark Processor",
            ["Dsr:SweepSchedule"] = "0 */15 * * * *",
            ["SubProcessors:SweepSchedule"] = "0 */15 * * * *",
            ["Breach:SweepSchedule"] = "0 */5 * * * *",
            ["Retention:SweepSchedule"] = "0 */15 * * * *",
            ["Housekeeping:SweepSchedule"] = "0 0 3 * * *",
            ["Links:SigningKey"] = Convert.ToBase64String(new byte[32]),
            ["Links:BaseUrl"] = "https://privacy.bench.example",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPrivacyFunctions(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>A raw point read on the same account: the unit the ratios below are expressed in.</summary>
    public static async Task<TableClient> RawTableAsync(ServiceProvider services, string name)
    {
        var storage = services.GetRequiredService<StorageAccount>();
        return await storage.TableAsync(name);
    }

    /// <summary>A transport that accepts every email at once: the fan-out's own cost, without a mail server's.</summary>
    public sealed class InstantTransport : PrivacyFunctions.Platform.Email.IEmailTransport
    {
        public string Name => "Instant";
        public Task<string> SendAsync(PrivacyFunctions.Platform.Email.OutgoingEmail email, string idempotencyKey, CancellationToken cancellationToken) =>
            Task.FromResult("instant-" + idempotencyKey);
    }
}
