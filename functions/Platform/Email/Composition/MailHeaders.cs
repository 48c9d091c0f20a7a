namespace PrivacyFunctions.Platform.Email.Composition;

/// <summary>Header text built from stored names (subjects, display names): one line, within what the outbox accepts.</summary>
public static class MailHeaders
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>
    /// Control characters (line breaks included) become spaces, the ends are trimmed, and text longer than
    /// <paramref name="maxLength"/> is cut with "…" — a long customer name must not stop a legally required notice.
    /// Applying it twice changes nothing.
    /// </summary>
    public static string? OneLine(string? text, int maxLength)
    {
        if (text is null) return null;
        var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return line.Length <= maxLength ? line : line[..(maxLength - 1)] + "…";
    }

    public static string Subject(string subject) => OneLine(subject, EmailOutbox.MaxSubjectLength)!;

    public static EmailRecipient Recipient(EmailRecipient to) =>
        to with { DisplayName = OneLine(to.DisplayName, MaxDisplayNameLength) };
}
