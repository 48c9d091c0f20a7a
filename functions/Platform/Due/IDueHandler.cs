namespace PrivacyFunctions.Platform.Due;

/// <summary>
/// What a capability does when a hint of its <see cref="Kind"/> falls due. Register it with
/// <see cref="DueServiceCollectionExtensions.AddDueHandler{THandler}"/>; <see cref="DueSweep"/> dispatches to it.
/// A handler re-reads the aggregate's state and acts only if the obligation is still due (a hint is only a hint),
/// and must be safe to run twice or concurrently. Throwing leaves the hint to be retried with back-off.
/// </summary>
public interface IDueHandler
{
    /// <summary>The exact kind handled, <c>{family}.{what}</c>.</summary>
    string Kind { get; }

    Task<DueOutcome> HandleAsync(DueItem hint, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What became of a handled hint.</summary>
public abstract record DueOutcome
{
    private DueOutcome() { }

    /// <summary>Whether the handler did something (sent, re-drove, escalated), rather than find nothing due any more.</summary>
    public abstract bool Acted { get; }

    /// <summary>The obligation was met now: the hint is deleted.</summary>
    public static DueOutcome Done { get; } = new Completed(true);

    /// <summary>The obligation had already been met or no longer applies (a stale hint): the hint is deleted.</summary>
    public static DueOutcome NothingDue { get; } = new Completed(false);

    /// <summary>Due again at <paramref name="at"/> (a re-drive, the next milestone of a chain): the hint moves.</summary>
    public static DueOutcome Again(DateTimeOffset at, bool acted = true) => new Rescheduled(at, acted);

    public sealed record Completed(bool DidAct) : DueOutcome
    {
        public override bool Acted => DidAct;
    }

    public sealed record Rescheduled(DateTimeOffset At, bool DidAct) : DueOutcome
    {
        public override bool Acted => DidAct;
    }
}
