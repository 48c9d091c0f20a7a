using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// The Atom 1.0 feed of the announced changes: one entry per change and one per withdrawal, with stable ids
/// (<c>urn:privacyfunctions:subprocessor-change:{changeId}</c>, <c>…:{changeId}:withdrawal</c>), newest first.
/// </summary>
public static class ChangeFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static string Atom(string processorName, Uri changesUrl, IReadOnlyList<SubProcessorChange> changes, DateTimeOffset now)
    {
        var entries = new List<SyndicationItem>();
        foreach (var change in changes)
        {
            var entry = change.Subject;
            var announced = new SyndicationItem(
                $"{Title(change.Action)}: {entry.Name}",
                SyndicationContent.CreatePlaintextContent(
                    $"{change.Summary}\n\nTakes effect: {change.EffectiveAt:yyyy-MM-dd HH:mm} UTC.\n" +
                    string.Join("\n", change.Diff.Select(d => $"{d.Field}: {d.From ?? "—"} → {d.To ?? "—"}"))),
                new Uri(changesUrl, $"changes#{Uri.EscapeDataString(change.ChangeId)}"),
                $"urn:privacyfunctions:subprocessor-change:{change.ChangeId}",
                change.AnnouncedAt) { PublishDate = change.AnnouncedAt };
            announced.Categories.Add(new SyndicationCategory(change.Action.ToString().ToLowerInvariant()));
            entries.Add(announced);
            if (change.Status == ChangeStatus.Withdrawn && change.WithdrawnAt is { } withdrawnAt)
                entries.Add(new SyndicationItem(
                    $"Withdrawn: {Title(change.Action)}: {entry.Name}",
                    SyndicationContent.CreatePlaintextContent($"The change announced on {change.AnnouncedAt:yyyy-MM-dd} is withdrawn. {change.WithdrawalReason}"),
                    new Uri(changesUrl, $"changes#{Uri.EscapeDataString(change.ChangeId)}"),
                    $"urn:privacyfunctions:subprocessor-change:{change.ChangeId}:withdrawal",
                    withdrawnAt) { PublishDate = withdrawnAt });
        }
        entries = entries.OrderByDescending(e => e.LastUpdatedTime).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var feed = new SyndicationFeed($"{processorName}: sub-processor changes", "Announced changes of the sub-processor register.",
            changesUrl, "urn:privacyfunctions:subprocessor-changes", entries.Count > 0 ? entries.Max(e => e.LastUpdatedTime) : now, entries);
        feed.Authors.Add(new SyndicationPerson { Name = processorName });
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(changesUrl, "feed"), "application/atom+xml"));

        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true }))
            new Atom10FeedFormatter(feed).WriteTo(writer);
        // XmlWriter over a StringBuilder declares UTF-16; the response is UTF-8.
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static string Title(ChangeAction action) => action switch
    {
        ChangeAction.Add => "New sub-processor",
        ChangeAction.Replace => "Sub-processor replaced",
        ChangeAction.Remove => "Sub-processor removed",
        _ => "Sub-processor changed",
    };
}
