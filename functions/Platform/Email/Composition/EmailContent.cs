namespace PrivacyFunctions.Platform.Email.Composition;

/// <summary>
/// One composed email: subject line, plain-text body and HTML body (all user-supplied text HTML-encoded), and for
/// list mail the unsubscribe URL that becomes the RFC 8058 <c>List-Unsubscribe</c> headers.
/// </summary>
public sealed record EmailContent(string Subject, string Text, string Html, Uri? UnsubscribeUrl = null)
{
    public EmailBody Body => new(Text, Html);
}
