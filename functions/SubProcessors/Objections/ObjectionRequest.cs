using System.Text.Json;
using Microsoft.Extensions.Primitives;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.SubProcessors;

/// <summary>The bodies of the objection endpoints, read strictly (every problem named by its field).</summary>
public static class ObjectionRequest
{
    public const int MaxReasonLength = 4000;

    /// <summary>The customer's page: <c>reason</c>, from a form or a JSON object.</summary>
    public static (string? Reason, ValidationErrors Errors) ParseReason(bool isForm, IReadOnlyDictionary<string, StringValues> form, JsonElement json)
    {
        var errors = new ValidationErrors();
        string? reason;
        if (isForm)
        {
            foreach (var unknown in form.Keys.Where(k => k != "reason")) errors.Add(unknown, "is not a field of this form.");
            reason = form.TryGetValue("reason", out var values) && values.Count == 1 ? values[0] : null;
            if (reason is null || string.IsNullOrWhiteSpace(reason)) errors.Add("reason", "is required (once).");
            else if (reason.Length > MaxReasonLength) errors.Add("reason", $"must be at most {MaxReasonLength} characters.");
            else if (reason.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')) errors.Add("reason", "must not contain control characters.");
        }
        else
        {
            var fields = new JsonFields(json, errors);
            reason = fields.String("reason", required: true, maxLength: MaxReasonLength);
            fields.RejectUnknown();
        }
        return errors.IsEmpty ? (reason!.Trim(), errors) : (null, errors);
    }

    public sealed record Recorded(string ChangeId, string CustomerId, DateTimeOffset ReceivedAt, string Summary);

    /// <summary>The DPO office records an objection that arrived by email.</summary>
    public static (Recorded? Objection, ValidationErrors Errors) ParseRecorded(JsonElement body)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var changeId = fields.Id("changeId", required: true);
        var customerId = fields.Id("customerId", required: true);
        var receivedAt = fields.Instant("receivedAt", required: true);
        var summary = fields.String("summary", required: true, maxLength: MaxReasonLength);
        fields.RejectUnknown();
        return errors.IsEmpty ? (new Recorded(changeId!, customerId!, receivedAt!.Value.ToUniversalTime(), summary!.Trim()), errors) : (null, errors);
    }

    /// <summary>A resolution: <c>outcome</c> and <c>note</c> (required for <c>accommodated</c>: how the data is kept away).</summary>
    public static (ObjectionStatus? Outcome, string? Note, ValidationErrors Errors) ParseResolution(JsonElement body)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var outcome = fields.OneOf("outcome", required: true, ObjectionWire.Outcomes);
        var note = fields.String("note", required: outcome == "accommodated", maxLength: MaxReasonLength);
        fields.RejectUnknown();
        return errors.IsEmpty ? (ObjectionWire.Statuses.Parse(outcome!), note?.Trim(), errors) : (null, null, errors);
    }
}
