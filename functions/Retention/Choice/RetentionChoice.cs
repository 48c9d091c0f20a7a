using System.Text;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Localization;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.Retention;

public sealed record ChoiceVisit(Disposition Disposition, Customer Customer);

/// <summary>The loader behind the choice page: the link names the customer; another customer's disposition is answered like a forged link.</summary>
public sealed class RetentionChoiceLinks(RetentionStore store, CustomerDirectory customers) : ILinkedItemLoader<ChoiceVisit>
{
    public string Purpose => LinkPurposes.RetentionChoice;

    public async Task<LinkedItem<ChoiceVisit>> LoadAsync(string dispositionId, string customerId, CancellationToken ct)
    {
        if (await store.DispositionAsync(dispositionId, ct) is not { } stored) return LinkedItem<ChoiceVisit>.NotFound($"Disposition '{dispositionId}'");
        if (stored.State.CustomerId != customerId || (await customers.GetAsync(customerId, ct))?.Customer is not { } customer) return LinkedItem<ChoiceVisit>.NotTheirs();
        return LinkedItem<ChoiceVisit>.Found(new ChoiceVisit(stored.State, customer));
    }
}

/// <summary>The customer's choice as posted: <c>delete</c>, or <c>return</c> with the contact (an email) and the format.</summary>
public static class ChoiceRequest
{
    public static readonly string[] Formats = ["csv", "json", "xml", "original"];

    public static (DispositionChoice? Choice, ValidationErrors Errors) Parse(LinkPageBody body)
    {
        var errors = new ValidationErrors();
        string? kind, contact, format;
        if (body.IsForm)
        {
            foreach (var unknown in body.Form.Keys.Where(k => k is not ("choice" or "returnContact" or "returnFormat"))) errors.Add(unknown, "is not a field of this form.");
            string? One(string name) => body.Form.TryGetValue(name, out var v) ? (v.Count == 1 ? v[0] : Fail(name)) : null;
            string? Fail(string name) { errors.Add(name, "must be given once."); return null; }
            kind = One("choice");
            contact = One("returnContact");
            format = One("returnFormat");
            if (string.IsNullOrEmpty(contact)) contact = null;
            if (string.IsNullOrEmpty(format)) format = null;
        }
        else
        {
            var fields = new JsonFields(body.Json, errors);
            kind = fields.OneOf("choice", required: true, "delete", "return");
            contact = fields.Email("returnContact", required: false);
            format = fields.OneOf("returnFormat", required: false, Formats);
            fields.RejectUnknown();
        }
        if (kind is not ("delete" or "return")) errors.Add("choice", "must be one of: delete, return.");
        if (kind == "return" && contact is null) errors.Add("returnContact", "is required for a return: the email address to send the data to.");
        if (kind == "return" && format is null) errors.Add("returnFormat", $"is required for a return: one of {string.Join(", ", Formats)}.");
        if (contact is not null && !EmailAddress.IsValid(contact)) errors.Add("returnContact", "must be an email address (name@domain).");
        if (format is not null && !Formats.Contains(format)) errors.Add("returnFormat", $"must be one of: {string.Join(", ", Formats)}.");
        if (kind == "delete" && (contact is not null || format is not null)) errors.Add("choice", "a deletion takes no return contact or format.");
        return errors.IsEmpty ? (new DispositionChoice(kind!, contact?.ToLowerInvariant(), format, default, false), errors) : (null, errors);
    }
}

/// <summary>The choice page: what ends when, the deadline, and the form while the choice is open (script-free, encoded).</summary>
public static class RetentionChoicePages
{
    public static string Page(ChoiceVisit visit, string selfUrl, DateTimeOffset now, string language, string? message = null)
    {
        var t = RetentionTexts.For(language);
        var d = visit.Disposition;
        var zone = visit.Customer.TimeZone;
        var body = new StringBuilder();
        if (message is not null) body.Append("<p class=\"ok\">").Append(E(message)).Append("</p>");
        body.Append(LinkPages.Facts([(t.ContractEnds, ZonedTime.Format(d.EndsAt, zone)), (t.ChooseBy, ZonedTime.Format(d.ChoiceDeadline, zone)), (t.Products, string.Join(", ", d.Products))]));
        if (d.Choice is { } choice)
            body.Append("<p>").Append(E($"{t.Chosen}: {t.Kinds[choice.Kind]}")).Append("</p>");
        else if (now >= d.ChoiceDeadline)
            body.Append("<p class=\"note\">").Append(E(t.DeadlinePassed)).Append("</p>");
        else
            body.Append("<form method=\"post\" action=\"").Append(E(selfUrl)).Append("\">")
                .Append("<p><label><input type=\"radio\" name=\"choice\" value=\"delete\" required> ").Append(E(t.DeleteOption)).Append("</label></p>")
                .Append("<p><label><input type=\"radio\" name=\"choice\" value=\"return\"> ").Append(E(t.ReturnOption)).Append("</label></p>")
                .Append("<p><label>").Append(E(t.ReturnContact)).Append(" <input type=\"email\" name=\"returnContact\" maxlength=\"254\"></label></p>")
                .Append("<p><label>").Append(E(t.ReturnFormat)).Append(" <select name=\"returnFormat\"><option value=\"\"></option>")
                .Append(string.Concat(ChoiceRequest.Formats.Select(f => $"<option value=\"{f}\">{f}</option>"))).Append("</select></label></p>")
                .Append("<button type=\"submit\">").Append(E(t.ChooseButton)).Append("</button></form>");
        return LinkPages.Document(language, t.PageTitle, body.ToString());
    }

    private static string E(string text) => TextTemplate.Encode(text);
}
