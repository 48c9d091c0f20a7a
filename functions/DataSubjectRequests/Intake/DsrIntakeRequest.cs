using System.Text.Json;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>The validated body of <c>POST /api/dsr</c>.</summary>
public sealed record DsrIntakeRequest(
    string ProductId, string ExternalId, string CustomerId, DsrType Type, DsrSubject Subject,
    DateTimeOffset ProductReceivedAt, string? Channel, string? Message)
{
    public const int MaxMessageLength = 4000;

    public static (DsrIntakeRequest? Request, ValidationErrors Errors) Parse(JsonElement body)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var productId = fields.Id("productId", required: true);
        var externalId = fields.Id("externalId", required: true);
        var customerId = fields.Id("customerId", required: true);
        var type = fields.OneOf("type", required: true, DsrTypes.Wire.All);
        var subjectFields = fields.Object("subject", required: true);
        var email = subjectFields?.Email("email", required: true);
        var name = subjectFields?.Line("name", required: false, maxLength: 100); // an email display name
        var locale = subjectFields?.String("locale", required: false, maxLength: 35, LocalePattern.Regex(), "must be a language tag such as en, nl-BE or de-DE.");
        subjectFields?.RejectUnknown();
        var receivedAt = fields.Instant("receivedAt", required: true);
        var channel = fields.Id("channel", required: false);
        var message = fields.String("message", required: false, maxLength: MaxMessageLength);
        fields.RejectUnknown();

        if (!errors.IsEmpty) return (null, errors);
        return (new DsrIntakeRequest(productId!, externalId!, customerId!, DsrTypes.Wire.Parse(type!),
            new DsrSubject(email!, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), locale),
            receivedAt!.Value, channel, string.IsNullOrWhiteSpace(message) ? null : message), errors);
    }
}
