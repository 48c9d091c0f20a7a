using System.Text;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// The customer's objection page (signed link from its notice): the change, the customer's window, the form while the
/// window is open, the objection's status once made. Small, script-free, every value encoded; texts in the visitor's language.
/// </summary>
public static class ObjectionPages
{
    public static string Page(ObjectionVisit visit, string selfUrl, DateTimeOffset now, string language, string? notice = null)
    {
        var texts = SubProcessorTexts.For(language);
        var change = visit.Change;
        var zone = visit.Customer.TimeZone;
        var body = new StringBuilder();
        if (notice is not null) body.Append("<p class=\"ok\">").Append(E(notice)).Append("</p>");
        body.Append(LinkPages.Facts(
        [
            (texts.SubProcessor, change.Subject.Name),
            (texts.LegalEntity, change.Subject.LegalEntity),
            (texts.Purpose, change.Subject.Purpose),
            (texts.Locations, string.Join(", ", change.Subject.Locations)),
            (texts.EffectiveAt, ZonedTime.Format(change.EffectiveAt, zone)),
            (texts.Summary, change.Summary),
        ]));
        if (change.Status == ChangeStatus.Withdrawn)
            body.Append("<p class=\"note\">").Append(E(texts.ChangeWithdrawn)).Append("</p>");
        else if (visit.Objection is { } objection)
            body.Append("<p>").Append(E(texts.YourObjection)).Append(": ").Append(E(texts.Statuses[objection.Status])).Append("</p>");
        else if (!visit.Window.IsOpenAt(now))
            body.Append("<p class=\"note\">").Append(E(texts.WindowClosed)).Append("</p>");
        else
        {
            body.Append("<p>").Append(E(visit.Window.EndsAt is { } end ? $"{texts.WindowEnds}: {ZonedTime.Format(end, zone)}" : texts.WindowNotStarted)).Append("</p>")
                .Append("<form method=\"post\" action=\"").Append(E(selfUrl)).Append("\">")
                .Append("<p><label for=\"reason\">").Append(E(texts.ObjectLabel)).Append("</label><br>")
                .Append("<textarea id=\"reason\" name=\"reason\" rows=\"6\" cols=\"60\" required maxlength=\"").Append(ObjectionRequest.MaxReasonLength).Append("\"></textarea></p>")
                .Append("<button type=\"submit\">").Append(E(texts.ObjectButton)).Append("</button></form>");
        }
        return LinkPages.Document(language, $"{texts.PageTitle}: {change.Subject.Name}", body.ToString());
    }

    private static string E(string text) => TextTemplate.Encode(text);
}
