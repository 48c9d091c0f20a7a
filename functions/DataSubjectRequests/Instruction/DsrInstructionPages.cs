using System.Globalization;
using System.Text;
using PrivacyFunctions.DataSubjectRequests.Emails;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Localization;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// The customer's instruction page and its confirmation, in the page shell of <see cref="LinkPages"/>: small,
/// script-free HTML, every value HTML-encoded, texts from <see cref="DsrPageTexts"/> in the page's language.
/// It shows only what the forward email already told the customer about the request — type, reference, product,
/// dates, status, instruction — and none of the end-user's details (they stay in the customer's mailbox).
/// </summary>
public static class DsrInstructionPages
{
    public static string Page(DsrLinkedRequest linked, string selfUrl, string processorName, DateTimeOffset now, string language)
    {
        var texts = DsrPageTexts.For(language);
        var request = linked.Request;
        var lifecycle = request.Lifecycle;
        (string, string) processor = ("processor", processorName);
        var title = Fill(texts.Title, ("reference", request.RequestId));
        var body = new StringBuilder();
        body.Append("<p>").Append(F(texts.Intro, processor, ("customer", linked.Customer.Name))).Append("</p>");
        body.Append(Facts(linked, language));

        if (!lifecycle.IsOpen)
        {
            body.Append("<p class=\"note\">").Append(F(texts.FinalNote, ("status", request.Status.ToWire()))).Append("</p>");
            return LinkPages.Document(language, title, body.ToString());
        }
        if (request.Status == DsrStatus.Received)
        {
            body.Append("<p class=\"note\">").Append(E(texts.NotForwardedNote)).Append("</p>");
            return LinkPages.Document(language, title, body.ToString());
        }

        var action = E(selfUrl);
        if (request.Status == DsrStatus.Forwarded)
            body.Append("<form method=\"post\" action=\"").Append(action).Append("\"><h2>").Append(E(texts.AcknowledgeHeading)).Append("</h2>")
                .Append("<p>").Append(E(texts.AcknowledgeText)).Append("</p>")
                .Append("<input type=\"hidden\" name=\"decision\" value=\"acknowledge\">")
                .Append("<button type=\"submit\">").Append(E(texts.AcknowledgeButton)).Append("</button></form>");

        if (lifecycle.Instruction is null)
        {
            body.Append("<form method=\"post\" action=\"").Append(action).Append("\"><h2>").Append(E(texts.InstructHeading)).Append("</h2>")
                .Append("<input type=\"hidden\" name=\"decision\" value=\"instruct\">")
                .Append("<p><label><input type=\"radio\" name=\"instruction\" value=\"controllerWillRespond\" required> ")
                .Append(F(texts.ControllerWillRespond, processor)).Append("</label></p>")
                .Append("<p><label><input type=\"radio\" name=\"instruction\" value=\"processorToAssist\"> ")
                .Append(F(texts.ProcessorToAssist, processor, ("product", request.ProductId))).Append("</label> ")
                .Append("<select name=\"action\"><option value=\"\">").Append(E(texts.ChooseWhenAssisting)).Append("</option>");
            foreach (var name in DsrInstructions.Actions.All)
                body.Append("<option value=\"").Append(E(name)).Append("\">").Append(E(name)).Append("</option>");
            body.Append("</select></p>")
                .Append("<p><label for=\"endUserMessage\">").Append(E(texts.EndUserMessageLabel)).Append("</label><br>")
                .Append("<textarea id=\"endUserMessage\" name=\"endUserMessage\" rows=\"4\" cols=\"60\" maxlength=\"")
                .Append(DsrInstructionSubmission.MaxEndUserMessageLength.ToString(CultureInfo.InvariantCulture)).Append("\"></textarea></p>")
                .Append("<button type=\"submit\">").Append(E(texts.SendInstruction)).Append("</button></form>");
        }

        if (linked.MayExtendAt(now))
        {
            body.Append("<form method=\"post\" action=\"").Append(action).Append("\"><h2>").Append(E(texts.ExtendHeading)).Append("</h2>")
                .Append("<p>").Append(E(texts.ExtendText)).Append("</p>")
                .Append("<input type=\"hidden\" name=\"decision\" value=\"extend\">")
                .Append("<p><label>").Append(E(texts.ExtensionTotal)).Append(" <select name=\"months\" required>");
            for (var months = lifecycle.ExtensionMonths + 1; months <= CustomerDeadline.MaxExtensionMonths; months++)
                body.Append("<option value=\"").Append(months.ToString(CultureInfo.InvariantCulture)).Append("\">")
                    .Append(F(months == 1 ? texts.FurtherMonth : texts.FurtherMonths, ("months", months.ToString(CultureInfo.InvariantCulture)))).Append("</option>");
            body.Append("</select></label></p>")
                .Append("<p><label for=\"reason\">").Append(E(texts.ReasonLabel)).Append("</label><br>")
                .Append("<textarea id=\"reason\" name=\"reason\" rows=\"3\" cols=\"60\" required maxlength=\"")
                .Append(DsrLifecycle.MaxExtensionReasonLength.ToString(CultureInfo.InvariantCulture)).Append("\"></textarea></p>")
                .Append("<button type=\"submit\">").Append(E(texts.RecordExtension)).Append("</button></form>");
        }
        return LinkPages.Document(language, title, body.ToString());
    }

    public static string Confirmation(DsrLinkedRequest linked, DsrInstructionSubmission submission, string selfUrl, string language)
    {
        var texts = DsrPageTexts.For(language);
        var what = submission switch
        {
            DsrInstructionSubmission.Acknowledge => texts.Acknowledged,
            DsrInstructionSubmission.Instruct { EndUserMessage: not null } => texts.InstructedWithMessage,
            DsrInstructionSubmission.Instruct => texts.Instructed,
            DsrInstructionSubmission.Extend => texts.Extended,
            _ => texts.Recorded,
        };
        var body = new StringBuilder()
            .Append("<p class=\"ok\">").Append(E(what)).Append("</p>")
            .Append(Facts(linked, language))
            .Append("<p><a href=\"").Append(E(selfUrl)).Append("\">").Append(E(texts.BackToRequest)).Append("</a></p>");
        return LinkPages.Document(language, texts.ThankYou, body.ToString());
    }

    private static string Facts(DsrLinkedRequest linked, string language)
    {
        var texts = DsrPageTexts.For(language);
        var labels = DsrEmailTexts.For(language);
        var common = CommonTexts.For(language);
        var request = linked.Request;
        var deadline = linked.Deadline;
        var instruction = request.Lifecycle.Instruction is { } i
            ? i.Kind.ToWire() + (i.Action is { } a ? $" ({a.ToWire()})" : "")
            : texts.NoInstructionYet;
        var due = Fill(labels.DeadlineValue, ("date", common.Date(deadline.DueDate)), ("zone", deadline.TimeZone));
        if (deadline.ExtensionMonths > 0)
            due += " — " + Fill(texts.ExtendedBy, ("months", deadline.ExtensionMonths.ToString(CultureInfo.InvariantCulture)));
        return LinkPages.Facts(
        [
            (labels.Reference, request.RequestId),
            (labels.Type, request.Type.ToWire()),
            (labels.Product, request.ProductId),
            (labels.ReceivedAt, $"{common.Date(deadline.ReceivedOn)} ({deadline.TimeZone})"),
            (labels.Deadline, due),
            (labels.Status, request.Status.ToWire()),
            (texts.Instruction, instruction),
        ]);
    }

    private static string Fill(string template, params (string Name, string Value)[] values) => TextTemplate.Fill(template, values, encode: false);

    private static string F(string template, params (string Name, string Value)[] values) => TextTemplate.Fill(template, values, encode: true);

    private static string E(string text) => TextTemplate.Encode(text);
}
