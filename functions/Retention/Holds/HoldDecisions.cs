using System.Text.Json.Nodes;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Retention;

/// <summary>The rules of a legal hold: placed with its basis, ended by its date or released early — an end brings the follow-up purges.</summary>
public static class HoldDecisions
{
    public static Decision<LegalHold> Place(LegalHold hold, TimeSpan reviewEvery) =>
        Decision<LegalHold>.Change(hold,
            [new AuditRecord("retention.hold-placed", new { hold.CustomerId, hold.Basis, hold.Categories, hold.Products, hold.Until, hold.ReviewAt })],
            [Event(RetentionEvents.HoldPlaced, hold, hold.PlacedAt)]) with
        {
            Hints = hold.Until is { } until
                ? [new DueItem(RetentionDueKinds.HoldExpiry, hold.HoldId, until)]
                : [new DueItem(RetentionDueKinds.HoldReview, hold.HoldId, hold.ReviewAt ?? hold.PlacedAt + reviewEvery)],
        };

    /// <summary>Ends an active hold (<c>expired</c> at its date, or <c>released</c> with a reason); its categories get their follow-up purges.</summary>
    public static Decision<LegalHold> End(Stored<LegalHold>? stored, HoldStatus status, string? reason, DateTimeOffset now)
    {
        if (stored is null) return Decision<LegalHold>.NotFound;
        var hold = stored.State;
        if (hold.Status != HoldStatus.Active)
            return hold.Status == status && hold.ReleaseReason == reason ? Decision<LegalHold>.Unchanged : Decision<LegalHold>.Refuse($"The hold already ended ({LegalHold.Statuses.Of(hold.Status)}).");
        if (status == HoldStatus.Expired && (hold.Until is not { } until || now < until)) return Decision<LegalHold>.Unchanged;
        var ended = hold with { Status = status, EndedAt = now, ReleaseReason = reason };
        return Decision<LegalHold>.Change(ended,
            [new AuditRecord(status == HoldStatus.Released ? "retention.hold-released" : "retention.hold-expired", new { endedAt = now })],
            [Event(RetentionEvents.HoldReleased, ended, now), new FollowUpPurges(hold.HoldId)]);
    }

    private static IEffect Event(string type, LegalHold h, DateTimeOffset at) =>
        RetentionEvents.Of(type, $"retention/holds/{h.HoldId}", h.HoldId, at, new JsonObject
        {
            ["holdId"] = h.HoldId, ["customerId"] = h.CustomerId, ["basis"] = h.Basis, ["status"] = LegalHold.Statuses.Of(h.Status),
            ["categories"] = new JsonArray(h.Categories.Select(c => (JsonNode)c).ToArray()),
            ["products"] = new JsonArray(h.Products.Select(c => (JsonNode)c).ToArray()),
            ["until"] = h.Until,
        });
}
