using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.Platform.Links;

/// <summary>
/// How a capability finds the item a signed link names (docs/security.md, "Signed-link pages"). The gate calls it
/// only for a genuine, unexpired token of <see cref="Purpose"/> whose item is the route's.
/// </summary>
public interface ILinkedItemLoader<TItem> where TItem : class
{
    /// <summary>The <see cref="LinkPurposes"/> value the link must carry.</summary>
    string Purpose { get; }

    /// <param name="itemId">The route's item id (the token names the same one).</param>
    /// <param name="subject">Whom the token was issued to (a customer or recipient id): the loader checks the item is theirs.</param>
    Task<LinkedItem<TItem>> LoadAsync(string itemId, string subject, CancellationToken cancellationToken);
}

/// <summary>What <see cref="ILinkedItemLoader{TItem}.LoadAsync"/> found: the item, or the problem to answer with.</summary>
public sealed record LinkedItem<TItem> where TItem : class
{
    private LinkedItem(TItem? item, ObjectResult? problem) => (Item, Problem) = (item, problem);

    public TItem? Item { get; }
    public ObjectResult? Problem { get; }

    public static LinkedItem<TItem> Found(TItem item) => new(item, null);

    /// <summary>A genuine link whose item no longer exists: 404 naming <paramref name="what"/> (e.g. "Data subject request 'x'").</summary>
    public static LinkedItem<TItem> NotFound(string what) => new(null, Problems.NotFound(what));

    /// <summary>The item exists but is not the token's subject's: answered exactly like a forged link (401), so nothing leaks.</summary>
    public static LinkedItem<TItem> NotTheirs() => new(null, new LinkValidation.Invalid().Problem);
}

/// <summary>A page visit through a valid link: the item, the token and the link's own address (where forms post back to).</summary>
public sealed record LinkVisit<TItem>(TItem Item, string Token, string SelfUrl, string Subject);
