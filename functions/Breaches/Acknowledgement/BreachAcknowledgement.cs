using System.Text;
using Microsoft.Extensions.Primitives;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Events;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Localization;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.Breaches;

/// <summary>What an acknowledgement link opens: the breach, the customer it was issued to and that customer's notice record.</summary>
public sealed record BreachVisit(Breach Breach, Customer Customer, Stored<CustomerNotice> Notice, IReadOnlyDictionary<string, NoticeSnapshot> Said);

/// <summary>
/// The loader behind the acknowledgement page: only a customer that was notified of this breach opens it (any other
/// customer, or another breach's token, is answered like a forged link: 401); an unknown breach is a 404.
/// </summary>
public sealed class BreachLinks(AggregateChanges changes, BreachKind breaches, CustomerNoticeKind notices, CustomerDirectory customers, BreachNoticeSnapshots snapshots)
    : ILinkedItemLoader<BreachVisit>
{
    public string Purpose => LinkPurposes.BreachAcknowledgement;

    public async Task<LinkedItem<BreachVisit>> LoadAsync(string breachId, string customerId, CancellationToken ct)
    {
        if (!breaches.IsValidId(breachId) || await changes.FindFlushedAsync(breaches, breachId, ct) is not { } breach)
            return LinkedItem<BreachVisit>.NotFound($"Breach '{breachId}'");
        var noticeId = CustomerNoticeKind.Id(breachId, customerId);
        if (!notices.IsValidId(noticeId) || await changes.FindFlushedAsync(notices, noticeId, ct) is not { } notice
            || (await customers.GetAsync(customerId, ct))?.Customer is not { } customer)
            return LinkedItem<BreachVisit>.NotTheirs();
        return LinkedItem<BreachVisit>.Found(new BreachVisit(breach.State, customer, notice, await snapshots.ReadAllAsync(breachId, ct)));
    }
}

/// <summary>The customer's answers on its page: acknowledge (optional name and role) or ask the DPO office a question.</summary>
public sealed class BreachAcknowledgements(AggregateChanges changes, CustomerNoticeKind notices, DpoAlerts alerts, TimeProvider clock)
{
    public const int MaxQuestion = 4000;

    public sealed record Answer(string Action, string? Name, string? Role, string? Question);

    public static (Answer? Answer, ValidationErrors Errors) Parse(LinkPageBody body)
    {
        var errors = new ValidationErrors();
        string? action, name, role, question;
        if (body.IsForm)
        {
            foreach (var unknown in body.Form.Keys.Where(k => k is not ("action" or "name" or "role" or "question"))) errors.Add(unknown, "is not a field of this form.");
            action = Single(body.Form, "action", errors);
            name = Single(body.Form, "name", errors);
            role = Single(body.Form, "role", errors);
            question = Single(body.Form, "question", errors);
        }
        else
        {
            var fields = new JsonFields(body.Json, errors);
            action = fields.OneOf("action", required: true, "acknowledge", "question");
            name = fields.Line("name", required: false, 200);
            role = fields.Line("role", required: false, 200);
            question = fields.String("question", required: action == "question", MaxQuestion);
            fields.RejectUnknown();
        }
        if (action is not ("acknowledge" or "question")) errors.Add("action", "must be one of: acknowledge, question.");
        if (name?.Length > 200 || name?.Any(char.IsControl) == true) errors.Add("name", "must be one line of at most 200 characters.");
        if (role?.Length > 200 || role?.Any(char.IsControl) == true) errors.Add("role", "must be one line of at most 200 characters.");
        if (action == "question" && string.IsNullOrWhiteSpace(question)) errors.Add("question", "is required to ask a question.");
        if (question?.Length > MaxQuestion || question?.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') == true)
            errors.Add("question", $"must be text of at most {MaxQuestion} characters.");
        return errors.IsEmpty ? (new Answer(action!, Blank(name), Blank(role), Blank(question)), errors) : (null, errors);
    }

    /// <summary>Records the acknowledgement once (a repeat changes nothing) with <c>breach.acknowledged</c>.</summary>
    public async Task<Stored<CustomerNotice>?> AcknowledgeAsync(BreachVisit visit, Answer answer, CancellationToken ct)
    {
        var result = await changes.ApplyAsync(notices, visit.Notice.AggregateId, AuditActors.CustomerLink, (current, at) =>
        {
            if (current is null) return Decision<CustomerNotice>.NotFound;
            if (current.State.AcknowledgedAt is not null) return Decision<CustomerNotice>.Unchanged;
            var acknowledged = current.State with { AcknowledgedAt = at, AcknowledgedBy = answer.Name, AcknowledgedRole = answer.Role };
            return Decision<CustomerNotice>.Change(acknowledged, [new AuditRecord("breach.acknowledged", new { named = answer.Name is not null })],
                [BreachEvents.Of(BreachEvents.Acknowledged, visit.Breach, $"acknowledged.{visit.Customer.CustomerId}", at,
                    new System.Text.Json.Nodes.JsonObject { ["customerId"] = visit.Customer.CustomerId })]);
        }, ct, visit.Notice);
        return result.Stored;
    }

    /// <summary>The customer's question goes to the DPO office (one alert per distinct question).</summary>
    public Task AskAsync(BreachVisit visit, string question, CancellationToken ct) =>
        alerts.RaiseAsync("breach-question", $"{visit.Breach.BreachId}.{visit.Customer.CustomerId}.{DpoAlerts.DigestOf(question)}",
            $"Question about breach {visit.Breach.BreachId} from customer {visit.Customer.CustomerId}",
            $"Customer {visit.Customer.CustomerId} ({visit.Customer.Name}) asked at {clock.GetUtcNow():u} about breach {visit.Breach.BreachId}:\n\n{question}\n\n" +
            $"Reply to its security or privacy contacts: {string.Join(", ", BreachFanOut.NoticeContacts(visit.Customer))}.", ct);

    private static string? Single(IReadOnlyDictionary<string, StringValues> form, string name, ValidationErrors errors)
    {
        if (!form.TryGetValue(name, out var values) || values.Count == 0) return null;
        if (values.Count > 1) errors.Add(name, "must be given once.");
        return values[0];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The customer's page: every notice and update it was sent, its own 72-hour end, the acknowledge and question forms.</summary>
public static class BreachPages
{
    public static string Page(BreachVisit visit, string selfUrl, string language, string? message = null)
    {
        var t = BreachTexts.For(language);
        var zone = visit.Customer.TimeZone;
        var body = new StringBuilder();
        if (message is not null) body.Append("<p class=\"ok\">").Append(E(message)).Append("</p>");
        body.Append(LinkPages.Facts([(t.Reference, visit.Breach.BreachId), (t.YourClock, ZonedTime.Format(visit.Notice.State.ClockEndsAt, zone))]));
        // The notices of this breach (the same for every notified customer); the page names no other customer.
        foreach (var notice in visit.Breach.Notices)
        {
            if (!visit.Said.TryGetValue(BreachNoticeKeys.Tag(notice), out var said)) continue;
            var f = said.Facts;
            body.Append("<h2>").Append(E(notice.Kind == NoticeKind.Update ? $"{t.NoticeHeading} {notice.Number}" : t.NoticeHeading)).Append("</h2>")
                .Append(LinkPages.Facts(new (string, string?)[]
                {
                    (t.Title, f.Title), (t.DetectedAt, ZonedTime.Format(f.DetectedAt, zone)), (t.Nature, f.Nature),
                    (t.DataSubjectCategories, f.DataSubjectCategories is { } dc ? string.Join(", ", dc) : null),
                    (t.DataSubjectsApprox, f.DataSubjectsApprox?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    (t.RecordCategories, f.RecordCategories is { } rc ? string.Join(", ", rc) : null),
                    (t.RecordsApprox, f.RecordsApprox?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    (t.ContactPoint, f.ContactPoint), (t.LikelyConsequences, f.LikelyConsequences), (t.Measures, f.Measures),
                    (notice.Kind == NoticeKind.Closure ? t.ClosureSummary : t.UpdateText, said.Text),
                    (t.StillEstablishing, notice.Missing.Count == 0 ? null : string.Join(", ", notice.Missing.Select(t.Label))),
                }.Where(r => r.Item2 is not null).Select(r => (r.Item1, r.Item2!))));
        }
        var action = E(selfUrl);
        if (visit.Notice.State.AcknowledgedAt is { } at)
            body.Append("<p class=\"ok\">").Append(E($"{t.Acknowledged}: {ZonedTime.Format(at, zone)}")).Append("</p>");
        else
            body.Append("<form method=\"post\" action=\"").Append(action).Append("\"><h2>").Append(E(t.AcknowledgeHeading)).Append("</h2>")
                .Append("<input type=\"hidden\" name=\"action\" value=\"acknowledge\">")
                .Append("<p><label>").Append(E(t.NameLabel)).Append(" <input name=\"name\" maxlength=\"200\"></label></p>")
                .Append("<p><label>").Append(E(t.RoleLabel)).Append(" <input name=\"role\" maxlength=\"200\"></label></p>")
                .Append("<button type=\"submit\">").Append(E(t.AcknowledgeButton)).Append("</button></form>");
        body.Append("<form method=\"post\" action=\"").Append(action).Append("\"><h2>").Append(E(t.QuestionHeading)).Append("</h2>")
            .Append("<input type=\"hidden\" name=\"action\" value=\"question\">")
            .Append("<p><textarea name=\"question\" rows=\"5\" cols=\"60\" required maxlength=\"").Append(BreachAcknowledgements.MaxQuestion).Append("\"></textarea></p>")
            .Append("<button type=\"submit\">").Append(E(t.QuestionButton)).Append("</button></form>");
        return LinkPages.Document(language, $"{t.PageTitle}: {visit.Breach.Facts.Title}", body.ToString());
    }

    private static string E(string text) => TextTemplate.Encode(text);
}
