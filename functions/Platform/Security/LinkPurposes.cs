namespace PrivacyFunctions.Platform.Security;

/// <summary>What a signed link lets its holder do; a token for one purpose never serves another.</summary>
public static class LinkPurposes
{
    public const string DsrInstruction = "dsr.instruction";
    public const string BreachAcknowledgement = "breach.ack";
    public const string SubProcessorObjection = "subprocessor.objection";
    public const string SubProcessorSubscription = "subprocessor.subscription";
    public const string Unsubscribe = "unsubscribe";
    public const string RetentionChoice = "retention.choice";
}
