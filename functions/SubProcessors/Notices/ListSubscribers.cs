namespace PrivacyFunctions.SubProcessors;

/// <summary>A confirmed subscriber of the mailing list, as the fan-out needs it: its id, address, language and own unsubscribe link.</summary>
public sealed record ListSubscriber(string SubscriberId, string Address, string Language, Uri UnsubscribeUrl);

/// <summary>The confirmed subscribers of the mailing list, page by page (the fan-out's second source of recipients).</summary>
public interface IListSubscribers
{
    Task<(IReadOnlyList<ListSubscriber> Subscribers, string? Continuation)> ConfirmedPageAsync(string? continuation, int pageSize, CancellationToken ct);
}
