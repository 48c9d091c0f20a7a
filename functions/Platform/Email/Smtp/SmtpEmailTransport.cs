using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PrivacyFunctions.Platform.Email.Smtp;

/// <summary>
/// SMTP through MailKit — the local default, pointed at smtp4dev (<c>Email:Smtp:Host</c>/<c>Port</c>, default
/// localhost:2525). Sends multipart/alternative (text + HTML), a <c>Message-ID</c> derived from the idempotency key,
/// and the RFC 8058 one-click unsubscribe headers when the email has an unsubscribe URL. One connection per send:
/// a queue-triggered function holds no connection between messages.
/// </summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options, TimeProvider clock) : IEmailTransport
{
    public string Name => EmailOptions.SmtpTransport;

    public async Task<string> SendAsync(OutgoingEmail email, string idempotencyKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = BuildMessage(email, idempotencyKey, clock.GetUtcNow());
        using var client = new SmtpClient { Timeout = (int)settings.SendTimeout.TotalMilliseconds };
        try
        {
            var security = !settings.Smtp.UseTls ? SecureSocketOptions.None
                : settings.Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Smtp.UserName))
                await client.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            // The server's text may quote the address, so only the codes are kept.
            var permanent = (int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted;
            throw new EmailTransportException($"SMTP server refused the email: {(int)e.StatusCode} {e.ErrorCode}", permanent);
        }
        catch (AuthenticationException)
        {
            throw new EmailTransportException("SMTP authentication failed (check Email:Smtp:UserName/Password)", permanent: false);
        }
        catch (Exception e) when (e is SmtpProtocolException or SslHandshakeException or SocketException or IOException or ServiceNotConnectedException)
        {
            throw new EmailTransportException($"SMTP connection to the server failed: {e.GetType().Name}", permanent: false);
        }
        return message.MessageId!;
    }

    internal MimeMessage BuildMessage(OutgoingEmail email, string idempotencyKey, DateTimeOffset now)
    {
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = now,
            MessageId = DeliveryIds.MessageId(idempotencyKey, email.From.Address),
        };
        message.From.Add(new MailboxAddress(email.From.DisplayName ?? "", email.From.Address));
        message.To.Add(new MailboxAddress(email.To.DisplayName ?? "", email.To.Address));
        if (email.UnsubscribeUrl is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }
}
