using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.DataSubjectRequests.Due;

/// <summary>
/// What every DSR due handler does first: re-read the request (a hint is only a hint) and finish any pending
/// effects a crash left, so the handler decides on the current state. A hint of a request that no longer exists is done.
/// </summary>
public abstract class DsrDueHandler(DsrStore store, DsrChanges changes) : IDueHandler
{
    public abstract string Kind { get; }

    protected DsrStore Store { get; } = store;
    protected DsrChanges Changes { get; } = changes;

    public async Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await Store.FindAsync(hint.ItemKey, cancellationToken);
        if (stored is null) return DueOutcome.NothingDue;
        stored = await Changes.FlushAsync(stored, cancellationToken);
        return await HandleAsync(stored, hint, now, cancellationToken);
    }

    protected abstract Task<DueOutcome> HandleAsync(StoredDsr stored, DueItem hint, DateTimeOffset now, CancellationToken ct);

    /// <summary>A change the obligation needs that kept losing races is a failure: the sweep backs off and retries it.</summary>
    protected static void Require(DsrChange change)
    {
        if (change.Outcome == DsrChangeOutcome.Conflict)
            throw new InvalidOperationException("The request kept changing concurrently; the sweep retries.");
    }
}
