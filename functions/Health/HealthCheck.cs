using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Health;

public sealed record HealthReport(bool Healthy, IReadOnlyDictionary<string, string> Checks);

/// <summary>Asks the table and queue services one cheap question each, with a short timeout (<c>Health:ProbeTimeout</c>).</summary>
public sealed partial class HealthCheck(StorageAccount storage, IOptions<HealthOptions> options, ILogger<HealthCheck> logger)
{
    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var tables = Probe("tables", async probeToken =>
        {
            await foreach (var _ in storage.TableService.QueryAsync(maxPerPage: 1, cancellationToken: probeToken).AsPages(pageSizeHint: 1))
                break;
        }, cancellationToken);
        var queues = Probe("queues", async probeToken =>
        {
            await foreach (var _ in storage.QueueService.GetQueuesAsync(cancellationToken: probeToken).AsPages(pageSizeHint: 1))
                break;
        }, cancellationToken);
        var checks = new Dictionary<string, string>
        {
            ["tables"] = await tables ? "up" : "down",
            ["queues"] = await queues ? "up" : "down",
        };
        return new HealthReport(checks.Values.All(v => v == "up"), checks);
    }

    private async Task<bool> Probe(string name, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ProbeTimeout);
        try
        {
            await probe(timeout.Token);
            return true;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            LogDown(logger, name, e.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health probe {Dependency} failed with {ExceptionType}")]
    private static partial void LogDown(ILogger logger, string dependency, string exceptionType);
}
