namespace PrivacyFunctions.Platform.Email;

/// <summary>
/// The email port (docs/email.md). One call sends one email; <paramref name="idempotencyKey"/> identifies the
/// delivery to the transport (SMTP <c>Message-ID</c>, ACS <c>Operation-Id</c>) so a repeated send is
/// recognisable downstream. Returns the transport's id for the message (kept in the delivery record).
/// Failures are <see cref="EmailTransportException"/>s whose message holds no personal data.
/// </summary>
public interface IEmailTransport
{
    /// <summary>The transport's name as recorded on the delivery (<c>Smtp</c> or <c>Acs</c>).</summary>
    string Name { get; }

    Task<string> SendAsync(OutgoingEmail email, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>
/// A send that did not succeed. <see cref="Permanent"/> means retrying cannot help (the provider refused the
/// message itself, e.g. ACS 400 or SMTP 5xx for the recipient); otherwise the queue retries. The message is
/// safe to log: status codes and error codes only, never addresses or server text that may echo them.
/// </summary>
public sealed class EmailTransportException(string message, bool permanent, Exception? innerException = null)
    : Exception(message, innerException)
{
    public bool Permanent { get; } = permanent;
}
