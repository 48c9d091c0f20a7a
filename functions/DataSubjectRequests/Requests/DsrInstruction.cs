using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>What the customer (the controller) tells the processor to do with a forwarded request.</summary>
public enum InstructionKind
{
    /// <summary>The customer answers the end-user itself; the processor does nothing more.</summary>
    ControllerWillRespond,
    /// <summary>The processor's product carries out <see cref="AssistAction"/> (GDPR Art. 28(3)(e)).</summary>
    ProcessorToAssist,
}

/// <summary>The action a product carries out on the customer's instruction.</summary>
public enum AssistAction
{
    Export,
    Erase,
    Rectify,
    Restrict,
}

/// <summary>A customer's instruction; <see cref="Action"/> is set exactly when the kind is <see cref="InstructionKind.ProcessorToAssist"/>.</summary>
public sealed record DsrInstruction
{
    [System.Text.Json.Serialization.JsonConstructor]
    private DsrInstruction(InstructionKind kind, AssistAction? action)
    {
        Kind = kind;
        Action = action;
    }

    public InstructionKind Kind { get; }
    public AssistAction? Action { get; }

    public static DsrInstruction ControllerWillRespond { get; } = new(InstructionKind.ControllerWillRespond, null);

    public static DsrInstruction ProcessorToAssist(AssistAction action) => new(InstructionKind.ProcessorToAssist, action);

    /// <summary>Builds an instruction from its wire names, or returns the error to report under the named field.</summary>
    public static (DsrInstruction? Instruction, string? Field, string? Error) FromWire(string? kind, string? action)
    {
        if (!DsrInstructions.Kinds.TryParse(kind, out var parsedKind))
            return (null, "instruction", $"must be one of: {string.Join(", ", DsrInstructions.Kinds.All)}.");
        if (parsedKind == InstructionKind.ControllerWillRespond)
            return action is null ? (ControllerWillRespond, null, null) : (null, "action", "must not be given when the controller will respond.");
        return DsrInstructions.Actions.TryParse(action, out var parsedAction)
            ? (ProcessorToAssist(parsedAction), null, null)
            : (null, "action", $"must be one of: {string.Join(", ", DsrInstructions.Actions.All)}.");
    }
}

public static class DsrInstructions
{
    public static readonly WireNames<InstructionKind> Kinds = new(
        (InstructionKind.ControllerWillRespond, "controllerWillRespond"),
        (InstructionKind.ProcessorToAssist, "processorToAssist"));

    public static readonly WireNames<AssistAction> Actions = new(
        (AssistAction.Export, "export"),
        (AssistAction.Erase, "erase"),
        (AssistAction.Rectify, "rectify"),
        (AssistAction.Restrict, "restrict"));

    public static string ToWire(this InstructionKind kind) => Kinds.Of(kind);
    public static string ToWire(this AssistAction action) => Actions.Of(action);
}
