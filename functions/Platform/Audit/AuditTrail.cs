using System.Text.Json.Nodes;

namespace PrivacyFunctions.Platform.Audit;

// Placeholder until the hash-chained audit trail lands from the security branch.
public sealed class AuditTrail
{
    public Task AppendAsync(string aggregateType, string aggregateId, string action, string actor, JsonObject data, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
