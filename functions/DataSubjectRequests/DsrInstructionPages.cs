using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// The customer's instruction page and its confirmation: small, script-free HTML. Every value is HTML-encoded.
/// It shows only what the forward email already told the customer about the request — type, reference, product,
/// dates, status, instruction — and none of the end-user's details (they stay in the customer's mailbox).
/// </summary>
public static class DsrInstructionPages
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>Headers for every answer of the instruction endpoints (page, confirmation and problems).</summary>
    public static void AddSecurityHeaders(HttpResponse response)
    {
        response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Cache-Control"] = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
    }

    /// <summary>The link's own address (path and token), where the forms post back to.</summary>
    public static string SelfUrl(HttpRequest request, string token) =>
        $"{request.PathBase}{request.Path}?token={Uri.EscapeDataString(token)}";

    public static ContentResult Html(string html, int status = StatusCodes.Status200OK) =>
        new() { Content = html, ContentType = ContentType, StatusCode = status };

    public static string Page(DsrLinkedRequest linked, string selfUrl, string processorName, DateTimeOffset now)
    {
        var request = linked.Request;
        var lifecycle = request.Lifecycle;
        var body = new StringBuilder();
        body.Append("<p>").Append(E(processorName)).Append(" forwarded this data subject request to ").Append(E(linked.Customer.Name))
            .Append(" as the controller. The end-user's details and message are in the email you received; they are not shown here.</p>");
        body.Append(Facts(linked));

        if (!lifecycle.IsOpen)
        {
            body.Append("<p class=\"note\">This request is ").Append(E(request.Status.ToWire())).Append("; nothing more can be recorded here.</p>");
            return Document($"Data subject request {request.RequestId}", body.ToString());
        }
        if (request.Status == DsrStatus.Received)
        {
            body.Append("<p class=\"note\">This request has not been forwarded yet.</p>");
            return Document($"Data subject request {request.RequestId}", body.ToString());
        }

        var action = E(selfUrl);
        if (request.Status == DsrStatus.Forwarded)
            body.Append("<form method=\"post\" action=\"").Append(action).Append("\"><h2>Acknowledge</h2>")
                .Append("<p>Confirm that you have received the request. This is optional; an instruction implies it.</p>")
                .Append("<input type=\"hidden\" name=\"decision\" value=\"acknowledge\">")
                .Append("<button type=\"submit\">Acknowledge receipt</button></form>");

        if (lifecycle.Instruction is null)
        {
            body.Append("<form method=\"post\" action=\"").Append(action).Append("\"><h2>Instruct</h2>")
                .Append("<input type=\"hidden\" name=\"decision\" value=\"instruct\">")
                .Append("<p><label><input type=\"radio\" name=\"instruction\" value=\"controllerWillRespond\" required> We will respond to the end-user ourselves; ")
                .Append(E(processorName)).Append(" does nothing more (the request is closed).</label></p>")
                .Append("<p><label><input type=\"radio\" name=\"instruction\" value=\"processorToAssist\"> ")
                .Append(E(processorName)).Append(" should assist by carrying out this action in product ").Append(E(request.ProductId)).Append(":</label> ")
                .Append("<select name=\"action\"><option value=\"\">(choose when assisting)</option>");
            foreach (var name in DsrInstructions.Actions.All)
                body.Append("<option value=\"").Append(E(name)).Append("\">").Append(E(name)).Append("</option>");
            body.Append("</select></p>")
                .Append("<p><label for=\"endUserMessage\">Optional message to the end-user (sent once, by email, only if you write one):</label><br>")
                .Append("<textarea id=\"endUserMessage\" name=\"endUserMessage\" rows=\"4\" cols=\"60\" maxlength=\"")
                .Append(DsrInstructionSubmission.MaxEndUserMessageLength.ToString(CultureInfo.InvariantCulture)).Append("\"></textarea></p>")
                .Append("<button type=\"submit\">Send instruction</button></form>");
        }

        if (linked.MayExtendAt(now))
        {
            body.Append("<form method=\"post\" action=\"").Append(action).Append("\"><h2>Extend the deadline</h2>")
                .Append("<p>GDPR Art. 12(3) allows up to two further months where necessary; tell the end-user within the first month.</p>")
                .Append("<input type=\"hidden\" name=\"decision\" value=\"extend\">")
                .Append("<p><label>Extension in total: <select name=\"months\" required>");
            for (var months = lifecycle.ExtensionMonths + 1; months <= CustomerDeadline.MaxExtensionMonths; months++)
                body.Append("<option value=\"").Append(months.ToString(CultureInfo.InvariantCulture)).Append("\">")
                    .Append(months.ToString(CultureInfo.InvariantCulture)).Append(months == 1 ? " further month" : " further months").Append("</option>");
            body.Append("</select></label></p>")
                .Append("<p><label for=\"reason\">Reason (kept on the request's record; no personal data please):</label><br>")
                .Append("<textarea id=\"reason\" name=\"reason\" rows=\"3\" cols=\"60\" required maxlength=\"")
                .Append(DsrLifecycle.MaxExtensionReasonLength.ToString(CultureInfo.InvariantCulture)).Append("\"></textarea></p>")
                .Append("<button type=\"submit\">Record extension</button></form>");
        }
        return Document($"Data subject request {request.RequestId}", body.ToString());
    }

    public static string Confirmation(DsrLinkedRequest linked, DsrInstructionSubmission submission, string selfUrl)
    {
        var what = submission switch
        {
            DsrInstructionSubmission.Acknowledge => "Your acknowledgement is recorded.",
            DsrInstructionSubmission.Instruct { EndUserMessage: not null } => "Your instruction is recorded, and your message will be sent to the end-user once.",
            DsrInstructionSubmission.Instruct => "Your instruction is recorded.",
            DsrInstructionSubmission.Extend => "The extension is recorded; the deadline below is the new one.",
            _ => "Recorded.",
        };
        var body = new StringBuilder()
            .Append("<p class=\"ok\">").Append(E(what)).Append("</p>")
            .Append(Facts(linked))
            .Append("<p><a href=\"").Append(E(selfUrl)).Append("\">Back to the request</a></p>");
        return Document("Thank you", body.ToString());
    }

    private static string Facts(DsrLinkedRequest linked)
    {
        var request = linked.Request;
        var deadline = linked.Deadline;
        var instruction = request.Lifecycle.Instruction is { } i
            ? i.Kind.ToWire() + (i.Action is { } a ? $" ({a.ToWire()})" : "")
            : "none yet";
        var due = $"{Date(deadline.DueDate)}, end of day ({deadline.TimeZone})";
        if (deadline.ExtensionMonths > 0)
            due += $" — extended by {deadline.ExtensionMonths} month(s)";
        var rows = new (string, string)[]
        {
            ("Reference", request.RequestId),
            ("Type", request.Type.ToWire()),
            ("Product", request.ProductId),
            ("Received", $"{Date(deadline.ReceivedOn)} ({deadline.TimeZone})"),
            ("Your deadline", due),
            ("Status", request.Status.ToWire()),
            ("Instruction", instruction),
        };
        var html = new StringBuilder("<table>");
        foreach (var (label, value) in rows)
            html.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
        return html.Append("</table>").ToString();
    }

    private static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + E(title) + "</title>" +
        "<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}" +
        "th{text-align:left;padding-right:1rem;vertical-align:top}form{border:1px solid #ccc;padding:0 1rem 1rem;margin:1rem 0}" +
        ".ok{color:#064}.note{color:#555}</style></head><body><h1>" + E(title) + "</h1>" + body + "</body></html>";

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
