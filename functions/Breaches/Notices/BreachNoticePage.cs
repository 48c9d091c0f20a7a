using System.Text.Json;
using System.Text.Json.Serialization;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// One message of the <c>breach-notices</c> queue: page <see cref="Page"/> (≤ 100 customers) of a breach's notice
/// <see cref="Tag"/> — the initial notice pages through the customer directory (the assessed scope), updates, the
/// closure and re-notification through the breach's notified customers.
/// </summary>
public sealed record BreachNoticePage(
    [property: JsonPropertyName("breachId")] string BreachId,
    [property: JsonPropertyName("tag")] string Tag,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("continuation")] string? Continuation)
{
    public const int PageSize = 100;

    public static BreachNoticePage First(string breachId, string tag) => new(breachId, tag, 0, null);

    /// <summary>The initial notice reaches customers not notified before; every other notice goes to those notified.</summary>
    public bool FromDirectory => Tag == "initial";

    public string ToMessage() => JsonSerializer.Serialize(this);

    public static BreachNoticePage? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 8192) return null;
        try
        {
            var page = JsonSerializer.Deserialize<BreachNoticePage>(text);
            return page is { BreachId: not null, Tag: not null, Page: >= 0 } && BreachKind.IdPattern().IsMatch(page.BreachId)
                   && TagPattern.IsMatch(page.Tag) && page.Continuation?.Any(char.IsControl) != true
                ? page
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly System.Text.RegularExpressions.Regex TagPattern = new(@"\A(initial|closure|renotify|update-[1-9][0-9]{0,4})\z");

    public string MarkerRow => $"fanout~{Tag}~{Page:D6}";
}

/// <summary>Puts fan-out pages on the <c>breach-notices</c> queue (a seam so tests can inject a crash).</summary>
public class BreachNoticeQueue(StorageAccount storage)
{
    public virtual async Task EnqueueAsync(BreachNoticePage page, TimeSpan? delay, CancellationToken ct)
    {
        var queue = await storage.QueueAsync(StorageNames.Queues.BreachNotices, ct);
        await queue.SendMessageAsync(page.ToMessage(), delay, cancellationToken: ct);
    }
}
