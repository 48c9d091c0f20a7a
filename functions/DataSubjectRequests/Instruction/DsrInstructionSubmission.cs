using System.Text.Json;
using Microsoft.Extensions.Primitives;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// What the customer submits on the instruction page (<c>POST /api/dsr/{requestId}/instruction</c>), from the HTML
/// form (<c>application/x-www-form-urlencoded</c>) or as JSON. Exactly one of: acknowledge; instruct (with an
/// optional message for the end-user); extend the deadline (1 or 2 months in total, with a reason).
/// </summary>
public abstract record DsrInstructionSubmission
{
    public const int MaxEndUserMessageLength = 2000;
    public static readonly string[] Decisions = ["acknowledge", "instruct", "extend"];
    private static readonly string[] Known = ["decision", "instruction", "action", "endUserMessage", "months", "reason"];

    private DsrInstructionSubmission() { }

    public abstract DsrCommand Command { get; }

    public sealed record Acknowledge : DsrInstructionSubmission
    {
        public override DsrCommand Command => new DsrCommand.Acknowledge();
    }

    /// <param name="EndUserMessage">Sent to the end-user once, only because the customer wrote it; null sends nothing.</param>
    public sealed record Instruct(DsrInstruction Instruction, string? EndUserMessage) : DsrInstructionSubmission
    {
        public override DsrCommand Command => new DsrCommand.Instruct(Instruction);
    }

    /// <param name="TotalMonths">The whole extension (1 or 2 further months), not an increment.</param>
    public sealed record Extend(int TotalMonths, string Reason) : DsrInstructionSubmission
    {
        public override DsrCommand Command => new DsrCommand.Extend(TotalMonths, Reason);
    }

    /// <summary>
    /// Parses the fields of a form body (<see cref="Platform.Links.LinkPageBody.Form"/>: UTF-8 already checked, the
    /// link's token taken out). Empty fields count as absent (a browser sends every field of the form).
    /// </summary>
    public static (DsrInstructionSubmission? Submission, ValidationErrors Errors) ParseForm(IReadOnlyDictionary<string, StringValues> fields)
    {
        var errors = new ValidationErrors();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (!Known.Contains(name, StringComparer.Ordinal)) errors.Add(name, "is not a known field.");
            else if (value.Count > 1) errors.Add(name, "must be given once.");
            else if (!string.IsNullOrEmpty(value[0])) values[name] = value[0]!;
        }
        return Validate(values, errors);
    }

    /// <summary>Parses a JSON object body; <c>months</c> is a number there, every other field a string.</summary>
    public static (DsrInstructionSubmission? Submission, ValidationErrors Errors) ParseJson(JsonElement body)
    {
        var errors = new ValidationErrors();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            if (!Known.Contains(property.Name, StringComparer.Ordinal)) errors.Add(property.Name, "is not a known field.");
            else if (value.ValueKind == JsonValueKind.Null) continue;
            else if (property.Name == "months")
            {
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var months)) values["months"] = months.ToString(System.Globalization.CultureInfo.InvariantCulture);
                else errors.Add("months", "must be the number 1 or 2.");
            }
            else if (value.ValueKind != JsonValueKind.String) errors.Add(property.Name, "must be a string.");
            else values[property.Name] = value.GetString()!;
        }
        return Validate(values, errors);
    }

    private static (DsrInstructionSubmission?, ValidationErrors) Validate(Dictionary<string, string> values, ValidationErrors errors)
    {
        string? Get(string name) => values.GetValueOrDefault(name);
        void OnlyWith(string decision, params string[] fields)
        {
            foreach (var field in Known.Skip(1).Except(fields).Where(values.ContainsKey))
                errors.Add(field, $"is not used with decision '{decision}'.");
        }

        var decision = Get("decision");
        if (decision is null)
        {
            errors.Add("decision", $"is required: one of {string.Join(", ", Decisions)}.");
            return (null, errors);
        }

        DsrInstructionSubmission? submission = null;
        switch (decision)
        {
            case "acknowledge":
                OnlyWith(decision);
                submission = new Acknowledge();
                break;

            case "instruct":
                OnlyWith(decision, "instruction", "action", "endUserMessage");
                var (instruction, field, error) = DsrInstruction.FromWire(Get("instruction"), Get("action"));
                if (instruction is null) errors.Add(field!, error!);
                var message = Get("endUserMessage");
                if (message is not null)
                {
                    message = message.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
                    if (message.Length > MaxEndUserMessageLength) errors.Add("endUserMessage", $"must be at most {MaxEndUserMessageLength} characters.");
                    else if (HasControlCharacters(message)) errors.Add("endUserMessage", "must not contain control characters.");
                    if (message.Length == 0) message = null;
                }
                if (instruction is not null) submission = new Instruct(instruction, message);
                break;

            case "extend":
                OnlyWith(decision, "months", "reason");
                var monthsText = Get("months");
                var months = monthsText switch { "1" => 1, "2" => 2, _ => 0 };
                if (months == 0) errors.Add("months", monthsText is null
                    ? "is required: the whole extension, 1 or 2 further months."
                    : "must be 1 or 2 (the whole extension in further months, GDPR Art. 12(3)).");
                var reason = Get("reason")?.Trim();
                if (string.IsNullOrEmpty(reason)) errors.Add("reason", "is required: why the deadline is extended (it is kept on the request's record).");
                else if (reason.Length > DsrLifecycle.MaxExtensionReasonLength) errors.Add("reason", $"must be at most {DsrLifecycle.MaxExtensionReasonLength} characters.");
                else if (HasControlCharacters(reason)) errors.Add("reason", "must not contain control characters.");
                if (months != 0 && !string.IsNullOrEmpty(reason)) submission = new Extend(months, reason);
                break;

            default:
                errors.Add("decision", $"must be one of: {string.Join(", ", Decisions)}.");
                break;
        }
        return errors.IsEmpty ? (submission, errors) : (null, errors);
    }

    private static bool HasControlCharacters(string text) => text.Any(c => char.IsControl(c) && c is not '\n' and not '\t');
}
