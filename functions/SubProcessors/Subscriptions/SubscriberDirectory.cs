using Azure.Data.Tables;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>One confirmed subscriber as the notice fan-out needs it: whom to write to, in which language, and its own unsubscribe link.</summary>
/// <param name="SubscriberId">The first 16 hex digits of the address's hash (for email keys: never the address).</param>
public sealed record ListRecipient(string SubscriberId, string Address, string Language, Uri UnsubscribeUrl);

/// <summary>
/// The confirmed subscribers of the mailing list, page by page in table order, for the notice fan-out. Pending,
/// unsubscribed and expired addresses are never listed. Each recipient gets a fresh unsubscribe link (three years).
/// </summary>
public sealed class SubscriberDirectory(StorageAccount storage, SubscriberKind kind, SubscriptionLinks links)
{
    public const int MaxPageSize = 100;
    private const string Scope = "subprocessor-subscribers.confirmed";

    /// <summary>
    /// One page (at most <paramref name="pageSize"/>, 1–100) of confirmed subscribers, and the continuation for the
    /// next page (null at the end). <paramref name="continuation"/> is null for the first page, else a value this
    /// method returned; anything else is an <see cref="ArgumentException"/>.
    /// </summary>
    public async Task<(IReadOnlyList<ListRecipient> Recipients, string? Continuation)> ConfirmedPageAsync(
        string? continuation, int pageSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        string? storeToken = null;
        if (continuation is not null)
            storeToken = ContinuationTokens.Decode(continuation, Scope)
                ?? throw new ArgumentException("Not a continuation of the confirmed-subscriber list.", nameof(continuation));

        var table = await storage.TableAsync(kind.Table, ct);
        // The column name is part of the filter's text; only the values are quoted by CreateQueryFilter.
        var filter = TableClient.CreateQueryFilter($"RowKey eq {SubscriberKind.SubscriberRow}") + " and " +
            SubscriberKind.StatusColumn + " eq " + TableClient.CreateQueryFilter($"{Subscriber.WireName(SubscriberStatus.Confirmed)}");
        var recipients = new List<ListRecipient>();
        string? next = null;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: ct).AsPages(storeToken, pageSize))
        {
            foreach (var entity in page.Values)
            {
                if (!kind.IsValidId(entity.PartitionKey)) continue;
                var state = AggregateRows.FromEntity(kind, entity.PartitionKey, entity).State;
                if (state is not { Status: SubscriberStatus.Confirmed, Address: { } address }) continue;
                var shortId = Subscriber.ShortId(entity.PartitionKey);
                recipients.Add(new ListRecipient(shortId, address, state.Language, links.UnsubscribeUrl(shortId)));
            }
            next = page.ContinuationToken;
            // A filtered query may answer an empty page that still continues: read on until something or the end.
            if (recipients.Count > 0 || string.IsNullOrEmpty(next)) break;
        }
        return (recipients, string.IsNullOrEmpty(next) ? null : ContinuationTokens.Encode(next, Scope));
    }
}
