using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.SubProcessors;

public enum AnnounceOutcome { Created, Repeated, Invalid, Conflict }

public sealed record AnnounceResult(AnnounceOutcome Outcome, SubProcessorChange? Change, ValidationErrors? Errors = null, string? Conflict = null);

/// <summary>
/// Announcing and withdrawing changes: the rules that need the register in force (what exists), the notice gate
/// (<c>SubProcessors:NoticePeriod</c>), idempotency on the client's <c>changeId</c>; the state changes through the kit.
/// </summary>
public sealed partial class ChangeAnnouncements(
    AggregateChanges changes, ChangeKind kind, RegisterStore register, IOptions<SubProcessorOptions> options, TimeProvider clock,
    ILogger<ChangeAnnouncements> logger)
{
    public async Task<AnnounceResult> AnnounceAsync(Announcement announcement, CancellationToken ct)
    {
        if (await changes.FindFlushedAsync(kind, announcement.ChangeId, ct) is { } existing)
            return Repeat(announcement, existing.State);

        var now = clock.GetUtcNow();
        var entries = (await register.ReadAsync(ct)).ToDictionary(e => e.Id, StringComparer.Ordinal);
        var errors = new ValidationErrors();
        // DPA / SCC 2021/915 cl. 7.7: customers are told at least the notice period before the change applies.
        var earliest = now + options.Value.NoticePeriod;
        if (announcement.EffectiveAt < earliest)
            errors.Add("effectiveAt", $"must be at least {options.Value.NoticePeriod.TotalDays:0.##} days after the announcement (SubProcessors:NoticePeriod): {earliest:yyyy-MM-dd'T'HH:mm:ss'Z'} or later.");
        var previous = announcement.TargetId is { } target && entries.TryGetValue(target, out var found) ? found : null;
        switch (announcement.Action)
        {
            case ChangeAction.Add when entries.ContainsKey(announcement.Entry!.Id):
                errors.Add("subProcessor.id", "is already in the register: announce an update or a replacement.");
                break;
            case ChangeAction.Update or ChangeAction.Remove when previous is null:
                errors.Add(announcement.Action == ChangeAction.Remove ? "subProcessorId" : "subProcessor.id", "is not in the register.");
                break;
            case ChangeAction.Replace when previous is null:
                errors.Add("replaces", "is not in the register.");
                break;
            case ChangeAction.Replace when entries.ContainsKey(announcement.Entry!.Id):
                errors.Add("subProcessor.id", "is already in the register: a replacement brings in a new sub-processor.");
                break;
        }
        var entry = announcement.Entry is { } e && previous is not null && announcement.Action == ChangeAction.Update
            ? e with { Since = e.Since ?? previous.Since }
            : announcement.Entry;
        var diff = ChangeDiff.Between(announcement.Action == ChangeAction.Add ? null : previous, entry);
        if (announcement.Action == ChangeAction.Update && previous is not null && diff.Count == 0)
            errors.Add("subProcessor", "changes nothing in the register entry.");
        if (!errors.IsEmpty) return new AnnounceResult(AnnounceOutcome.Invalid, null, errors);

        var products = (entry?.Products ?? []).Concat(previous?.Products ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var change = new SubProcessorChange(announcement.ChangeId, announcement.Action, entry,
            announcement.Action == ChangeAction.Add ? null : previous, diff,
            // An entry naming no product serves them all: every customer is affected.
            (entry is not null && entry.Products.Count == 0) || (previous is not null && previous.Products.Count == 0) ? [] : products,
            announcement.Summary, now, announcement.EffectiveAt, ChangeStatus.Upcoming, announcement.RequestHash);
        var result = await changes.CreateAsync(kind, change.ChangeId, AuditActors.Admin, _ => ChangeDecisions.Announce(change, options.Value), ct);
        if (result.Outcome == ChangeOutcome.Unchanged) return Repeat(announcement, result.Stored!.State);
        LogAnnounced(logger, change.ChangeId, change.Action.ToWire(), change.EffectiveAt);
        return new AnnounceResult(AnnounceOutcome.Created, result.Stored!.State);
    }

    public async Task<ChangeResult<SubProcessorChange>> WithdrawAsync(string changeId, string reason, CancellationToken ct) =>
        await changes.ApplyAsync(kind, changeId, AuditActors.Admin, (stored, now) => ChangeDecisions.Withdraw(stored, reason, now), ct);

    private static AnnounceResult Repeat(Announcement announcement, SubProcessorChange existing) =>
        existing.RequestHash == announcement.RequestHash
            ? new AnnounceResult(AnnounceOutcome.Repeated, existing)
            : new AnnounceResult(AnnounceOutcome.Conflict, existing, Conflict: $"Change '{announcement.ChangeId}' was already announced with other content; a changeId names one announcement.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Sub-processor change {ChangeId} announced ({Action}), effective at {EffectiveAt}")]
    private static partial void LogAnnounced(ILogger logger, string changeId, string action, DateTimeOffset effectiveAt);
}
