using System.Text;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.SubProcessors.Subscriptions;

/// <summary>
/// The confirm and unsubscribe pages in the page shell of <see cref="LinkPages"/>: script-free, every text encoded, a
/// form posting back to the link itself (a GET never changes anything: mail scanners follow links). The unsubscribe
/// form posts exactly what an RFC 8058 one-click client posts.
/// </summary>
public static class SubscriptionPages
{
    public const string OneClickField = "List-Unsubscribe";
    public const string OneClickValue = "One-Click";

    public static string Confirm(Subscriber subscriber, string selfUrl, string language)
    {
        var texts = SubscriptionTexts.For(language);
        if (subscriber.Status == SubscriberStatus.Confirmed) return Confirmed(language);
        var body = new StringBuilder()
            .Append("<p>").Append(E(texts.ConfirmText)).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(E(selfUrl)).Append("\">")
            .Append("<button type=\"submit\">").Append(E(texts.ConfirmButton)).Append("</button></form>");
        return LinkPages.Document(language, texts.ConfirmTitle, body.ToString());
    }

    public static string Confirmed(string language)
    {
        var texts = SubscriptionTexts.For(language);
        return LinkPages.Document(language, texts.ConfirmedTitle, "<p class=\"ok\">" + E(texts.ConfirmedText) + "</p>");
    }

    public static string Unsubscribe(Subscriber subscriber, string selfUrl, string language)
    {
        var texts = SubscriptionTexts.For(language);
        if (subscriber.Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Expired) return Unsubscribed(language);
        var body = new StringBuilder()
            .Append("<p>").Append(E(texts.UnsubscribeText)).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(E(selfUrl)).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(OneClickField).Append("\" value=\"").Append(OneClickValue).Append("\">")
            .Append("<button type=\"submit\">").Append(E(texts.UnsubscribeButton)).Append("</button></form>");
        return LinkPages.Document(language, texts.UnsubscribeTitle, body.ToString());
    }

    public static string Unsubscribed(string language)
    {
        var texts = SubscriptionTexts.For(language);
        return LinkPages.Document(language, texts.UnsubscribedTitle, "<p class=\"ok\">" + E(texts.UnsubscribedText) + "</p>");
    }

    private static string E(string text) => TextTemplate.Encode(text);
}
