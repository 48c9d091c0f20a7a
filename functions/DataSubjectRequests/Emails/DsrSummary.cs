using System.Globalization;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>The facts about a request that customer and DPO emails share (no personal data of the end-user).</summary>
public sealed record DsrSummary(string RequestId, string ProductId, DsrType Type, DateTimeOffset ReceivedAt, DeadlineDue Deadline)
{
    /// <summary>A composer in <paramref name="language"/> that shows instants on the customer's clock.</summary>
    internal MailComposer Composer(string language) => new(language, Deadline.TimeZone);

    /// <summary>When it was received, on the customer's clock, e.g. "2026-01-31 00:30 (Europe/Brussels)".</summary>
    internal string ReceivedIn(MailComposer mail) => mail.Time(ReceivedAt);

    internal string DeadlineText(MailComposer mail, DsrEmailTexts texts) =>
        TextTemplate.Fill(texts.DeadlineValue, [("date", mail.Date(Deadline.DueDate)), ("zone", Deadline.TimeZone)], encode: false);

    internal string? ExtensionText(DsrEmailTexts texts) => Deadline.ExtensionMonths == 0 ? null :
        TextTemplate.Fill(texts.ExtendedMonths, [("months", Deadline.ExtensionMonths.ToString(CultureInfo.InvariantCulture))], encode: false);
}
