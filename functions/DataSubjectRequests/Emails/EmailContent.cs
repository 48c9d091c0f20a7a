namespace PrivacyFunctions.DataSubjectRequests.Emails;

/// <summary>One composed email: subject line, plain-text body and HTML body (all user-supplied text HTML-encoded).</summary>
public sealed record EmailContent(string Subject, string Text, string Html);
