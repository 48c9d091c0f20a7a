using System.Text.Json;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>A request to subscribe: the address and the language of its emails.</summary>
public sealed record SubscriptionRequest(string Email, string Language)
{
    /// <summary>
    /// Reads <c>{"email": "...", "language": "en|nl|fr|de"}</c> strictly: <c>email</c> required (an addr-spec),
    /// <c>language</c> optional (default <c>en</c>), nothing else.
    /// </summary>
    public static (SubscriptionRequest? Request, ValidationErrors Errors) Parse(JsonElement body)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var email = fields.Email("email", required: true);
        var language = fields.OneOf("language", required: false, [.. Languages.Supported]) ?? Languages.English;
        fields.RejectUnknown();
        return errors.IsEmpty ? (new SubscriptionRequest(email!, language), errors) : (null, errors);
    }

    /// <summary>
    /// The body of a confirm POST: an empty form or an empty JSON object (the link is the whole command).
    /// </summary>
    public static ValidationErrors ParseConfirm(LinkPageBody body)
    {
        var errors = new ValidationErrors();
        if (body.IsForm)
            foreach (var field in body.Form.Keys)
                errors.Add(field, "is not a known field.");
        else
            new JsonFields(body.Json, errors).RejectUnknown();
        return errors;
    }

    /// <summary>
    /// The body of an unsubscribe POST: RFC 8058's form <c>List-Unsubscribe=One-Click</c> (what mail clients and our
    /// page post), an empty form, or an empty JSON object. Any other field or value is refused.
    /// </summary>
    public static ValidationErrors ParseUnsubscribe(LinkPageBody body)
    {
        var errors = new ValidationErrors();
        if (!body.IsForm)
        {
            new JsonFields(body.Json, errors).RejectUnknown();
            return errors;
        }
        foreach (var (field, values) in body.Form)
        {
            if (field != SubscriptionPages.OneClickField)
                errors.Add(field, "is not a known field.");
            else if (values.Count != 1 || values[0] != SubscriptionPages.OneClickValue)
                errors.Add(field, $"must be exactly '{SubscriptionPages.OneClickValue}' (RFC 8058).");
        }
        return errors;
    }
}
