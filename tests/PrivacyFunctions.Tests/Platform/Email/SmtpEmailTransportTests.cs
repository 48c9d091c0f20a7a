using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using MimeKit;
using netDumbster.smtp;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Smtp;

namespace PrivacyFunctions.Tests.Platform.Email;

/// <summary>The MailKit transport against a real SMTP server (netDumbster) on a free loopback port.</summary>
public sealed class SmtpEmailTransportTests : IDisposable
{
    private readonly SimpleSmtpServer _server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    public void Dispose() => _server.Dispose();

    private SmtpEmailTransport Transport(int? port = null) => new(Options.Create(new EmailOptions
    {
        Transport = "Smtp",
        SenderAddress = EmailTestSettings.Sender,
        SenderName = "Processor Privacy Office",
        DpoMailbox = EmailTestSettings.Dpo,
        SendTimeout = TimeSpan.FromSeconds(10),
        Smtp = { Host = "127.0.0.1", Port = port ?? _server.Configuration.Port },
    }), TimeProvider.System);

    private static OutgoingEmail Email(Uri? unsubscribe = null) => new(
        new EmailRecipient(EmailTestSettings.Sender, "Processor Privacy Office"),
        new EmailRecipient("alice@customer.example", "Alice Exämple"),
        "Sub-processor change: Ünïcode & more",
        "Plain text part.\n",
        "<!DOCTYPE html><html><body><p>HTML part.</p></body></html>",
        unsubscribe);

    private MimeMessage Received()
    {
        var smtpMessage = Assert.Single(_server.ReceivedEmail);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(smtpMessage.Data));
        return MimeMessage.Load(stream);
    }

    [Fact]
    public async Task Subject_recipient_both_parts_message_id_and_one_click_unsubscribe_headers_arrive()
    {
        var unsubscribe = new Uri("https://privacy.example/unsubscribe?token=abc");

        var id = await Transport().SendAsync(Email(unsubscribe), "subproc.notice.c1.s1", CancellationToken.None);

        var message = Received();
        Assert.Equal("Sub-processor change: Ünïcode & more", message.Subject);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal(("alice@customer.example", "Alice Exämple"), (to.Address, to.Name));
        var from = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        Assert.Equal(EmailTestSettings.Sender, from.Address);
        Assert.Equal("Plain text part.", message.TextBody?.Trim());
        Assert.Contains("<p>HTML part.</p>", message.HtmlBody);
        Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal("<https://privacy.example/unsubscribe?token=abc>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(DeliveryIds.MessageId("subproc.notice.c1.s1", EmailTestSettings.Sender), message.MessageId);
        Assert.Equal(message.MessageId, id);
        Assert.EndsWith("@processor.example", id);
    }

    [Fact]
    public async Task Mail_without_an_unsubscribe_url_has_no_list_headers()
    {
        await Transport().SendAsync(Email(), "dsr.reply.p1.x1", CancellationToken.None);

        var message = Received();
        Assert.False(message.Headers.Contains("List-Unsubscribe"));
        Assert.False(message.Headers.Contains("List-Unsubscribe-Post"));
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_failure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var e = await Assert.ThrowsAsync<EmailTransportException>(() => Transport(closedPort).SendAsync(Email(), "k1", CancellationToken.None));

        Assert.False(e.Permanent);
        Assert.DoesNotContain("@", e.Message);
    }
}
