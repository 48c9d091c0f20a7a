using System.Net.Sockets;

namespace PrivacyFunctions.Tests.Support;

/// <summary>
/// Fails a test at once, with how to start Azurite, when the storage emulator the tests point at does not
/// answer — instead of the storage SDK's retries (about two minutes per test) ending in "Connection refused".
/// The table endpoint is probed once per test run with a short TCP connect.
/// </summary>
public static class AzuriteCheck
{
    private static readonly Lazy<string?> Problem = new(() => Probe(TestApp.StorageConnectionString));

    public static void EnsureReachable()
    {
        if (Problem.Value is { } problem) throw new InvalidOperationException(problem);
    }

    private static string? Probe(string connectionString)
    {
        var (host, port, source) = TableEndpoint(connectionString);
        if (host is null) return null; // not an emulator connection string: nothing to probe
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            socket.ConnectAsync(host, port, timeout.Token).AsTask().GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            var reason = e is SocketException s ? s.SocketErrorCode.ToString() : "no answer within 3 s";
            return $"Azurite does not answer at {host}:{port} (the table endpoint of {source}: {reason}). " +
                "Run the tests with `bash scripts/test.sh`, which starts Azurite and stops it afterwards; or start it yourself " +
                "(`npm ci` once, then `npx azurite --inMemoryPersistence --skipApiVersionCheck --loose`, or `bash scripts/run.sh --emulators-only`) " +
                "or point AZURITE_CONNECTION_STRING at a running one.";
        }
    }

    private static (string? Host, int Port, string Source) TableEndpoint(string connectionString)
    {
        var source = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is null
            ? "UseDevelopmentStorage=true (AZURITE_CONNECTION_STRING is not set)" : "AZURITE_CONNECTION_STRING";
        if (connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            return ("127.0.0.1", 10002, source);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (part.StartsWith("TableEndpoint=", StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(part["TableEndpoint=".Length..], UriKind.Absolute, out var uri)
                && (uri.IsLoopback || uri.Host is "localhost"))
                return (uri.Host, uri.Port, source);
        return (null, 0, source);
    }
}
