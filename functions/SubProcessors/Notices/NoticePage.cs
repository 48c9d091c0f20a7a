using System.Text.Json;
using System.Text.Json.Serialization;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// One message of the <c>subprocessor-notices</c> queue: page <see cref="Page"/> of a change's recipients — customers
/// (pages of <see cref="AffectedCustomers.PageSize"/> customers, ≤ 100 contacts), then confirmed list subscribers
/// (pages of 100) — from the store's continuation <see cref="Continuation"/>.
/// </summary>
public sealed record NoticePage(
    [property: JsonPropertyName("changeId")] string ChangeId,
    [property: JsonPropertyName("notice")] string Notice,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("continuation")] string? Continuation)
{
    public const string Customers = "customers";
    public const string Subscribers = "subscribers";
    public const int SubscriberPageSize = 100;

    public static NoticePage First(string changeId, string notice) => new(changeId, notice, Customers, 0, null);

    public string ToMessage() => JsonSerializer.Serialize(this);

    /// <summary>The message as sent, or null when it is not one of ours (the poison handler's input may be anything).</summary>
    public static NoticePage? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 8192) return null;
        try
        {
            var page = JsonSerializer.Deserialize<NoticePage>(text);
            return page is { ChangeId: not null, Notice: NoticeKeys.Announcement or NoticeKeys.Withdrawal, Source: Customers or Subscribers, Page: >= 0 }
                   && JsonFields.IdPattern().IsMatch(page.ChangeId) && page.Continuation?.Any(char.IsControl) != true
                ? page
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The RowKey of the page's marker in the change's partition (a page done once is not done again).</summary>
    public string MarkerRow => $"fanout~{Notice}~{Source}~{Page:D6}";
}

/// <summary>Puts fan-out pages on the <c>subprocessor-notices</c> queue (a seam so tests can inject a crash).</summary>
public class NoticeQueue(StorageAccount storage)
{
    public const string Name = StorageNames.Queues.SubProcessorNotices;

    public virtual async Task EnqueueAsync(NoticePage page, TimeSpan? delay, CancellationToken ct)
    {
        var queue = await storage.QueueAsync(Name, ct);
        await queue.SendMessageAsync(page.ToMessage(), delay, cancellationToken: ct);
    }
}
