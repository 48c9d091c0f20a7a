using System.Globalization;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// The notice of a change and the notice of its withdrawal, in the recipient's language: to a customer's privacy
/// contacts with the objection right and the customer's signed link (DPA; SCC 2021/915 cl. 7.7), to a list subscriber
/// as list mail with RFC 8058 unsubscribe headers.
/// </summary>
public static class NoticeEmails
{
    public sealed record Sender(string ProcessorName, string DpoMailbox, TimeSpan ObjectionWindow);

    public static EmailContent Announcement(SubProcessorChange change, string language, string timeZone, Sender sender,
        Uri? objectionUrl, Uri? unsubscribeUrl)
    {
        var mail = new MailComposer(language, timeZone);
        var texts = SubProcessorTexts.For(mail.Language);
        var entry = change.Subject;
        var action = texts.Actions[change.Action];
        mail.Greeting()
            .Paragraph(texts.NoticeIntro, ("action", action), ("name", entry.Name), ("date", mail.Time(change.EffectiveAt)))
            .Facts(
                (texts.SubProcessor, entry.Name),
                (texts.LegalEntity, entry.LegalEntity),
                (texts.Purpose, entry.Purpose),
                (texts.DataCategories, string.Join(", ", entry.DataCategories)),
                (texts.Locations, string.Join(", ", entry.Locations)),
                (texts.Transfer, entry.Transfer is { } t ? $"{t.Mechanism}: {t.Reference}" : null),
                (texts.Products, entry.Products.Count == 0 ? texts.AllProducts : string.Join(", ", entry.Products)),
                (texts.Replaces, change.Action == ChangeAction.Replace ? change.Previous!.Name : null),
                (texts.EffectiveAt, mail.Time(change.EffectiveAt)))
            .Quote(texts.Summary, change.Summary);
        if (objectionUrl is not null)
            mail.Paragraph(texts.ObjectionRight, ("days", ((int)sender.ObjectionWindow.TotalDays).ToString(CultureInfo.InvariantCulture)), ("dpo", sender.DpoMailbox))
                .Link(texts.ObjectionLink, objectionUrl.AbsoluteUri);
        if (unsubscribeUrl is not null)
            mail.Paragraph(texts.ListNote).Unsubscribe(unsubscribeUrl);
        return mail.Closing(sender.ProcessorName).Build(texts.NoticeSubject, ("action", action), ("name", entry.Name));
    }

    public static EmailContent Withdrawal(SubProcessorChange change, string language, string timeZone, Sender sender, Uri? unsubscribeUrl)
    {
        var mail = new MailComposer(language, timeZone);
        var texts = SubProcessorTexts.For(mail.Language);
        var name = change.Subject.Name;
        mail.Greeting()
            .Paragraph(texts.WithdrawalIntro, ("name", name), ("date", mail.Time(change.EffectiveAt)))
            .Quote(texts.Reason, change.WithdrawalReason);
        if (unsubscribeUrl is not null)
            mail.Paragraph(texts.ListNote).Unsubscribe(unsubscribeUrl);
        return mail.Closing(sender.ProcessorName).Build(texts.WithdrawalSubject, ("name", name));
    }

    internal static string LanguageOf(string locale) => Languages.Resolve(locale);
}
