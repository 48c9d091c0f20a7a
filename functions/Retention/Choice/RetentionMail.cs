using System.Globalization;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Composition;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Localization;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.Retention;

/// <summary>
/// The emails to the customer's privacy contacts, in its language and zone: the signed link to choose (and reminders),
/// and each certificate with its digest and the public verification link. One email per contact, keyed
/// <c>retention.{dispositionId}.{mail}.{recipient}</c>.
/// </summary>
public sealed class RetentionMail(CustomerDirectory customers, MailSender sender, LinkTokens links,
    IOptions<ProcessorOptions> processor, IOptions<RetentionOptions> options, IOptions<LinkOptions> linkOptions)
{
    /// <summary>How long after the choice deadline a choice link still opens the page (to see what was chosen).</summary>
    public static readonly TimeSpan LinkGrace = TimeSpan.FromDays(30);

    /// <param name="d">The disposition as the change that sends the mail left it (an effect handler must not read its own aggregate again).</param>
    public async Task SendAsync(Disposition d, string mail, string? certificateId, CancellationToken ct)
    {
        if ((await customers.GetAsync(d.CustomerId, ct))?.Customer is not { } customer) return;
        var composer = new MailComposer(Languages.Resolve(customer.Locale), customer.TimeZone);
        var t = RetentionTexts.For(composer.Language);
        EmailContent content;
        if (certificateId is not null && d.Certificates.FirstOrDefault(c => c.CertificateId == certificateId) is { } certificate)
        {
            var verify = linkOptions.Value.BaseUrl!.TrimEnd('/') + $"/api/retention/certificates/{certificate.CertificateId}/verification?digest={certificate.Digest}";
            content = composer.Greeting().Paragraph(t.CertificateBody, ("processor", processor.Value.DisplayName))
                .Facts((t.Certificate, certificate.CertificateId), (t.Digest, certificate.Digest))
                .Quote(t.Certificate, certificate.Canonical)
                .Link(t.Verify, verify)
                .Closing(processor.Value.DisplayName).Build(t.CertificateSubject);
        }
        else
        {
            var token = links.Issue(LinkPurposes.RetentionChoice, d.CustomerId, d.DispositionId, d.ChoiceDeadline + LinkGrace);
            content = composer.Greeting()
                .Paragraph(t.ChoiceBody, ("processor", processor.Value.DisplayName), ("endsAt", composer.Time(d.EndsAt)), ("deadline", composer.Time(d.ChoiceDeadline)),
                    ("default", t.Kinds[options.Value.DefaultDisposition]))
                .Facts((t.Products, string.Join(", ", d.Products)))
                .Link(t.ChoiceLink, links.LinkUrl($"api/retention/{d.DispositionId}/choice", token).AbsoluteUri)
                .Closing(processor.Value.DisplayName).Build(mail == "choice" ? t.ChoiceSubject : t.ReminderSubject);
        }
        var notice = new NoticeRef(DispositionKind.Type, d.DispositionId, "retention." + (certificateId is null ? "choice" : "certificate"));
        if (certificateId is null)
        {
            await sender.SendToEachAsync($"retention.{d.DispositionId}.{mail}", customer.Contacts.Privacy.Select(a => new EmailRecipient(a, customer.Name)), _ => content, notice, ct);
            return;
        }
        // A certificate is sent at once, so that its delivery is recorded before our own copy of the customer is erased
        // (the erasure then blanks that record too); a send that fails transiently goes to the queue and the erasure is finished once it settled (EndCustomerRetry).
        foreach (var address in customer.Contacts.Privacy.Distinct(StringComparer.OrdinalIgnoreCase))
            await sender.SendNowAsync(MailSender.KeyFor($"retention.{d.DispositionId}.{mail}", address), new EmailRecipient(address, customer.Name), content, notice, ct);
    }
}

public sealed class MailCustomerHandler(RetentionMail mail) : IEffectHandler<MailCustomer>
{
    public Task PerformAsync(MailCustomer effect, EffectContext context, CancellationToken ct) => mail.SendAsync(context.StateAs<Disposition>(), effect.Mail, effect.CertificateId, ct);
}

public sealed class FollowUpPurgesHandler(RetentionActions actions) : IEffectHandler<FollowUpPurges>
{
    public Task PerformAsync(FollowUpPurges effect, EffectContext context, CancellationToken ct) => actions.FollowUpAsync(context.StateAs<LegalHold>(), ct);
}

public sealed class AlertDpoOfRetentionHandler(DpoAlerts alerts) : IEffectHandler<AlertDpoOfRetention>
{
    public Task PerformAsync(AlertDpoOfRetention effect, EffectContext context, CancellationToken ct) =>
        alerts.RaiseAsync(effect.AlertKind, effect.ItemKey, effect.Subject, effect.Text, ct);
}
