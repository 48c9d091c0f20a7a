namespace PrivacyFunctions.Platform.Due;

/// <summary>
/// A time-based obligation: <paramref name="Kind"/> says what is due, as <c>{family}.{what}</c> (e.g.
/// <c>dsr.deadline</c>, <c>email.delivery</c>; the family is the capability whose sweep reads it),
/// <paramref name="ItemKey"/> which aggregate it concerns, <paramref name="DueAt"/> when.
/// Kind and key must be valid table-key text (no <c>/ \ # ?</c> or control characters).
/// </summary>
public sealed record DueItem(string Kind, string ItemKey, DateTimeOffset DueAt)
{
    /// <summary>How many times handling this hint has failed so far (it backs off after each failure).</summary>
    public int Failures { get; init; }

    /// <summary>The capability family of a kind: the part before the first '.', or the whole kind.</summary>
    public static string FamilyOf(string kind)
    {
        var dot = kind.IndexOf('.');
        return dot < 0 ? kind : kind[..dot];
    }

    public string Family => FamilyOf(Kind);
}
