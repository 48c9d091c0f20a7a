using System.Globalization;
using PrivacyFunctions.Platform.Email.Composition;

namespace PrivacyFunctions.Breaches;

/// <summary>
/// The notices to a customer's contacts (Art. 33(2)–(4); SCC 2021/915 cl. 9.2) in the customer's language and zone:
/// the Art. 33(3) facts as known at the notice, what is still being established (a phased notice), the customer's own
/// 72-hour end as a time in its zone, and its acknowledgement link.
/// </summary>
public static class BreachEmails
{
    public static EmailContent Compose(Breach breach, SentNotice notice, NoticeSnapshot snapshot, bool renotify, string language, string timeZone,
        DateTimeOffset clockEndsAt, Uri acknowledgementUrl, string processorName)
    {
        var mail = new MailComposer(language, timeZone);
        var t = BreachTexts.For(mail.Language);
        var facts = snapshot.Facts;
        var title = ("title", facts.Title);
        var number = ("number", notice.Number.ToString(CultureInfo.InvariantCulture));
        mail.Greeting();
        if (renotify) mail.Paragraph(t.RenotifyIntro);
        switch (notice.Kind)
        {
            case NoticeKind.Initial:
                mail.Paragraph(t.InitialIntro, ("processor", processorName));
                if (notice.Missing.Count > 0) mail.Paragraph(t.PhasedIntro);
                break;
            case NoticeKind.Update:
                mail.Paragraph(t.UpdateIntro, number).Quote(t.UpdateText, snapshot.Text);
                break;
            default:
                mail.Paragraph(t.ClosureIntro).Quote(t.ClosureSummary, snapshot.Text);
                break;
        }
        mail.Facts(
            (t.Reference, breach.BreachId),
            (t.Title, facts.Title),
            (t.DetectedAt, mail.Time(facts.DetectedAt)),
            (t.Nature, facts.Nature),
            (t.DataSubjectCategories, Join(facts.DataSubjectCategories)),
            (t.DataSubjectsApprox, facts.DataSubjectsApprox?.ToString("N0", CultureInfo.InvariantCulture)),
            (t.RecordCategories, Join(facts.RecordCategories)),
            (t.RecordsApprox, facts.RecordsApprox?.ToString("N0", CultureInfo.InvariantCulture)),
            (t.ContactPoint, facts.ContactPoint),
            (t.LikelyConsequences, facts.LikelyConsequences),
            (t.Measures, facts.Measures),
            (t.Systems, Join(facts.Systems)),
            (t.Products, Join(facts.Products)),
            (t.StillEstablishing, notice.Missing.Count == 0 ? null : string.Join(", ", notice.Missing.Select(t.Label))));
        if (notice.Kind != NoticeKind.Closure)
            mail.Paragraph(t.Clock, ("end", mail.Time(clockEndsAt)));
        mail.Link(t.AcknowledgeLink, acknowledgementUrl.AbsoluteUri).Closing(processorName);
        var subject = renotify ? t.RenotifySubject
            : notice.Kind switch
            {
                NoticeKind.Initial => notice.Missing.Count > 0 ? t.PhasedSubject : t.InitialSubject,
                NoticeKind.Update => t.UpdateSubject,
                _ => t.ClosureSubject,
            };
        return mail.Build(subject, title, number);
    }

    private static string? Join(IReadOnlyList<string>? items) => items is { Count: > 0 } ? string.Join(", ", items) : null;
}
