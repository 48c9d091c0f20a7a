using PrivacyFunctions.DataSubjectRequests.Due;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Endpoints;

public sealed class DsrInstructionEndpointTests : IAsyncLifetime
{
    private readonly DsrEndpointScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private async Task<(string RequestId, string Token)> ForwardedWithLinkAsync(string externalId = "r-1", DateTimeOffset? receivedAt = null)
    {
        var requestId = await _s.ForwardedAsync(externalId, receivedAt: receivedAt);
        return (requestId, await _s.TokenFromForwardEmailAsync(requestId));
    }

    private static void AssertSecurityHeaders(HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        Assert.Contains("default-src 'none'", headers["Content-Security-Policy"].ToString(), StringComparison.Ordinal);
        Assert.Contains("style-src 'unsafe-inline'", headers["Content-Security-Policy"].ToString(), StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", headers["Content-Security-Policy"].ToString(), StringComparison.Ordinal);
        Assert.Equal("DENY", headers["X-Frame-Options"].ToString());
        Assert.Equal("no-referrer", headers["Referrer-Policy"].ToString());
        Assert.Equal("no-store", headers["Cache-Control"].ToString());
    }

    private static ContentResult Html(IActionResult result)
    {
        var html = Assert.IsType<ContentResult>(result);
        Assert.Equal("text/html; charset=utf-8", html.ContentType);
        return html;
    }

    // ---- the page ----

    [Fact]
    public async Task The_link_from_the_forward_email_opens_the_page_with_forms_posting_back_to_it()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();

        var (result, request) = await _s.PageAsync(requestId, token);

        var html = Html(result);
        Assert.Equal(200, html.StatusCode);
        AssertSecurityHeaders(request);
        Assert.Contains(requestId, html.Content, StringComparison.Ordinal);
        Assert.Contains("erasure", html.Content, StringComparison.Ordinal);
        Assert.Contains("forwarded", html.Content, StringComparison.Ordinal);
        Assert.Contains("10 April 2026, end of day (Europe/Brussels)", html.Content, StringComparison.Ordinal);
        var action = $"action=\"/api/dsr/{requestId}/instruction?token={Uri.EscapeDataString(token)}\"";
        Assert.Equal(3, html.Content!.Split(action).Length - 1); // acknowledge, instruct, extend
        Assert.Contains("name=\"decision\" value=\"acknowledge\"", html.Content, StringComparison.Ordinal);
        Assert.Contains("value=\"processorToAssist\"", html.Content, StringComparison.Ordinal);
        Assert.Contains("name=\"endUserMessage\"", html.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html.Content, StringComparison.OrdinalIgnoreCase);
        // Nothing of the end-user beyond what the customer already received: no address, name or message.
        Assert.DoesNotContain(DsrEndpointScenario.SubjectEmail, html.Content, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DsrEndpointScenario.SubjectName, html.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("invoice 4711", html.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_value_on_the_page_is_html_encoded()
    {
        await _s.CreateCustomerAsync("evil", name: "<script>alert('x')</script> & Co");
        var requestId = await _s.ReceiveAsync("r-evil", customerId: "evil");
        await _s.App.Get<DsrForwarding>().ForwardAsync(requestId, CancellationToken.None);
        var token = await _s.TokenFromForwardEmailAsync(requestId);

        var (result, _) = await _s.PageAsync(requestId, token);

        var html = Html(result).Content!;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_request_shows_its_state_without_forms()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();
        await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "instruct", ["instruction"] = "controllerWillRespond" });

        var (result, _) = await _s.PageAsync(requestId, token);

        var html = Html(result).Content!;
        Assert.Contains("closed", html, StringComparison.Ordinal);
        Assert.Contains("controllerWillRespond", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    // ---- the link's security ----

    public static TheoryData<string> BadTokens() => ["tampered", "foreign", "wrong-purpose", "other-customer", "garbage", "missing"];

    private async Task<string?> BadTokenAsync(string kind, string requestId, string token)
    {
        var links = _s.App.Get<LinkTokens>();
        var expiry = _s.Now.AddDays(30);
        switch (kind)
        {
            case "tampered":
                var last = token[^1] == 'A' ? 'B' : 'A';
                return token[..^1] + last;
            case "foreign":
                var other = await _s.ForwardedAsync("r-other");
                return await _s.TokenFromForwardEmailAsync(other);
            case "wrong-purpose":
                return links.Issue(LinkPurposes.BreachAcknowledgement, DsrEndpointScenario.CustomerId, requestId, expiry);
            case "other-customer":
                return links.Issue(LinkPurposes.DsrInstruction, "globex", requestId, expiry);
            case "garbage":
                return "not-a-token";
            default:
                return null;
        }
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task An_invalid_tampered_foreign_or_other_purpose_link_is_a_401_on_the_page(string kind)
    {
        var (requestId, token) = await ForwardedWithLinkAsync();
        var bad = await BadTokenAsync(kind, requestId, token);

        var (result, request) = await _s.PageAsync(requestId, bad);

        var response = Response.Of(result);
        Assert.Equal(401, response.Status);
        Assert.EndsWith(":link-invalid", response.ProblemType, StringComparison.Ordinal);
        AssertSecurityHeaders(request);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task An_invalid_tampered_foreign_or_other_purpose_link_cannot_post_and_changes_nothing(string kind)
    {
        var (requestId, token) = await ForwardedWithLinkAsync();
        var bad = await BadTokenAsync(kind, requestId, token);

        var response = await _s.PostJsonAsync(requestId, bad, new JsonObject { ["decision"] = "acknowledge" });
        var (form, _) = await _s.PostFormAsync(requestId, bad, "decision=acknowledge");

        Assert.Equal(401, response.Status);
        Assert.Equal(401, Response.Of(form).Status);
        Assert.Equal(DsrStatus.Forwarded, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task An_expired_link_is_a_410_on_the_page_and_the_post()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();
        var customer = (await _s.App.Get<PrivacyFunctions.Customers.CustomerDirectory>().GetAsync("acme", CancellationToken.None))!.Customer;
        var deadline = (await _s.FindAsync(requestId)).DeadlineIn(customer.TimeZone);
        _s.App.Clock.SetUtcNow(deadline.DueAt + _s.App.Get<Microsoft.Extensions.Options.IOptions<DsrOptions>>().Value.InstructionLinkGrace + TimeSpan.FromSeconds(1));

        var (page, _) = await _s.PageAsync(requestId, token);
        var post = await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "acknowledge" });

        Assert.Equal(410, Response.Of(page).Status);
        Assert.EndsWith(":link-expired", Response.Of(page).ProblemType, StringComparison.Ordinal);
        Assert.Equal(410, post.Status);
        Assert.Equal(DsrStatus.Forwarded, (await _s.FindAsync(requestId)).Status);
    }

    // ---- acknowledge ----

    [Fact]
    public async Task Acknowledging_through_the_form_records_it_publishes_dsr_acknowledged_and_confirms_in_html()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();

        var (result, request) = await _s.PostFormAsync(requestId, token, "decision=acknowledge");

        var html = Html(result);
        Assert.Equal(200, html.StatusCode);
        Assert.Contains("Your acknowledgement is recorded.", html.Content, StringComparison.Ordinal);
        Assert.Contains("acknowledged", html.Content, StringComparison.Ordinal);
        AssertSecurityHeaders(request);
        var stored = await _s.FindAsync(requestId);
        Assert.Equal(DsrStatus.Acknowledged, stored.Status);
        Assert.Contains(stored.Timeline, t => t.What == "acknowledged by the customer");
        var acknowledged = Assert.Single(await _s.EventsAsync(requestId), e => e.GetString("Type") == DsrEvents.Acknowledged);
        Assert.Equal($"dsr.acknowledged.{requestId}", acknowledged.RowKey);
        var audit = await _s.App.Get<PrivacyFunctions.Platform.Audit.AuditTrail>().ExportAsync(DsrKind.Type, requestId);
        Assert.Contains(audit.Entries, a => a.Action == DsrEvents.Acknowledged && a.Actor == "customer-link");
        Assert.True(audit.Verification.IsValid);

        var again = Response.Of((await _s.PostFormAsync(requestId, token, "decision=acknowledge")).Result);
        Assert.Equal(200, again.Status);
        Assert.Single(await _s.EventsAsync(requestId), e => e.GetString("Type") == DsrEvents.Acknowledged);
    }

    // ---- instruct ----

    [Fact]
    public async Task Instructing_the_processor_to_assist_requests_execution_from_the_requests_product()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();

        var response = await _s.PostJsonAsync(requestId, token,
            new JsonObject { ["decision"] = "instruct", ["instruction"] = "processorToAssist", ["action"] = "erase" });

        Assert.Equal(200, response.Status);
        Assert.Equal("instructed", response.Body.GetProperty("status").GetString());
        Assert.Equal("processorToAssist", response.Body.GetProperty("instruction").GetProperty("kind").GetString());
        Assert.Equal("erase", response.Body.GetProperty("instruction").GetProperty("action").GetString());
        Assert.Equal("2026-04-10", response.Body.GetProperty("deadline").GetProperty("dueDate").GetString());
        var events = await _s.EventsAsync(requestId);
        var execution = Assert.Single(events, e => e.GetString("Type") == DsrEvents.ExecutionRequested);
        Assert.Equal(DsrEndpointScenario.Product, execution.GetString("ProductId"));
        Assert.Contains("\"action\":\"erase\"", execution.GetString("CloudEvent"), StringComparison.Ordinal);
        Assert.Single(events, e => e.GetString("Type") == DsrEvents.Instructed);
        // Without a message from the customer, the end-user gets nothing beyond the referral.
        var toSubject = await _s.DeliveriesToAsync(DsrEndpointScenario.SubjectEmail);
        Assert.Equal(["dsr.referral"], toSubject.Select(d => d.GetString("NoticeKind")));
    }

    [Fact]
    public async Task The_instruct_form_with_controller_will_respond_closes_the_request()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();

        // What a browser sends for the instruct form: every field, the unused ones empty.
        var (result, _) = await _s.PostFormAsync(requestId, token, "decision=instruct&instruction=controllerWillRespond&action=&endUserMessage=");

        Assert.Equal(200, Html(result).StatusCode);
        Assert.Equal(DsrStatus.Closed, (await _s.FindAsync(requestId)).Status);
        var types = (await _s.EventsAsync(requestId)).Select(e => e.GetString("Type")).ToArray();
        Assert.Contains(DsrEvents.Instructed, types);
        Assert.Contains(DsrEvents.Closed, types);
        Assert.DoesNotContain(DsrEvents.ExecutionRequested, types);
        Assert.Single(await _s.DeliveriesToAsync(DsrEndpointScenario.SubjectEmail));
    }

    [Fact]
    public async Task A_message_for_the_end_user_is_sent_exactly_once_and_only_because_the_customer_wrote_it()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();
        const string message = "We have received your request & will answer within the month. <b>Acme</b>";

        var (result, _) = await _s.PostFormAsync(requestId, token,
            "decision=instruct&instruction=controllerWillRespond&action=&endUserMessage=" + Uri.EscapeDataString(message));
        var again = await _s.PostJsonAsync(requestId, token,
            new JsonObject { ["decision"] = "instruct", ["instruction"] = "controllerWillRespond", ["endUserMessage"] = message });

        Assert.Contains("your message will be sent to the end-user once", Html(result).Content, StringComparison.Ordinal);
        Assert.Equal(200, again.Status);
        var reply = await _s.DeliveryAsync(DsrMail.EndUserReplyKey(requestId));
        Assert.Equal(DsrEndpointScenario.SubjectEmail, reply.GetString("ToAddress"));
        Assert.Contains(message, reply.GetString("TextBody"), StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Acme</b>", reply.GetString("HtmlBody"), StringComparison.Ordinal);
        var toSubject = await _s.DeliveriesToAsync(DsrEndpointScenario.SubjectEmail);
        Assert.Equal(["dsr.end-user-reply", "dsr.referral"], toSubject.Select(d => d.GetString("NoticeKind")).Order());
        var stored = await _s.FindAsync(requestId);
        Assert.Equal(message, stored.EndUserReply);
        Assert.Empty(await _s.PendingEffectsAsync(requestId));
    }

    [Fact]
    public async Task A_message_that_did_not_come_with_the_first_instruction_is_refused_not_dropped()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();
        await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "instruct", ["instruction"] = "controllerWillRespond" });

        var late = await _s.PostJsonAsync(requestId, token,
            new JsonObject { ["decision"] = "instruct", ["instruction"] = "controllerWillRespond", ["endUserMessage"] = "We will reply by 30 April." });

        Assert.Equal(409, late.Status);
        Assert.Null((await _s.FindAsync(requestId)).EndUserReply);
        Assert.Equal(["dsr.referral"], (await _s.DeliveriesToAsync(DsrEndpointScenario.SubjectEmail)).Select(d => d.GetString("NoticeKind")));
    }

    [Fact]
    public async Task An_extension_can_only_be_recorded_within_the_first_month()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();
        var firstMonth = (await _s.FindAsync(requestId)).DeadlineIn("Europe/Brussels");
        Assert.Contains("Extend the deadline", Html((await _s.PageAsync(requestId, token)).Result).Content, StringComparison.Ordinal);
        _s.App.Clock.SetUtcNow(firstMonth.DueAt);
        Assert.DoesNotContain("Extend the deadline", Html((await _s.PageAsync(requestId, token)).Result).Content, StringComparison.Ordinal);

        var late = await _s.PostJsonAsync(requestId, token,
            new JsonObject { ["decision"] = "extend", ["months"] = 2, ["reason"] = "Complex request across several systems." });

        Assert.Equal(409, late.Status);
        Assert.Contains("Art. 12(3)", late.Body.GetProperty("detail").GetString());
        Assert.Equal(0, (await _s.FindAsync(requestId)).Lifecycle.ExtensionMonths);
    }

    [Fact]
    public async Task A_different_second_instruction_is_a_409_and_the_first_stands()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();
        await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "instruct", ["instruction"] = "processorToAssist", ["action"] = "export" });

        var response = await _s.PostJsonAsync(requestId, token,
            new JsonObject { ["decision"] = "instruct", ["instruction"] = "controllerWillRespond" });

        Assert.Equal(409, response.Status);
        Assert.EndsWith(":conflict", response.ProblemType, StringComparison.Ordinal);
        Assert.Equal(DsrStatus.Instructed, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task Acknowledging_a_request_that_is_not_yet_forwarded_is_a_409()
    {
        var requestId = await _s.ReceiveAsync("r-1");
        var token = _s.App.Get<LinkTokens>().Issue(LinkPurposes.DsrInstruction, "acme", requestId, _s.Now.AddDays(30));

        var response = await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "acknowledge" });

        Assert.Equal(409, response.Status);
        Assert.Equal(DsrStatus.Received, (await _s.FindAsync(requestId)).Status);
    }

    // ---- extend ----

    [Fact]
    public async Task A_two_month_extension_moves_the_deadline_to_three_months_from_receipt_and_reschedules_the_reminders()
    {
        _s.App.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 31, 12, 0, 0, TimeSpan.Zero));
        var (requestId, token) = await ForwardedWithLinkAsync(receivedAt: new DateTimeOffset(2027, 1, 31, 10, 0, 0, TimeSpan.Zero));

        var response = await _s.PostJsonAsync(requestId, token,
            new JsonObject { ["decision"] = "extend", ["months"] = 2, ["reason"] = "The request covers ten years of invoices in three systems." });

        Assert.Equal(200, response.Status);
        var deadline = response.Body.GetProperty("deadline");
        Assert.Equal("2027-04-30", deadline.GetProperty("dueDate").GetString());
        Assert.Equal(2, deadline.GetProperty("extensionMonths").GetInt32());
        Assert.Equal("The request covers ten years of invoices in three systems.", deadline.GetProperty("extensionReason").GetString());
        var newDueAt = new DateTimeOffset(2027, 4, 30, 22, 0, 0, TimeSpan.Zero); // end of 30 April in Brussels (CEST)
        Assert.Equal(newDueAt, deadline.GetProperty("dueAt").GetDateTimeOffset());

        var hints = (await _s.App.RowsAsync(StorageNames.Tables.DueIndex))
            .Where(r => r.GetString("ItemKey") == requestId)
            .Select(r => (Kind: r.GetString("Kind"), DueAt: r.GetDateTimeOffset("DueAt")!.Value)).ToList();
        // The deadline chain watches the new deadline from its next milestone (7 days before it); the old deadline's next
        // milestone, made obsolete by the extension, is gone.
        var oldDueAt = new DateTimeOffset(2027, 2, 28, 23, 0, 0, TimeSpan.Zero);
        Assert.Equal([(DsrDueKinds.Deadline, newDueAt - TimeSpan.FromDays(7))], hints.Where(h => h.Kind == DsrDueKinds.Deadline));
        Assert.DoesNotContain(hints, h => h.DueAt == oldDueAt - TimeSpan.FromDays(7));

        // The old deadline passes without escalation or reminder; the new one's reminder goes out.
        _s.App.Clock.SetUtcNow(oldDueAt + TimeSpan.FromMinutes(1));
        await _s.App.Get<DsrSweep>().RunAsync(CancellationToken.None);
        var afterOld = await _s.FindAsync(requestId);
        Assert.Null(afterOld.Lifecycle.Escalation);
        Assert.DoesNotContain(await _s.App.OutboxRowsAsync(), r => r.PartitionKey.StartsWith(DsrMail.KeyPrefix(requestId) + "reminder", StringComparison.Ordinal));
        _s.App.Clock.SetUtcNow(newDueAt - TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await _s.App.Get<DsrSweep>().RunAsync(CancellationToken.None);
        Assert.Single(await _s.App.OutboxRowsAsync(), r => r.PartitionKey == DsrMail.ReminderKey(requestId, 7, 2, DsrEndpointScenario.DsrContact));
    }

    [Fact]
    public async Task An_extension_through_the_form_is_recorded_and_cannot_be_shortened_later()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();

        var (result, _) = await _s.PostFormAsync(requestId, token, "decision=extend&months=1&reason=" + Uri.EscapeDataString("Complex request"));
        var repeat = await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "extend", ["months"] = 1, ["reason"] = "Complex request" });
        var second = await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "extend", ["months"] = 2, ["reason"] = "Still more systems" });
        var shorter = await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "extend", ["months"] = 1, ["reason"] = "Undo" });

        Assert.Contains("The extension is recorded", Html(result).Content, StringComparison.Ordinal);
        Assert.Contains("10 May 2026, end of day", Html(result).Content, StringComparison.Ordinal);
        Assert.Equal(200, repeat.Status);
        Assert.Equal("2026-06-10", second.Body.GetProperty("deadline").GetProperty("dueDate").GetString());
        Assert.Equal(409, shorter.Status);
        var stored = await _s.FindAsync(requestId);
        Assert.Equal(2, stored.Lifecycle.ExtensionMonths);
        Assert.Equal(DsrStatus.Forwarded, stored.Status);
    }

    // ---- validation ----

    public static TheoryData<string, string> BadJsonSubmissions() => new()
    {
        { """{}""", "decision" },
        { """{"decision":"approve"}""", "decision" },
        { """{"decision":"instruct"}""", "instruction" },
        { """{"decision":"instruct","instruction":"processorToAssist"}""", "action" },
        { """{"decision":"instruct","instruction":"processorToAssist","action":"delete"}""", "action" },
        { """{"decision":"instruct","instruction":"controllerWillRespond","action":"erase"}""", "action" },
        { """{"decision":"instruct","instruction":"controllerWillRespond","endUserMessage":"MESSAGE"}""".Replace("MESSAGE", new string('m', 2001), StringComparison.Ordinal), "endUserMessage" },
        { """{"decision":"instruct","instruction":"controllerWillRespond","endUserMessage":42}""", "endUserMessage" },
        { """{"decision":"extend","reason":"why"}""", "months" },
        { """{"decision":"extend","months":3,"reason":"why"}""", "months" },
        { """{"decision":"extend","months":"2","reason":"why"}""", "months" },
        { """{"decision":"extend","months":2}""", "reason" },
        { """{"decision":"extend","months":2,"reason":"   "}""", "reason" },
        { """{"decision":"extend","months":2,"reason":"REASON"}""".Replace("REASON", new string('r', 1001), StringComparison.Ordinal), "reason" },
        { """{"decision":"acknowledge","months":2}""", "months" },
        { """{"decision":"acknowledge","note":"hi"}""", "note" },
    };

    [Theory]
    [MemberData(nameof(BadJsonSubmissions))]
    public async Task An_invalid_json_submission_is_a_422_naming_the_field_and_changes_nothing(string body, string field)
    {
        var (requestId, token) = await ForwardedWithLinkAsync();

        var response = await _s.PostJsonAsync(requestId, token, JsonNode.Parse(body)!.AsObject());

        Assert.Equal(422, response.Status);
        Assert.EndsWith(":validation", response.ProblemType, StringComparison.Ordinal);
        Assert.Contains(field, response.ErrorFields);
        var stored = await _s.FindAsync(requestId);
        Assert.Equal(DsrStatus.Forwarded, stored.Status);
        Assert.Equal(0, stored.Lifecycle.ExtensionMonths);
    }

    [Theory]
    [InlineData("decision=instruct&instruction=processorToAssist&action=", "action")]
    [InlineData("decision=extend&months=3&reason=x", "months")]
    [InlineData("decision=extend&months=1&reason=", "reason")]
    [InlineData("decision=acknowledge&decision=extend", "decision")]
    [InlineData("decision=acknowledge&submit=go", "submit")]
    public async Task An_invalid_form_submission_is_a_422_naming_the_field(string body, string field)
    {
        var (requestId, token) = await ForwardedWithLinkAsync();

        var (result, _) = await _s.PostFormAsync(requestId, token, body);

        var response = Response.Of(result);
        Assert.Equal(422, response.Status);
        Assert.Contains(field, response.ErrorFields);
        Assert.Equal(DsrStatus.Forwarded, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_and_another_content_type_a_415()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();
        var functions = _s.App.Function<DsrInstructionFunctions>();

        var malformed = Response.Of(await functions.Post(DsrEndpointScenario.LinkRequest("POST", requestId, token, "{\"decision\":"), requestId, CancellationToken.None));
        var text = Response.Of(await functions.Post(DsrEndpointScenario.LinkRequest("POST", requestId, token, "decision=acknowledge", "text/plain"), requestId, CancellationToken.None));

        Assert.Equal(400, malformed.Status);
        Assert.EndsWith(":malformed-json", malformed.ProblemType, StringComparison.Ordinal);
        Assert.Equal(415, text.Status);
        Assert.Equal(DsrStatus.Forwarded, (await _s.FindAsync(requestId)).Status);
    }

    [Fact]
    public async Task Nothing_is_stored_in_the_due_index_for_a_refused_extension()
    {
        var (requestId, token) = await ForwardedWithLinkAsync();
        await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "instruct", ["instruction"] = "controllerWillRespond" });
        var before = (await _s.App.RowsAsync(StorageNames.Tables.DueIndex)).Count(r => r.GetString("Kind") == DsrDueKinds.Deadline);

        var response = await _s.PostJsonAsync(requestId, token, new JsonObject { ["decision"] = "extend", ["months"] = 1, ["reason"] = "late" });

        Assert.Equal(409, response.Status);
        Assert.Equal(before, (await _s.App.RowsAsync(StorageNames.Tables.DueIndex)).Count(r => r.GetString("Kind") == DsrDueKinds.Deadline));
    }
}
