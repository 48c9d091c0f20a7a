using Azure.Core;
using Azure.Core.Pipeline;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Tests.Support;

/// <summary>
/// Injects a crash into real storage traffic: the next request whose method and URL match a rule fails with
/// an exception before it reaches Azurite, as if the process died between two steps of a flow.
/// </summary>
public sealed class StorageFaults : StoragePipelinePolicy
{
    private readonly List<(Func<HttpMessage, bool> Match, int Remaining)> _rules = [];

    /// <summary>Fail the next <paramref name="times"/> requests with this method to a URL containing <paramref name="urlPart"/>.</summary>
    public void FailNext(string method, string urlPart, int times = 1)
    {
        lock (_rules)
            _rules.Add((m => m.Request.Method.ToString() == method && m.Request.Uri.ToString().Contains(urlPart, StringComparison.Ordinal), times));
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfFaulted(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfFaulted(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void ThrowIfFaulted(HttpMessage message)
    {
        lock (_rules)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (match, remaining) = _rules[i];
                if (remaining <= 0 || !match(message)) continue;
                _rules[i] = (match, remaining - 1);
                throw new InjectedCrashException($"Injected crash before {message.Request.Method} {message.Request.Uri.Path}");
            }
        }
    }
}

public sealed class InjectedCrashException(string message) : Exception(message);
