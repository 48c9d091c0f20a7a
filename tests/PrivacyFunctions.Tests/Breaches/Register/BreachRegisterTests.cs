using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Breaches;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Breaches.Register;

/// <summary>The breach register's read side against Azurite: list, detail, Art. 33(5) export (JSON and RFC 4180 CSV), bad input.</summary>
public sealed class BreachRegisterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Jan10 = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Feb1 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Feb15 = new(2026, 2, 15, 8, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar5 = new(2026, 3, 5, 16, 0, 0, TimeSpan.Zero);

    private readonly BreachRegisterScenario _s = new();

    public Task InitializeAsync() => _s.CreateTablesAsync();

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private static string Ids(JsonElement page) =>
        string.Join(",", page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("breachId").GetString()).Order(StringComparer.Ordinal));

    private static string IdsOf(params Breach[] breaches) => string.Join(",", breaches.Select(b => b.BreachId).Order(StringComparer.Ordinal));

    private async Task<(Breach B1, Breach B2, Breach B3, Breach B4, Breach B5)> FiveBreachesAsync()
    {
        var b1 = await _s.CreateBreachAsync("jan", Jan10);
        var b2 = await _s.CreateBreachAsync("feb1", Feb1, BreachStatus.Notifiable,
            assessment: new Assessment(true, "IBANs exposed", new AffectedScope(AffectedScope.List, ["acme"], []), Feb1.AddHours(2)));
        var b3 = await _s.CreateBreachAsync("feb15", Feb15, BreachStatus.NotNotifiable,
            assessment: new Assessment(false, "Encrypted at rest; key not exposed", null, Feb15.AddHours(3)));
        var b4 = await _s.CreateBreachAsync("mar1", Mar1, BreachStatus.Closed);
        var b5 = await _s.CreateBreachAsync("mar5", Mar5, BreachStatus.Notifiable);
        // Customer-notice rows and their audit rows share the table: the list must not show them.
        await _s.NotifyAsync(b2.BreachId, "acme", Feb1.AddHours(3));
        await _s.NotifyAsync(b5.BreachId, "acme", Mar5.AddHours(3));
        return (b1, b2, b3, b4, b5);
    }

    [Fact]
    public async Task The_list_filters_on_status_and_the_awareness_period_and_pages_with_a_continuation_bound_to_its_filters()
    {
        var (b1, b2, b3, b4, b5) = await FiveBreachesAsync();

        // Every breach, two per page, each once; no notice or audit row among them.
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _s.ListAsync("pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(200, page.Status);
            var items = page.Body.GetProperty("items").EnumerateArray().ToArray();
            Assert.True(items.Length <= 2);
            seen.AddRange(items.Select(i => i.GetProperty("breachId").GetString()!));
            token = page.Body.GetProperty("continuationToken").GetString();
            pages++;
        } while (token is not null && pages < 10);
        Assert.Equal(IdsOf(b1, b2, b3, b4, b5), string.Join(",", seen.Order(StringComparer.Ordinal)));
        Assert.True(pages >= 3);

        Assert.Equal(IdsOf(b2, b5), Ids((await _s.ListAsync("status=notifiable")).Body));
        Assert.Equal(IdsOf(b3), Ids((await _s.ListAsync("status=notNotifiable")).Body));
        // [from, to): a breach at `from` is in, one at `to` is out; the same instants with another offset say the same.
        Assert.Equal(IdsOf(b2, b3), Ids((await _s.ListAsync("from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z")).Body));
        Assert.Equal(IdsOf(b2, b3), Ids((await _s.ListAsync("from=2026-02-01T01:00:00%2B01:00&to=2026-02-28T19:00:00-05:00")).Body));
        Assert.Equal(IdsOf(b4, b5), Ids((await _s.ListAsync("from=2026-03-01T00:00:00Z")).Body));
        Assert.Equal(IdsOf(b1), Ids((await _s.ListAsync("to=2026-02-01T00:00:00Z")).Body));
        Assert.Equal(IdsOf(b2), Ids((await _s.ListAsync("status=notifiable&from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z")).Body));

        var item = (await _s.ListAsync("status=notNotifiable")).Body.GetProperty("items")[0];
        Assert.Equal("notNotifiable", item.GetProperty("status").GetString());
        Assert.Equal("Breach feb15", item.GetProperty("title").GetString());
        Assert.False(item.GetProperty("notifiable").GetBoolean());
        Assert.Equal(Feb15, item.GetProperty("awareAt").GetDateTimeOffset());
        Assert.Empty(item.GetProperty("missing").EnumerateArray());

        // A token is only good for the filters that produced it (the page size may change).
        var first = await _s.ListAsync("status=notifiable&pageSize=1");
        var notifiableToken = first.Body.GetProperty("continuationToken").GetString()!;
        var second = await _s.ListAsync("status=notifiable&pageSize=5&continuationToken=" + notifiableToken);
        Assert.Equal(200, second.Status);
        Assert.Equal(IdsOf(b2, b5), string.Join(",", new[] { first, second }
            .SelectMany(p => p.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("breachId").GetString())).Order(StringComparer.Ordinal)));
        foreach (var other in new[] { "", "status=triage&", "status=notifiable&from=2026-02-01T00:00:00Z&", "status=notifiable&to=2026-04-01T00:00:00Z&" })
        {
            var refused = await _s.ListAsync(other + "continuationToken=" + notifiableToken);
            Assert.Equal(422, refused.Status);
            Assert.Equal(["continuationToken"], refused.ErrorFields);
        }
    }

    [Theory]
    [InlineData("statu=triage", "statu")]
    [InlineData("status=open", "status")]
    [InlineData("status=Triage", "status")]
    [InlineData("status=triage&status=closed", "status")]
    [InlineData("status=", "status")]
    [InlineData("from=2026-02-01", "from")]
    [InlineData("from=2026-02-01T00:00:00", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z", "to")]
    [InlineData("from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [InlineData("from=0001-01-01T00:00:00%2B01:00", "from")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=1e2", "pageSize")]
    [InlineData("continuationToken=abc", "continuationToken")]
    [InlineData("continuationToken=eyJ2IjoyLCJxIjoic3VicHJvY2Vzc29yLW9iamVjdGlvbnM6OiIsInQiOiJ4In0", "continuationToken")]
    public async Task A_bad_list_query_is_a_422_naming_the_parameter_and_touches_no_storage(string query, string field)
    {
        using var measurement = _s.App.Requests.Measure();

        var response = await _s.ListAsync(query);

        Assert.Equal(422, response.Status);
        Assert.Equal(Problems.ContentType, response.ContentType);
        Assert.Equal(ProblemKind.Validation.Type, response.ProblemType);
        Assert.Equal([field], response.ErrorFields);
        Assert.Empty(measurement.Writes);
        Assert.Equal(0, measurement.Requests);
    }

    [Fact]
    public async Task The_detail_shows_each_notified_customer_with_its_clock_in_its_zone_its_acknowledgement_and_its_deliveries_by_notice()
    {
        var awareAt = new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
        var facts = BreachRegisterScenario.Facts("Misdirected IBAN export", awareAt.AddHours(-2), complete: false);
        var breach = await _s.CreateBreachAsync("detail", awareAt, BreachStatus.Notifiable, facts,
            new Assessment(true, "IBANs exposed", new AffectedScope(AffectedScope.List, ["acme", "zeta"], []), awareAt.AddMinutes(30)),
            [(new SentNotice(1, NoticeKind.Initial, awareAt.AddMinutes(45), facts.Missing()), null),
             (new SentNotice(2, NoticeKind.Update, awareAt.AddHours(5), facts.Missing()), "Scope confirmed.")]);
        var other = await _s.CreateBreachAsync("other", awareAt);
        await _s.CreateCustomerAsync("acme", "Europe/Brussels");
        await _s.CreateCustomerAsync("zeta", "America/New_York");
        var acmeAt = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
        var zetaAt = acmeAt.AddMinutes(5);
        await _s.NotifyAsync(breach.BreachId, "acme", acmeAt, acknowledgedAt: acmeAt.AddHours(1), acknowledgedRole: "security", lastNotice: 2);
        await _s.NotifyAsync(breach.BreachId, "zeta", zetaAt, renotifiedAt: zetaAt.AddHours(12));
        await _s.DeliveryAsync(breach.BreachId, "initial", "acme", "security@acme.example", EmailDeliveryStatus.Sent, acmeAt);
        await _s.DeliveryAsync(breach.BreachId, "initial", "acme", "privacy@acme.example", EmailDeliveryStatus.Sent, acmeAt);
        await _s.DeliveryAsync(breach.BreachId, "update-2", "acme", "security@acme.example", EmailDeliveryStatus.Pending);
        await _s.DeliveryAsync(breach.BreachId, "initial", "zeta", "security@zeta.example", EmailDeliveryStatus.Failed, failure: "mailbox unavailable");
        await _s.DeliveryAsync(breach.BreachId, BreachNoticeKeys.Renotify, "zeta", "security@zeta.example", EmailDeliveryStatus.Sent, zetaAt.AddHours(12));
        await _s.DeliveryAsync(other.BreachId, "initial", "acme", "security@acme.example", EmailDeliveryStatus.Sent, acmeAt);

        var response = await _s.DetailAsync(breach.BreachId);

        Assert.Equal(200, response.Status);
        var body = response.Body;
        Assert.Equal(breach.BreachId, body.GetProperty("breach").GetProperty("breachId").GetString());
        Assert.Equal("notifiable", body.GetProperty("breach").GetProperty("status").GetString());
        Assert.Equal("Misdirected IBAN export", body.GetProperty("breach").GetProperty("facts").GetProperty("title").GetString());
        Assert.Equal(["initial", "update-2"], body.GetProperty("breach").GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("tag").GetString()));
        Assert.Equal(["dataSubjectCategories", "dataSubjectsApprox", "recordCategories", "contactPoint", "likelyConsequences", "measures"],
            body.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        var clocks = body.GetProperty("clocks");
        Assert.Equal(awareAt, clocks.GetProperty("awareAt").GetDateTimeOffset());
        Assert.Equal(awareAt.AddHours(12), clocks.GetProperty("assessBy").GetDateTimeOffset());   // Breach:AssessWithin default
        Assert.Equal(awareAt.AddHours(24), clocks.GetProperty("notifyBy").GetDateTimeOffset());   // Breach:NotifyWithin default

        var counts = body.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("customersNotified").GetInt32());
        Assert.Equal(1, counts.GetProperty("customersAcknowledged").GetInt32());
        Assert.Equal(3, counts.GetProperty("deliveriesSent").GetInt32());
        Assert.Equal(1, counts.GetProperty("deliveriesPending").GetInt32());
        Assert.Equal(1, counts.GetProperty("deliveriesFailed").GetInt32());

        var customers = body.GetProperty("customers").EnumerateArray().ToArray();
        Assert.Equal(["acme", "zeta"], customers.Select(c => c.GetProperty("customerId").GetString()));
        var acme = customers[0];
        Assert.True(acme.GetProperty("notified").GetBoolean());
        Assert.Equal(acmeAt, acme.GetProperty("notifiedAt").GetDateTimeOffset());
        Assert.Equal(acmeAt.AddHours(72), acme.GetProperty("clockEndsAt").GetDateTimeOffset());
        Assert.Equal("2026-03-13 10:00 (Europe/Brussels)", acme.GetProperty("clockEndsAtLocal").GetString());
        Assert.Equal(acmeAt.AddHours(1), acme.GetProperty("acknowledgedAt").GetDateTimeOffset());
        Assert.Equal("Ana Security", acme.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("security", acme.GetProperty("acknowledgedRole").GetString());
        Assert.Equal(JsonValueKind.Null, acme.GetProperty("renotifiedAt").ValueKind);
        var acmeNotices = acme.GetProperty("notices").EnumerateArray().ToArray();
        Assert.Equal(["initial", "update-2"], acmeNotices.Select(n => n.GetProperty("tag").GetString()));
        Assert.Equal(2, acmeNotices[0].GetProperty("deliveries").GetArrayLength());
        Assert.All(acmeNotices[0].GetProperty("deliveries").EnumerateArray(), d =>
        {
            Assert.Equal("sent", d.GetProperty("status").GetString());
            Assert.Equal(acmeAt, d.GetProperty("sentAt").GetDateTimeOffset());
            Assert.Matches("^[0-9a-f]{16}$", d.GetProperty("recipientId").GetString());
        });
        Assert.Equal("pending", acmeNotices[1].GetProperty("deliveries")[0].GetProperty("status").GetString());

        var zeta = customers[1];
        Assert.Equal("2026-03-13 05:05 (America/New_York)", zeta.GetProperty("clockEndsAtLocal").GetString()); // EDT since 8 March
        Assert.Equal(JsonValueKind.Null, zeta.GetProperty("acknowledgedAt").ValueKind);
        Assert.Equal(zetaAt.AddHours(12), zeta.GetProperty("renotifiedAt").GetDateTimeOffset());
        var zetaNotices = zeta.GetProperty("notices").EnumerateArray().ToArray();
        Assert.Equal(["initial", "renotify"], zetaNotices.Select(n => n.GetProperty("tag").GetString()));
        var failed = zetaNotices[0].GetProperty("deliveries")[0];
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("mailbox unavailable", failed.GetProperty("failureReason").GetString());

        // The register shows who was notified by address hash only, and never logs the facts or a customer's details.
        Assert.DoesNotContain("@", body.GetProperty("customers").GetRawText());
        Assert.DoesNotContain(_s.App.Logs.GetSnapshot(), r => r.Message.Contains("Misdirected", StringComparison.Ordinal) || r.Message.Contains('@'));
    }

    [Fact]
    public async Task A_breach_without_customers_has_empty_counts_and_all_missing_elements_listed()
    {
        var breach = await _s.CreateBreachAsync("bare", Jan10, facts: new BreachFacts("Lost laptop", Jan10.AddHours(-3)));

        var body = (await _s.DetailAsync(breach.BreachId)).Body;

        Assert.Equal("triage", body.GetProperty("breach").GetProperty("status").GetString());
        Assert.Equal(8, body.GetProperty("missing").GetArrayLength());
        Assert.Equal(0, body.GetProperty("customers").GetArrayLength());
        Assert.Equal(0, body.GetProperty("counts").GetProperty("customersNotified").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("breach").GetProperty("assessment").ValueKind);
    }

    [Fact]
    public async Task Customer_notices_are_written_through_the_kit()
    {
        var breach = await _s.CreateBreachAsync("kit", Jan10, BreachStatus.Notifiable);

        Assert.Equal(ChangeOutcome.Changed, await _s.NotifyThroughTheKitAsync(breach.BreachId, "acme", Jan10.AddHours(1)));
        var customer = Assert.Single((await _s.DetailAsync(breach.BreachId)).Body.GetProperty("customers").EnumerateArray());
        Assert.Equal("acme", customer.GetProperty("customerId").GetString());
    }

    [Theory]
    [InlineData("brc-0123456789abcdef0123456")]
    [InlineData("brc-0123456789abcdef012345678")]
    [InlineData("BRC-0123456789abcdef01234567")]
    [InlineData("brc-0123456789ABCDEF01234567")]
    [InlineData("brc-0123456789abcdef0123456g")]
    [InlineData("brc-0123456789abcdef01234567~customers")]
    [InlineData("x")]
    [InlineData("brc-0123456789abcdef01234567\n")]
    public async Task A_malformed_breach_id_is_a_400_problem_that_touches_no_storage(string breachId)
    {
        using var measurement = _s.App.Requests.Measure();

        var response = await _s.DetailAsync(breachId);

        Assert.Equal(400, response.Status);
        Assert.Equal(Problems.ContentType, response.ContentType);
        Assert.Equal(ProblemKind.InvalidParameter.Type, response.ProblemType);
        Assert.Equal(["breachId"], response.ErrorFields);
        Assert.Equal(0, measurement.Requests);
    }

    [Fact]
    public async Task An_unknown_breach_is_a_404_and_an_unknown_query_parameter_a_422()
    {
        var unknown = await _s.DetailAsync("brc-0123456789abcdef01234567");
        Assert.Equal(404, unknown.Status);
        Assert.Equal(ProblemKind.NotFound.Type, unknown.ProblemType);

        var withQuery = await _s.DetailAsync("brc-0123456789abcdef01234567", "verbose=1");
        Assert.Equal(422, withQuery.Status);
        Assert.Equal(["verbose"], withQuery.ErrorFields);
    }

    [Fact]
    public async Task The_json_export_documents_each_breach_of_the_period_with_facts_effects_measures_assessment_notices_and_customers()
    {
        var (_, b2, b3, _, _) = await FiveBreachesAsync();
        await _s.NotifyAsync(b2.BreachId, "zeta", Feb1.AddHours(4), acknowledgedAt: Feb1.AddHours(6), acknowledgedRole: "privacy");

        var (result, _) = await _s.ExportAsync("from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z");

        var response = Response.Of(result);
        Assert.Equal(200, response.Status);
        var body = response.Body;
        Assert.Equal(Feb1, body.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(Mar1, body.GetProperty("to").GetDateTimeOffset());
        var breaches = body.GetProperty("breaches").EnumerateArray().ToArray();
        Assert.Equal([b2.BreachId, b3.BreachId], breaches.Select(b => b.GetProperty("breachId").GetString())); // by awareness
        var first = breaches[0];
        Assert.Equal("notifiable", first.GetProperty("status").GetString());
        Assert.Equal("Phishing with the IBANs", first.GetProperty("effects").GetString());
        Assert.Equal("Export link revoked; recipients asked to delete", first.GetProperty("remedialAction").GetString());
        Assert.Equal("Misdirected export", first.GetProperty("facts").GetProperty("nature").GetString());
        Assert.True(first.GetProperty("assessment").GetProperty("notifiable").GetBoolean());
        Assert.Equal(["acme"], first.GetProperty("assessment").GetProperty("scope").GetProperty("customers").EnumerateArray().Select(c => c.GetString()));
        var customers = first.GetProperty("customers").EnumerateArray().ToArray();
        Assert.Equal(["acme", "zeta"], customers.Select(c => c.GetProperty("customerId").GetString()));
        Assert.Equal(JsonValueKind.Null, customers[0].GetProperty("acknowledgedAt").ValueKind);
        Assert.Equal(Feb1.AddHours(6), customers[1].GetProperty("acknowledgedAt").GetDateTimeOffset());
        var second = breaches[1];
        Assert.False(second.GetProperty("assessment").GetProperty("notifiable").GetBoolean());
        Assert.Equal("Encrypted at rest; key not exposed", second.GetProperty("assessment").GetProperty("reason").GetString());
        Assert.Equal(0, second.GetProperty("customers").GetArrayLength());
    }

    [Fact]
    public async Task The_csv_export_is_RFC_4180_one_row_per_notified_customer_and_hostile_facts_round_trip_exactly()
    {
        var facts = new BreachFacts(
            Title: "Export \"Q1\", part 2",
            DetectedAt: Feb1.AddHours(-5),
            Nature: "Misdirected\r\nexport, then \"resent\"",
            DataSubjectCategories: ["employees, contractors", "end \"users\""],
            DataSubjectsApprox: 1200,
            RecordCategories: ["IBAN"],
            RecordsApprox: 4800,
            ContactPoint: "dpo@processor.example",
            LikelyConsequences: "Phishing\nand fraud,\r\nidentity theft",
            Measures: " link revoked ,\"deleted\"\n",
            Systems: ["export"]);
        var sent = (new SentNotice(1, NoticeKind.Initial, Feb1.AddHours(2), []), (string?)null);
        var withCustomers = await _s.CreateBreachAsync("csv", Feb1.AddHours(1), BreachStatus.Notifiable, facts,
            new Assessment(true, "Risk to \"rights\",\nfreedoms", new AffectedScope(AffectedScope.All, [], []), Feb1.AddHours(1.5)), [sent]);
        var alone = await _s.CreateBreachAsync("csv-none", Feb15, BreachStatus.Triage, new BreachFacts("=cmd|' /C calc'!A0", Feb15));
        await _s.CreateBreachAsync("csv-outside", Mar1);
        await _s.NotifyAsync(withCustomers.BreachId, "acme", Feb1.AddHours(3), acknowledgedAt: Feb1.AddHours(5), acknowledgedRole: "security");
        await _s.NotifyAsync(withCustomers.BreachId, "beta.eu", Feb1.AddHours(3));

        var (result, response) = await _s.ExportAsync("from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&format=csv");

        var content = Assert.IsType<ContentResult>(result);
        Assert.Equal(200, content.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", content.ContentType);
        Assert.Equal("attachment; filename=breach-register-20260201T000000Z-20260301T000000Z.csv", response.Headers.ContentDisposition.ToString());
        var text = content.Content!;
        Assert.EndsWith("\r\n", text);
        var rows = Rfc4180.Parse(text);
        string[] header =
        [
            "breachId", "status", "source", "awareAt", "detectedAt", "title", "nature", "dataSubjectCategories", "dataSubjectsApprox",
            "recordCategories", "recordsApprox", "contactPoint", "likelyConsequences", "measures", "missing", "assessmentOutcome",
            "assessmentReason", "assessedAt", "noticesSent", "notices", "closedAt", "customerId", "notifiedAt", "acknowledgedAt",
            "acknowledgedRole",
        ];
        Assert.Equal(header, rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));

        static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        string[] Breach(string customer, string notified, string acknowledged, string role) =>
        [
            withCustomers.BreachId, "notifiable", "einvoicing", At(Feb1.AddHours(1)), At(Feb1.AddHours(-5)), "Export \"Q1\", part 2",
            "Misdirected\r\nexport, then \"resent\"", "employees, contractors; end \"users\"", "1200", "IBAN", "4800", "dpo@processor.example",
            "Phishing\nand fraud,\r\nidentity theft", " link revoked ,\"deleted\"\n", "", "notifiable", "Risk to \"rights\",\nfreedoms",
            At(Feb1.AddHours(1.5)), "1", "initial", "", customer, notified, acknowledged, role,
        ];
        Assert.Equal(Breach("acme", At(Feb1.AddHours(3)), At(Feb1.AddHours(5)), "security"), rows[1]);
        Assert.Equal(Breach("beta.eu", At(Feb1.AddHours(3)), "", ""), rows[2]);
        Assert.Equal(
        [
            alone.BreachId, "triage", "einvoicing", At(Feb15), At(Feb15), "=cmd|' /C calc'!A0", "", "", "", "", "", "", "", "",
            "nature; dataSubjectCategories; dataSubjectsApprox; recordCategories; recordsApprox; contactPoint; likelyConsequences; measures",
            "", "", "", "0", "", "", "", "", "", "",
        ], rows[3]);
    }

    [Theory]
    [InlineData("", "from")]
    [InlineData("from=2026-02-01T00:00:00Z", "to")]
    [InlineData("to=2026-02-01T00:00:00Z", "from")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z", "to")]
    [InlineData("from=2026-02-01&to=2026-03-01T00:00:00Z", "from")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&format=xml", "format")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&format=CSV", "format")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&format=csv&format=json", "format")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&status=closed", "status")]
    [InlineData("from=2026-02-01T00:00:00Z&from=2026-02-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    public async Task A_bad_export_query_is_a_422_naming_the_field_and_touches_no_storage(string query, string field)
    {
        using var measurement = _s.App.Requests.Measure();

        var (result, response) = await _s.ExportAsync(query);

        var problem = Response.Of(result);
        Assert.Equal(422, problem.Status);
        Assert.Equal(Problems.ContentType, problem.ContentType);
        Assert.Contains(field, problem.ErrorFields);
        Assert.False(response.Headers.ContainsKey("Content-Disposition"));
        Assert.Empty(measurement.Writes);
        Assert.Equal(0, measurement.Requests);
    }
}

/// <summary>A token forged with the list's own scope (the envelope is not signed) must not turn into a 5xx.</summary>
public sealed class BreachRegisterForgedTokenTests : IAsyncLifetime
{
    private readonly BreachRegisterScenario _s = new();

    public Task InitializeAsync() => _s.CreateTablesAsync();

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Theory]
    [InlineData("garbage")]
    [InlineData("a b")]
    [InlineData("brc-0 breach")]
    [InlineData("zz\u00e9 \u00e9")]
    [InlineData("' or 1 eq 1")]
    public async Task A_forged_store_continuation_with_the_right_scope_is_never_a_5xx(string store)
    {
        await _s.CreateBreachAsync("one", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var token = PrivacyFunctions.Platform.Http.ContinuationTokens.Encode(store, "breaches:all::");

        var response = await _s.ListAsync("continuationToken=" + token);

        Assert.True(response.Status is 200 or 422, $"status {response.Status}");
    }
}
