namespace PrivacyFunctions.SubProcessors;

/// <summary>Every due kind of the sub-processor capability, in one place (family <c>subprocessor</c>; read by <c>SubProcessorSweep</c>).</summary>
public static class SubProcessorDueKinds
{
    public const string Family = "subprocessor";

    /// <summary>A change's <c>effectiveAt</c>: the register changes and held customers are named.</summary>
    public const string Activate = "subprocessor.activate";

    /// <summary><c>SubProcessors:PreActivationCheck</c> before <c>effectiveAt</c>: the DPO is told of windows still open then.</summary>
    public const string PreActivation = "subprocessor.pre-activation";

    /// <summary>The next end of a held customer's objection window after activation: released if it did not object.</summary>
    public const string Release = "subprocessor.release";

    /// <summary>An unconfirmed mailing-list address is erased <c>SubProcessors:UnconfirmedRetention</c> after it asked.</summary>
    public const string SubscriberExpiry = "subprocessor.subscriber-expiry";

    // The capability kit writes and handles one more kind per aggregate: subprocessor.{aggregateType}.effects (finish
    // a change's pending effects when its effects check kept failing) for subprocessor-change, subprocessor-objection and subprocessor-subscriber.
}
