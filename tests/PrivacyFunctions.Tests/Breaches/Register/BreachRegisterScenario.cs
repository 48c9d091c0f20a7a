using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Breaches;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Breaches.Register;

/// <summary>Seeds breaches, customer notices, customers and delivery records through the kit, and calls the register's functions.</summary>
public sealed class BreachRegisterScenario : IAsyncDisposable
{
    public TestApp App { get; } = new();

    public BreachRegisterFunctions Functions => App.Function<BreachRegisterFunctions>();

    public async Task CreateTablesAsync()
    {
        await App.CreateTablesAsync();
    }

    public static BreachFacts Facts(string title, DateTimeOffset detectedAt, bool complete = true) => complete
        ? new BreachFacts(title, detectedAt, "Misdirected export", ["customers' employees"], 120, ["names", "IBANs"], 480,
            "dpo@processor.example", "Phishing with the IBANs", "Export link revoked; recipients asked to delete")
        : new BreachFacts(title, detectedAt, Nature: "Misdirected export", RecordsApprox: 10);

    public async Task<Breach> CreateBreachAsync(string externalId, DateTimeOffset awareAt, BreachStatus status = BreachStatus.Triage,
        BreachFacts? facts = null, Assessment? assessment = null, IReadOnlyList<(SentNotice Notice, string? Text)>? sent = null)
    {
        var breach = new Breach(BreachKind.IdFor("einvoicing", externalId), "einvoicing", externalId, awareAt,
            facts ?? Facts("Breach " + externalId, awareAt.AddHours(-1)), status, assessment, sent?.Select(s => s.Notice).ToArray());
        // Each notice's text and facts are a snapshot row beside the breach, written in the same transaction.
        var snapshots = (sent ?? []).Select(s => BreachNoticeSnapshots.Row(breach.BreachId, s.Notice, new NoticeSnapshot(s.Text, breach.Facts))).ToArray();
        var result = await App.Get<AggregateChanges>().CreateAsync(App.Get<BreachKind>(), breach.BreachId, "admin",
            _ => Decision<Breach>.Change(breach, [new AuditRecord("breach.reported", null)]) with { Rows = snapshots }, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, result.Outcome);
        return breach;
    }

    /// <summary>
    /// A notified customer's row, exactly as the kit writes a new aggregate (state document, version 1, no pending
    /// effects, empty audit chain). Not through <see cref="AggregateChanges"/>: the scaffolding's customer-notice id
    /// <c>{breachId}~{customerId}</c> is refused as an audit aggregate id (AuditTrail allows letters, digits, '.', '_',
    /// ':' and '-'), so the kit cannot create one yet — see <see cref="BreachRegisterTests.Customer_notices_are_written_through_the_kit"/>.
    /// </summary>
    public async Task<CustomerNotice> NotifyAsync(string breachId, string customerId, DateTimeOffset notifiedAt, DateTimeOffset? acknowledgedAt = null,
        string? acknowledgedRole = null, DateTimeOffset? renotifiedAt = null, int lastNotice = 1)
    {
        var notice = new CustomerNotice(breachId, customerId, notifiedAt, notifiedAt.AddHours(72), lastNotice, acknowledgedAt,
            acknowledgedAt is null ? null : "Ana Security", acknowledgedRole, renotifiedAt);
        var kind = App.Get<CustomerNoticeKind>();
        var (partition, row) = kind.KeyOf(CustomerNoticeKind.Id(breachId, customerId));
        var table = await App.Storage.TableAsync(kind.Table);
        await table.AddEntityAsync(new TableEntity(partition, row)
        {
            ["Aggregate"] = CustomerNoticeKind.Type,
            ["Document"] = JsonSerializer.Serialize(notice, kind.Json),
            ["Version"] = 1L,
            ["UpdatedAt"] = App.Clock.GetUtcNow(),
            ["PendingEffects"] = "",
            ["LastSequence"] = 0L,
            ["LastHash"] = AuditEntry.GenesisHash,
        });
        return notice;
    }

    /// <summary>The kit's way (what the fan-out will do): fails today on the audit id, see <see cref="NotifyAsync"/>.</summary>
    public async Task<ChangeOutcome> NotifyThroughTheKitAsync(string breachId, string customerId, DateTimeOffset notifiedAt)
    {
        var notice = new CustomerNotice(breachId, customerId, notifiedAt, notifiedAt.AddHours(72), 1);
        var result = await App.Get<AggregateChanges>().CreateAsync(App.Get<CustomerNoticeKind>(), CustomerNoticeKind.Id(breachId, customerId), "admin",
            _ => Decision<CustomerNotice>.Change(notice, [new AuditRecord("breach.customer-notified", null)]), CancellationToken.None);
        return result.Outcome;
    }

    public async Task CreateCustomerAsync(string customerId, string timeZone)
    {
        var customer = new Customer(customerId, $"Customer {customerId}", new CustomerContacts([$"privacy@{customerId}.example"],
            [$"security@{customerId}.example"], []), new EndUserContact(null, $"https://{customerId}.example/privacy"), "en", timeZone, ["einvoicing"]);
        Assert.Equal(CustomerPutOutcome.Created, (await App.Get<CustomerDirectory>().PutAsync(customer, null, "admin", CancellationToken.None)).Outcome);
    }

    /// <summary>A delivery record of a breach email, as the outbox leaves it.</summary>
    public async Task<string> DeliveryAsync(string breachId, string tag, string customerId, string address, EmailDeliveryStatus status,
        DateTimeOffset? sentAt = null, string? failure = null)
    {
        var key = BreachNoticeKeys.For(breachId, tag, customerId, address);
        var inserted = await App.Get<EmailDeliveryStore>().TryInsertAsync(new EmailDelivery
        {
            IdempotencyKey = key, Status = status, ToAddress = address, Subject = "Breach notice", TextBody = "text", HtmlBody = "<p>html</p>",
            RecipientHash = EmailDelivery.HashRecipient(address), AggregateType = BreachKind.Type, AggregateId = breachId, NoticeKind = "breach." + tag,
            ContentHash = "c", EnqueuedAt = App.Clock.GetUtcNow(), SentAt = sentAt, FailedAt = failure is null ? null : App.Clock.GetUtcNow(),
            FailureReason = failure,
        });
        Assert.NotNull(inserted);
        return key;
    }

    public static HttpRequest Get(string path, string query = "")
    {
        var request = HttpRequests.Json("GET", path);
        if (query.Length > 0) request.QueryString = new QueryString("?" + query);
        return request;
    }

    public async Task<Response> ListAsync(string query = "") =>
        Response.Of(await Functions.List(Get("/api/breaches", query), CancellationToken.None));

    public async Task<Response> DetailAsync(string breachId, string query = "") =>
        Response.Of(await Functions.Get(Get($"/api/breaches/{breachId}", query), breachId, CancellationToken.None));

    public async Task<(IActionResult Result, HttpResponse Response)> ExportAsync(string query)
    {
        var request = Get("/api/breaches/export", query);
        return (await Functions.Export(request, CancellationToken.None), request.HttpContext.Response);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>An RFC 4180 reader written for the tests, independent of the writer: quoted fields, doubled quotes, CRLF records.</summary>
public static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var atFieldStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                atFieldStart = false;
                if (i < text.Length && text[i] != ',' && text[i] != '\r') throw new FormatException($"text after a closing quote at {i}");
                continue;
            }
            if (c == ',') { fields.Add(field.ToString()); field.Clear(); atFieldStart = true; i++; continue; }
            if (c == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n') throw new FormatException($"a CR without LF at {i}");
                fields.Add(field.ToString()); field.Clear();
                records.Add(fields.ToArray()); fields.Clear();
                atFieldStart = true;
                i += 2;
                continue;
            }
            if (c == '\n' || c == '"') throw new FormatException($"a bare {(c == '"' ? "quote" : "LF")} in an unquoted field at {i}");
            field.Append(c);
            atFieldStart = false;
            i++;
        }
        if (!atFieldStart || field.Length > 0 || fields.Count > 0) throw new FormatException("the last record does not end with CRLF");
        return records;
    }
}
