namespace PrivacyFunctions.Platform.Due;

/// <summary>
/// A time-based obligation: <paramref name="Kind"/> says what is due (e.g. <c>dsr.forward-sla</c>),
/// <paramref name="ItemKey"/> which aggregate it concerns, <paramref name="DueAt"/> when.
/// Kind and key must be valid table-key text (no <c>/ \ # ?</c> or control characters).
/// </summary>
public sealed record DueItem(string Kind, string ItemKey, DateTimeOffset DueAt);
