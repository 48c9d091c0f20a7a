namespace PrivacyFunctions.Breaches;

public sealed record NoticeView(int Number, string Kind, DateTimeOffset DecidedAt, IReadOnlyList<string> Missing);

/// <summary>A breach as the write endpoints answer it: its state, what a complete notice still lacks, the notices decided.</summary>
public sealed record BreachSummaryView(
    string BreachId, string Status, string Source, DateTimeOffset AwareAt, BreachFacts Facts, IReadOnlyList<string> Missing,
    Assessment? Assessment, IReadOnlyList<NoticeView> Notices, DateTimeOffset? ClosedAt, string? ClosureSummary, long Version)
{
    public static BreachSummaryView From(Platform.Changes.Stored<Breach> stored)
    {
        var b = stored.State;
        return new BreachSummaryView(b.BreachId, b.Status.ToWire(), b.Source, b.AwareAt, b.Facts, b.Facts.Missing(), b.Assessment,
            b.Notices.Select(n => new NoticeView(n.Number, n.Kind.ToWire(), n.DecidedAt, n.Missing)).ToArray(), b.ClosedAt, b.ClosureSummary, stored.Version);
    }
}
