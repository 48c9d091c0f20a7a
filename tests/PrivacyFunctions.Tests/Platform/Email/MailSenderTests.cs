using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Composition;

namespace PrivacyFunctions.Tests.Platform.Email;

public sealed class MailSenderTests : IAsyncLifetime
{
    private static readonly NoticeRef Notice = new("subprocessor-change", "chg-1", "subprocessor.notice");
    private readonly EmailTestApp _email = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _email.DisposeAsync().AsTask();

    private MailSender Sender => _email.App.Get<MailSender>();

    private static EmailContent Content(string text = "A new sub-processor will be engaged.") => new MailComposer("en").Text(text).Build("Sub-processor change notice");

    [Fact]
    public async Task Send_to_each_keys_every_email_by_the_recipients_hash_so_order_and_case_do_not_matter()
    {
        var first = await Sender.SendToEachAsync("subproc.notice.chg-1", ["alice@customer.example", "bob@customer.example"], Content(), Notice);
        var reordered = await Sender.SendToEachAsync("subproc.notice.chg-1", ["bob@customer.example", "ALICE@customer.example", "alice@customer.example"], Content(), Notice);

        var alice = MailSender.KeyFor("subproc.notice.chg-1", "alice@customer.example");
        Assert.Equal($"subproc.notice.chg-1.{EmailDelivery.HashRecipient("alice@customer.example")[..16]}", alice);
        Assert.Equal([alice, MailSender.KeyFor("subproc.notice.chg-1", "bob@customer.example")], first.Select(r => r.IdempotencyKey));
        Assert.Equal(2, reordered.Count);
        Assert.Equal(first.Select(r => r.IdempotencyKey).Order(), reordered.Select(r => r.IdempotencyKey).Order());
        await _email.DeliverQueuedAsync(); // the repeated keys were queued again, and send nothing twice
        Assert.Equal(2, _email.Sent.Count);
        Assert.Equal(["alice@customer.example", "bob@customer.example"], _email.Sent.Select(s => s.Email.To.Address).Order());
        Assert.DoesNotContain('@', alice);
    }

    [Fact]
    public async Task Each_recipient_of_list_mail_gets_its_own_unsubscribe_url_sent_as_the_RFC_8058_pair()
    {
        Uri UnsubscribeFor(EmailRecipient to) => new($"https://privacy.example/api/unsubscribe?token=t-{MailSender.RecipientKey(to.Address)}");

        await Sender.SendToEachAsync("subproc.notice.chg-2",
            [new EmailRecipient("alice@customer.example", "Alice\r\nBcc: x@evil.example"), new EmailRecipient("bob@customer.example")],
            to => new MailComposer("nl").Text("Nieuwe subverwerker.").Unsubscribe(UnsubscribeFor(to)).Build("Wijziging subverwerkers"), Notice);
        await _email.DeliverQueuedAsync();

        Assert.Equal(2, _email.Sent.Count);
        Assert.All(_email.Sent, sent =>
        {
            Assert.Equal(UnsubscribeFor(sent.Email.To), sent.Email.UnsubscribeUrl);
            Assert.Contains("Afmelden voor deze e-mails: " + UnsubscribeFor(sent.Email.To).AbsoluteUri, sent.Email.TextBody, StringComparison.Ordinal);
        });
        Assert.Equal("Alice  Bcc: x@evil.example", _email.Sent.Single(s => s.Email.To.Address.StartsWith("alice", StringComparison.Ordinal)).Email.To.DisplayName);
    }
}
