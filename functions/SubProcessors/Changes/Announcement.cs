using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.SubProcessors;

/// <summary>What the DPO office announces (<c>POST /api/subprocessors/changes</c>), read strictly.</summary>
public sealed record Announcement(
    string ChangeId, ChangeAction Action, SubProcessor? Entry, string? TargetId, DateTimeOffset EffectiveAt, string Summary, string RequestHash)
{
    public static (Announcement? Announcement, ValidationErrors Errors) Parse(JsonElement body, IReadOnlySet<string> knownProducts)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var changeId = fields.Id("changeId", required: true);
        var actionText = fields.OneOf("action", required: true, ChangeWire.Actions.All);
        ChangeAction? action = actionText is null ? null : ChangeWire.Actions.Parse(actionText);
        var entryFields = fields.Object("subProcessor", required: action is ChangeAction.Add or ChangeAction.Replace or ChangeAction.Update);
        var entry = entryFields is null ? null : SubProcessorFields.Read(entryFields, knownProducts);
        var subProcessorId = fields.Id("subProcessorId", required: action is ChangeAction.Remove);
        var replaces = fields.Id("replaces", required: action is ChangeAction.Replace);
        var effectiveAt = fields.Instant("effectiveAt", required: true);
        var summary = fields.String("summary", required: true, maxLength: 1000);
        fields.RejectUnknown();

        if (action is ChangeAction.Remove && entryFields is not null)
            errors.Add("subProcessor", "must not be given for a removal (name the entry with subProcessorId).");
        if (action is not ChangeAction.Remove && subProcessorId is not null)
            errors.Add("subProcessorId", "is only for a removal (the entry's id is subProcessor.id).");
        if (action is not ChangeAction.Replace && replaces is not null)
            errors.Add("replaces", "is only for a replacement.");
        if (action is ChangeAction.Replace && entry is not null && replaces == entry.Id)
            errors.Add("replaces", "must name another sub-processor than subProcessor.id (an entry that stays is an update).");
        if (!errors.IsEmpty) return (null, errors);

        var target = action switch
        {
            ChangeAction.Remove => subProcessorId,
            ChangeAction.Replace => replaces,
            _ => entry!.Id,
        };
        var parsed = new Announcement(changeId!, action!.Value, entry, target, effectiveAt!.Value.ToUniversalTime(), summary!.Trim(), "");
        return (parsed with { RequestHash = Hash(parsed) }, errors);
    }

    /// <summary>The request's identity for idempotency on <c>changeId</c>: the same announcement again, however formatted, is a repeat.</summary>
    private static string Hash(Announcement a) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(a, ChangeKind.SerializerOptions))))[..32];
}
