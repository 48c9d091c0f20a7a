using System.Text.Json;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Breaches;
using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Health;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Retention;
using PrivacyFunctions.SubProcessors;
using PrivacyFunctions.SubProcessors.Subscriptions;
using PrivacyFunctions.Tests.Customers;
using PrivacyFunctions.Tests.DataSubjectRequests.Endpoints;
using PrivacyFunctions.Tests.Support;
using Xunit.Abstractions;

namespace PrivacyFunctions.Tests.Hostile;

/// <summary>
/// The standing hostile-input suite: every HTTP endpoint gets at least <see cref="Inputs"/> generated hostile inputs
/// (malformed and non-UTF-8 JSON, wrong types, missing and unknown fields, huge strings and bodies, deep nesting,
/// control and bidi characters, table-key characters and newlines in route ids, injections, invalid emails, locales
/// and zones, far past and future dates, forged and replayed signatures and links). For each input: no 5xx (an
/// exception counts as one), every 4xx is <c>application/problem+json</c>, and a rejected input writes nothing to
/// storage — except, on a webhook whose signature was valid, the one row that claims its <c>webhook-id</c> (a
/// delivery answered 4xx is never accepted again). A failure prints CsCheck's seed; set <c>HOSTILE_SEED</c> to
/// replay it and <c>HOSTILE_INPUTS</c> to run more. Every new HTTP endpoint joins <see cref="Endpoints"/>.
/// </summary>
public sealed class HostileInputSuite(HostileInputSuite.Target target, ITestOutputHelper output) : IClassFixture<HostileInputSuite.Target>
{
    public static readonly int Inputs = int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_INPUTS"), out var n) && n > 0 ? n : 1000;

    public static TheoryData<string> Endpoints() =>
    [
        "PutCustomer", "GetCustomer", "Health", "GetAuditTrail", "DsrIntake", "GetDsr", "ListCustomerDsr",
        "CancelDsr", "CompleteDsr", "GetDsrInstructionPage", "PostDsrInstruction",
        "GetSubProcessorRegister", "ListSubProcessorChanges", "GetSubProcessorFeed", "AnnounceSubProcessorChange",
        "GetSubProcessorChangeDeliveries", "WithdrawSubProcessorChange", "GetObjectionPage", "PostObjection", "RecordObjection",
        "ListObjections", "ResolveObjection", "Subscribe", "GetSubscriptionConfirmation", "PostSubscriptionConfirmation",
        "GetUnsubscribePage", "PostUnsubscribe",
        "ReportBreach", "OpenBreach", "PatchBreach", "AssessBreach", "SendBreachNotices", "SendBreachUpdate", "CloseBreach",
        "GetBreachAcknowledgementPage", "PostBreachAcknowledgement", "ListBreaches", "GetBreach", "ExportBreaches",
        "TerminateContract", "ReportProductTermination", "GetDisposition", "ListCustomerDispositions", "GetRetentionChoicePage", "PostRetentionChoice",
        "ConfirmDisposition", "PlaceLegalHold", "ListLegalHolds", "ReleaseLegalHold", "GetCertificate", "VerifyCertificate",
    ];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Hostile_input_never_gets_a_5xx_and_a_rejected_one_writes_nothing(string endpoint)
    {
        var gen = target.CaseFor(endpoint);
        var tally = new Tally();
        await gen.SampleAsync(async hostile =>
        {
            var (status, contentType, writes) = await target.SendAsync(endpoint, hostile);
            tally.Add(status, writes.Count);
            if (status >= 500)
                throw new Xunit.Sdk.XunitException($"{endpoint} answered {status} to {hostile}");
            if (status >= 400 && contentType != Problems.ContentType)
                throw new Xunit.Sdk.XunitException($"{endpoint} answered {status} as '{contentType}', not a problem, to {hostile}");
            if (status >= 400 && writes.Count > 0)
                throw new Xunit.Sdk.XunitException($"{endpoint} rejected {hostile} with {status} but wrote: {string.Join(", ", writes)}");
        }, writeLine: output.WriteLine, seed: Environment.GetEnvironmentVariable("HOSTILE_SEED"), iter: Inputs, threads: 1,
        print: hostile => hostile.ToString());

        output.WriteLine($"hostile-input {endpoint}: {tally.Total} inputs, {tally.ServerErrors} 5xx, {tally.WritesOnRejection} writes on rejection; " +
            $"answers {tally.Statuses}");
        Assert.True(tally.Total >= Inputs, $"only {tally.Total} inputs ran");
        // Health takes no input that could be wrong; everywhere else the generator must mostly produce rejected input.
        if (endpoint != "Health")
            Assert.True(tally.Rejected > tally.Total / 4, $"the generator should mostly produce rejected inputs; answers {tally.Statuses}");
    }

    private sealed class Tally
    {
        private readonly ConcurrentDictionary<int, int> _statuses = new();
        private int _total, _serverErrors, _writesOnRejection, _rejected;

        public int Total => _total;
        public int ServerErrors => _serverErrors;
        public int WritesOnRejection => _writesOnRejection;
        public int Rejected => _rejected;
        public string Statuses => string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));

        public void Add(int status, int writes)
        {
            Interlocked.Increment(ref _total);
            _statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
            if (status >= 500) Interlocked.Increment(ref _serverErrors);
            if (status >= 400) Interlocked.Increment(ref _rejected);
            if (status >= 400 && writes > 0) Interlocked.Add(ref _writesOnRejection, writes);
        }
    }

    /// <summary>How a generated request is authenticated.</summary>
    public enum Credential { Valid, Forged, Missing, Stale, Replayed, Foreign }

    /// <summary>One generated request. <see cref="ToString"/> is what a failure prints (bodies abbreviated).</summary>
    public sealed record HostileCase(string RouteId, string Query, byte[] Body, string? ContentType, Credential Credential)
    {
        public override string ToString()
        {
            var body = System.Text.Encoding.UTF8.GetString(Body);
            if (body.Length > 300) body = body[..300] + $"…({Body.Length} bytes)";
            return $"route id {Escape(RouteId)}, query {Escape(Query)}, content type {ContentType ?? "(none)"}, credential {Credential}, body {Escape(body)}";
        }

        private static string Escape(string text) => System.Text.Json.JsonSerializer.Serialize(text.Length > 200 ? text[..200] + "…" : text);
    }

    /// <summary>The real app against Azurite with a customer and a forwarded request, shared by the endpoint runs.</summary>
    public sealed class Target : IAsyncLifetime
    {
        private readonly DsrEndpointScenario _s = new();
        private string _requestId = "";
        private string _token = "";
        private string _otherToken = "";
        private string _receivedId = "";
        private string _instructedId = "";
        private int _externalIds;
        private const string Change = "hostile-chg";
        private const string ChangeToWithdraw = "hostile-withdraw";
        private string _objectionId = "";
        private string _breachId = "";
        private string _triageBreachId = "";
        private string _dispositionId = "";
        private string _holdId = "";

        /// <summary>The link tokens of each signed-link endpoint: a valid one and a foreign one (another item or purpose).</summary>
        private readonly Dictionary<string, (string Valid, string Foreign)> _links = new();

        /// <summary>Stands for the route's request id in a generated body (a signed body names the request it acts on).</summary>
        private const string RoutePlaceholder = "@ROUTE@";

        /// <summary>Stands for a fresh externalId in a generated intake body, so well-formed bodies reach the new-request checks.</summary>
        private const string ExternalPlaceholder = "@EXTERNAL@";
        private int _webhooks;

        private TestApp App => _s.App;

        public async Task InitializeAsync()
        {
            await _s.CreateCustomerAsync();
            _requestId = await _s.ForwardedAsync("hostile-1");
            _token = await _s.TokenFromForwardEmailAsync(_requestId);
            var other = await _s.ForwardedAsync("hostile-2");
            _otherToken = await _s.TokenFromForwardEmailAsync(other);
            // Cancel acts on a request not yet forwarded, completion on one the customer instructed to assist with.
            _receivedId = await _s.ReceiveAsync("hostile-3");
            _instructedId = await _s.ForwardedAsync("hostile-4");
            var instructed = await _s.PostJsonAsync(_instructedId, await _s.TokenFromForwardEmailAsync(_instructedId),
                new JsonObject { ["decision"] = "instruct", ["instruction"] = "processorToAssist", ["action"] = "erase" });
            Assert.Equal(200, instructed.Status);
            // Every table and queue exists from here on: a first use's creation is not a write of the input's.
            await App.CreateTablesAsync();
            await InitializeSubProcessorsAsync();
            await InitializeBreachesAsync();
            await InitializeRetentionAsync();
        }

        /// <summary>Two announced changes, an objection recorded by the DPO, a pending list subscriber, and their links.</summary>
        private async Task InitializeSubProcessorsAsync()
        {
            var changes = App.Function<ChangeFunctions>();
            foreach (var id in new[] { Change, ChangeToWithdraw })
            {
                var body = AnnounceBody();
                body["changeId"] = id;
                Assert.Equal(201, Response.Of(await changes.Announce(HttpRequests.Json("POST", "/x", body.ToJsonString()), CancellationToken.None)).Status);
            }
            var recorded = Response.Of(await App.Function<ObjectionFunctions>().Record(HttpRequests.Json("POST", "/x", new JsonObject
            {
                ["changeId"] = Change, ["customerId"] = "acme", ["receivedAt"] = App.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), ["summary"] = "By letter.",
            }.ToJsonString()), CancellationToken.None));
            Assert.Equal(201, recorded.Status);
            _objectionId = recorded.Body.GetProperty("objectionId").GetString()!;
            Assert.Equal(202, Response.Of(await App.Function<SubscriptionFunctions>().Subscribe(
                HttpRequests.Json("POST", "/x", "{\"email\":\"reader@mail.example\"}"), CancellationToken.None)).Status);

            var links = App.Get<LinkTokens>();
            var later = App.Clock.GetUtcNow().AddDays(30);
            var reader = PrivacyFunctions.Platform.Email.EmailDelivery.HashRecipient("reader@mail.example")[..16];
            var objection = (links.Issue(LinkPurposes.SubProcessorObjection, "acme", Change, later), links.Issue(LinkPurposes.SubProcessorObjection, "acme", ChangeToWithdraw, later));
            var confirm = (links.Issue(LinkPurposes.SubProcessorSubscription, reader, "list", later), links.Issue(LinkPurposes.Unsubscribe, reader, "list", later));
            var unsubscribe = (confirm.Item2, confirm.Item1);
            _links["GetObjectionPage"] = _links["PostObjection"] = objection;
            _links["GetSubscriptionConfirmation"] = _links["PostSubscriptionConfirmation"] = confirm;
            _links["GetUnsubscribePage"] = _links["PostUnsubscribe"] = unsubscribe;
            _links["GetDsrInstructionPage"] = _links["PostDsrInstruction"] = (_token, _otherToken);
        }

        /// <summary>A notified breach (acme notified, with its acknowledgement link) and one still in triage.</summary>
        private async Task InitializeBreachesAsync()
        {
            var breaches = App.Function<BreachFunctions>();
            async Task<string> OpenAsync(JsonObject facts) =>
                Response.Of(await breaches.Open(HttpRequests.Json("POST", "/x", facts.ToJsonString()), CancellationToken.None)).Body.GetProperty("breachId").GetString()!;
            _breachId = await OpenAsync(BreachFacts());
            _triageBreachId = await OpenAsync(BreachFacts());
            Assert.Equal(200, Response.Of(await breaches.Assess(HttpRequests.Json("POST", "/x", AssessmentBody().ToJsonString()), _breachId, CancellationToken.None)).Status);
            Assert.Equal(200, Response.Of(await breaches.Notices(HttpRequests.Json("POST", "/x", "{}"), _breachId, CancellationToken.None)).Status);
            var fanOut = App.Function<BreachNoticeFunctions>();
            var queue = await App.Storage.QueueAsync(StorageNames.Queues.BreachNotices);
            while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } batch)
                foreach (var message in batch)
                {
                    await fanOut.Notices(message.Body.ToString(), CancellationToken.None);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            var links = App.Get<LinkTokens>();
            var later = App.Clock.GetUtcNow().AddDays(30);
            _links["GetBreachAcknowledgementPage"] = _links["PostBreachAcknowledgement"] =
                (links.Issue(LinkPurposes.BreachAcknowledgement, "acme", _breachId, later), links.Issue(LinkPurposes.BreachAcknowledgement, "acme", _triageBreachId, later));
        }

        /// <summary>A disposition of acme's einvoicing contract awaiting its choice, another one, and a legal hold.</summary>
        private async Task InitializeRetentionAsync()
        {
            var retention = App.Function<RetentionFunctions>();
            async Task<string> TerminateAsync(int days) => Response.Of(await retention.Terminate(HttpRequests.Json("POST", "/x", TerminationBody(days).ToJsonString()), "acme",
                CancellationToken.None)).Body.GetProperty("dispositionId").GetString()!;
            _dispositionId = await TerminateAsync(10);
            var other = await TerminateAsync(20);
            _holdId = Response.Of(await retention.PlaceHold(HttpRequests.Json("POST", "/x", HoldBody().ToJsonString()), "acme", CancellationToken.None)).Body.GetProperty("holdId").GetString()!;
            var links = App.Get<LinkTokens>();
            var later = App.Clock.GetUtcNow().AddDays(30);
            _links["GetRetentionChoicePage"] = _links["PostRetentionChoice"] =
                (links.Issue(LinkPurposes.RetentionChoice, "acme", _dispositionId, later), links.Issue(LinkPurposes.RetentionChoice, "acme", other, later));
        }

        private JsonObject TerminationBody(int days) => new()
        {
            ["endsAt"] = App.Clock.GetUtcNow().AddDays(days).ToString("O", CultureInfo.InvariantCulture), ["products"] = new JsonArray("einvoicing"),
        };

        private JsonObject HoldBody() => new()
        {
            ["basis"] = "aml", ["reference"] = "AML Act art. 60", ["categories"] = new JsonArray("kyc-documents"), ["products"] = new JsonArray("einvoicing"),
            ["until"] = App.Clock.GetUtcNow().AddDays(400).ToString("O", CultureInfo.InvariantCulture),
        };

        private JsonObject BreachFacts() => new()
        {
            ["title"] = "Archive exposed", ["detectedAt"] = App.Clock.GetUtcNow().AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
            ["nature"] = "Readable without authentication.", ["dataSubjectCategories"] = new JsonArray("invoice recipients"), ["dataSubjectsApprox"] = 120,
            ["recordCategories"] = new JsonArray("invoices"), ["recordsApprox"] = 540, ["contactPoint"] = "dpo@processor.example",
            ["likelyConsequences"] = "Phishing.", ["measures"] = "Closed.", ["systems"] = new JsonArray("archive"), ["products"] = new JsonArray("einvoicing"),
        };

        private static JsonObject AssessmentBody() => new()
        {
            ["outcome"] = "notifiable", ["affected"] = new JsonObject { ["kind"] = "customers", ["customers"] = new JsonArray("acme") },
        };

        private JsonObject AnnounceBody() => new()
        {
            ["changeId"] = ExternalPlaceholder,
            ["action"] = "add",
            ["subProcessor"] = new JsonObject
            {
                ["id"] = "mailer", ["name"] = "Mailer", ["legalEntity"] = "Mailer Ltd", ["website"] = "https://mailer.example",
                ["purpose"] = "Email", ["dataCategories"] = new JsonArray("contact details"), ["locations"] = new JsonArray("IE", "US"),
                ["transfer"] = new JsonObject { ["mechanism"] = "scc", ["reference"] = "SCC 2021/914" }, ["products"] = new JsonArray("einvoicing"),
                ["since"] = "2026-01-01",
            },
            ["effectiveAt"] = App.Clock.GetUtcNow().AddDays(10).ToString("O", CultureInfo.InvariantCulture),
            ["summary"] = "We add Mailer.",
        };

        public Task DisposeAsync() => _s.DisposeAsync().AsTask();

        private static readonly Gen<Credential> Credentials = Gen.Frequency(
            (6, Gen.Const(Credential.Valid)), (1, Gen.Const(Credential.Forged)), (1, Gen.Const(Credential.Missing)),
            (1, Gen.Const(Credential.Stale)), (1, Gen.Const(Credential.Replayed)), (1, Gen.Const(Credential.Foreign)));

        public Gen<HostileCase> CaseFor(string endpoint)
        {
            var none = Gen.Const(Array.Empty<byte>());
            var noQuery = Gen.Const("");
            var valid = Gen.Const(Credential.Valid);
            return endpoint switch
            {
                "PutCustomer" => Case(HostileInputs.MostlyValidRouteId("acme", "globex"), noQuery,
                    HostileInputs.Body(CustomerFunctionsTests.ValidBody(), "name", "contacts", "contacts.privacy", "contacts.security", "contacts.dsr",
                        "endUserContact", "endUserContact.email", "endUserContact.url", "locale", "timeZone", "products"), valid),
                "GetCustomer" => Case(HostileInputs.RouteId("acme"), noQuery, none, valid),
                "Health" => Case(Gen.Const(""), HostileInputs.Query("verbose", "check"), none, valid),
                "GetAuditTrail" => Case(HostileInputs.RouteId("acme", "customer", "dsr"), HostileInputs.Query("from", "to", "format"), none, valid),
                "DsrIntake" => Case(Gen.Const(""), noQuery,
                    HostileInputs.Body(IntakeBody(), "productId", "externalId", "customerId", "type", "subject", "subject.email", "subject.name",
                        "subject.locale", "receivedAt", "channel", "message"), Credentials),
                "GetDsr" => Case(HostileInputs.RouteId(_requestId, "acme"), noQuery, none, valid),
                "ListCustomerDsr" => Case(HostileInputs.RouteId("acme"), HostileInputs.Query("status", "pageSize", "continuationToken"), none, valid),
                "CancelDsr" => Case(HostileInputs.MostlyValidRouteId(_receivedId, _requestId), noQuery,
                    HostileInputs.Body(new JsonObject { ["requestId"] = RoutePlaceholder, ["productId"] = "einvoicing", ["reason"] = "duplicate" },
                        "requestId", "productId", "reason"), Credentials),
                "CompleteDsr" => Case(HostileInputs.MostlyValidRouteId(_instructedId, _requestId), noQuery,
                    HostileInputs.Body(new JsonObject
                    {
                        ["requestId"] = RoutePlaceholder, ["productId"] = "einvoicing", ["completedAt"] = App.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), ["outcome"] = "done",
                    }, "requestId", "productId", "completedAt", "outcome"), Credentials),
                "GetDsrInstructionPage" => Case(HostileInputs.MostlyValidRouteId(_requestId), noQuery, none, Credentials),
                "PostDsrInstruction" => Case(HostileInputs.MostlyValidRouteId(_requestId), noQuery,
                    Gen.OneOf(
                        HostileInputs.Body(new JsonObject { ["decision"] = "extend", ["months"] = 1, ["reason"] = "complex request" }, "decision", "months", "reason"),
                        HostileInputs.Body(new JsonObject { ["decision"] = "instruct", ["instruction"] = "processorToAssist", ["action"] = "erase", ["endUserMessage"] = "Done." },
                            "decision", "instruction", "action", "endUserMessage"),
                        HostileInputs.String.Select(s => System.Text.Encoding.UTF8.GetBytes("decision=" + Uri.EscapeDataString(s) + "&months=1&reason=" + s))),
                    Credentials),
                "GetSubProcessorRegister" or "GetSubProcessorFeed" => Case(Gen.Const(""), HostileInputs.Query("format"), none, valid),
                "ListSubProcessorChanges" => Case(Gen.Const(""), HostileInputs.Query("status", "pageSize", "continuationToken"), none, valid),
                "AnnounceSubProcessorChange" => Case(Gen.Const(""), noQuery,
                    HostileInputs.Body(AnnounceBody(), "changeId", "action", "subProcessor", "subProcessor.id", "subProcessor.name", "subProcessor.website",
                        "subProcessor.dataCategories", "subProcessor.locations", "subProcessor.transfer", "subProcessor.transfer.mechanism",
                        "subProcessor.products", "subProcessor.since", "effectiveAt", "summary", "replaces", "subProcessorId"), valid),
                "GetSubProcessorChangeDeliveries" => Case(HostileInputs.RouteId(Change), HostileInputs.Query("pageSize", "continuationToken"), none, valid),
                "WithdrawSubProcessorChange" => Case(HostileInputs.MostlyValidRouteId(ChangeToWithdraw), noQuery,
                    HostileInputs.Body(new JsonObject { ["reason"] = "Not needed." }, "reason"), valid),
                "GetObjectionPage" => Case(HostileInputs.MostlyValidRouteId(Change), noQuery, none, Credentials),
                "PostObjection" => Case(HostileInputs.MostlyValidRouteId(Change), noQuery,
                    Gen.OneOf(HostileInputs.Body(new JsonObject { ["reason"] = "We object." }, "reason"),
                        HostileInputs.String.Select(s => System.Text.Encoding.UTF8.GetBytes("reason=" + s))), Credentials),
                "RecordObjection" => Case(Gen.Const(""), noQuery, HostileInputs.Body(new JsonObject
                {
                    ["changeId"] = Change, ["customerId"] = "acme", ["receivedAt"] = App.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), ["summary"] = "By letter.",
                }, "changeId", "customerId", "receivedAt", "summary"), valid),
                "ListObjections" => Case(Gen.Const(""), HostileInputs.Query("status", "changeId", "pageSize", "continuationToken"), none, valid),
                "ResolveObjection" => Case(HostileInputs.MostlyValidRouteId(_objectionId), noQuery,
                    HostileInputs.Body(new JsonObject { ["outcome"] = "accommodated", ["note"] = "Kept in the EU." }, "outcome", "note"), valid),
                "Subscribe" => Case(Gen.Const(""), noQuery,
                    HostileInputs.Body(new JsonObject { ["email"] = "ana@mail.example", ["language"] = "nl" }, "email", "language"), valid),
                "GetSubscriptionConfirmation" or "GetUnsubscribePage" => Case(Gen.Const(""), noQuery, none, Credentials),
                "PostSubscriptionConfirmation" => Case(Gen.Const(""), noQuery,
                    Gen.OneOf(HostileInputs.Body(new JsonObject(), "x"), HostileInputs.String.Select(s => System.Text.Encoding.UTF8.GetBytes(s))), Credentials),
                "PostUnsubscribe" => Case(Gen.Const(""), noQuery,
                    Gen.OneOf(Gen.Const(System.Text.Encoding.UTF8.GetBytes("List-Unsubscribe=One-Click")),
                        HostileInputs.String.Select(s => System.Text.Encoding.UTF8.GetBytes("List-Unsubscribe=" + s))), Credentials),
                "ReportBreach" => Case(Gen.Const(""), noQuery, HostileInputs.Body(ReportBody(), "productId", "externalId", "title", "detectedAt", "nature",
                    "dataSubjectCategories", "dataSubjectsApprox", "recordsApprox", "systems", "products", "customers"), Credentials),
                "OpenBreach" => Case(Gen.Const(""), noQuery, HostileInputs.Body(BreachFacts(), "title", "detectedAt", "nature", "dataSubjectCategories",
                    "dataSubjectsApprox", "recordCategories", "recordsApprox", "contactPoint", "likelyConsequences", "measures", "systems", "products"), valid),
                "PatchBreach" => Case(HostileInputs.MostlyValidRouteId(_triageBreachId), noQuery,
                    HostileInputs.Body(new JsonObject { ["nature"] = "Corrected.", ["recordsApprox"] = 10, ["measures"] = null }, "nature", "recordsApprox", "measures", "title"), valid),
                "AssessBreach" => Case(HostileInputs.MostlyValidRouteId(_triageBreachId), noQuery,
                    HostileInputs.Body(AssessmentBody(), "outcome", "reason", "affected", "affected.kind", "affected.customers", "affected.products"), valid),
                "SendBreachNotices" => Case(HostileInputs.MostlyValidRouteId(_breachId, _triageBreachId), noQuery,
                    HostileInputs.Body(new JsonObject { ["phased"] = true }, "phased"), valid),
                "SendBreachUpdate" => Case(HostileInputs.MostlyValidRouteId(_breachId), noQuery, HostileInputs.Body(new JsonObject { ["text"] = "More is known." }, "text"), valid),
                "CloseBreach" => Case(HostileInputs.MostlyValidRouteId(_triageBreachId), noQuery, HostileInputs.Body(new JsonObject { ["summary"] = "Done." }, "summary"), valid),
                "GetBreachAcknowledgementPage" => Case(HostileInputs.MostlyValidRouteId(_breachId), noQuery, none, Credentials),
                "PostBreachAcknowledgement" => Case(HostileInputs.MostlyValidRouteId(_breachId), noQuery,
                    Gen.OneOf(HostileInputs.Body(new JsonObject { ["action"] = "acknowledge", ["name"] = "Ann", ["role"] = "CISO" }, "action", "name", "role", "question"),
                        HostileInputs.String.Select(s => System.Text.Encoding.UTF8.GetBytes("action=question&question=" + s))), Credentials),
                "ListBreaches" => Case(Gen.Const(""), HostileInputs.Query("status", "from", "to", "pageSize", "continuationToken"), none, valid),
                "GetBreach" => Case(HostileInputs.RouteId(_breachId), noQuery, none, valid),
                "ExportBreaches" => Case(Gen.Const(""), HostileInputs.Query("from", "to", "format"), none, valid),
                "TerminateContract" => Case(HostileInputs.MostlyValidRouteId("acme"), noQuery, HostileInputs.Body(TerminationBody(10), "endsAt", "products", "reason"), valid),
                "ReportProductTermination" => Case(Gen.Const(""), noQuery, HostileInputs.Body(new JsonObject
                {
                    ["productId"] = "einvoicing", ["customerId"] = "acme", ["endsAt"] = App.Clock.GetUtcNow().AddDays(10).ToString("O", CultureInfo.InvariantCulture),
                }, "productId", "customerId", "endsAt"), Credentials),
                "GetDisposition" => Case(HostileInputs.RouteId(_dispositionId), noQuery, none, valid),
                "ListCustomerDispositions" or "ListLegalHolds" => Case(HostileInputs.RouteId("acme"), noQuery, none, valid),
                "GetRetentionChoicePage" => Case(HostileInputs.MostlyValidRouteId(_dispositionId), noQuery, none, Credentials),
                "PostRetentionChoice" => Case(HostileInputs.MostlyValidRouteId(_dispositionId), noQuery,
                    Gen.OneOf(HostileInputs.Body(new JsonObject { ["choice"] = "return", ["returnContact"] = "it@acme.example", ["returnFormat"] = "csv" }, "choice", "returnContact", "returnFormat"),
                        HostileInputs.String.Select(s => System.Text.Encoding.UTF8.GetBytes("choice=" + s))), Credentials),
                "ConfirmDisposition" => Case(HostileInputs.MostlyValidRouteId(_dispositionId), noQuery, HostileInputs.Body(new JsonObject
                {
                    ["dispositionId"] = RoutePlaceholder, ["productId"] = "einvoicing", ["outcome"] = "deleted",
                    ["categories"] = new JsonArray(new JsonObject { ["category"] = "invoices", ["count"] = 10 }),
                    ["kept"] = new JsonArray(new JsonObject { ["category"] = "kyc-documents", ["holdId"] = _holdId }),
                    ["completedAt"] = App.Clock.GetUtcNow().AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture),
                }, "dispositionId", "productId", "outcome", "categories", "kept", "completedAt", "round"), Credentials),
                "PlaceLegalHold" => Case(HostileInputs.MostlyValidRouteId("acme"), noQuery,
                    HostileInputs.Body(HoldBody(), "basis", "reference", "categories", "products", "until", "reviewAt"), valid),
                "ReleaseLegalHold" => Case(HostileInputs.MostlyValidRouteId(_holdId), noQuery, HostileInputs.Body(new JsonObject { ["reason"] = "Obligation ended." }, "reason"), valid),
                "GetCertificate" => Case(HostileInputs.RouteId(_dispositionId + "-c0"), noQuery, none, valid),
                "VerifyCertificate" => Case(HostileInputs.RouteId(_dispositionId + "-c0"), HostileInputs.Query("digest"), none, valid),
                _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "not in the suite"),
            };
        }

        private JsonObject ReportBody()
        {
            var body = BreachFacts();
            body["productId"] = "einvoicing";
            body["externalId"] = ExternalPlaceholder;
            body["customers"] = new JsonArray("acme");
            return body;
        }

        private static Gen<HostileCase> Case(Gen<string> routeId, Gen<string> query, Gen<byte[]> body, Gen<Credential> credential) =>
            Gen.Select(routeId, query, body, HostileInputs.ContentType, credential)
                .Select((id, q, b, type, c) => new HostileCase(id, q, b, type, c));

        private JsonObject IntakeBody() => new()
        {
            ["productId"] = "einvoicing",
            ["externalId"] = ExternalPlaceholder,
            ["customerId"] = "acme",
            ["type"] = "erasure",
            ["subject"] = new JsonObject { ["email"] = "jane.doe@mail.example", ["name"] = "Jane Doe", ["locale"] = "nl-BE" },
            ["receivedAt"] = App.Clock.GetUtcNow().AddMinutes(-30).ToString("O", CultureInfo.InvariantCulture),
            ["channel"] = "web-form",
            ["message"] = "Please delete my data.",
        };

        /// <summary>Sends one case to the real function class; an exception is answered 500, as the host would.</summary>
        public async Task<(int Status, string? ContentType, IReadOnlyList<string> Writes)> SendAsync(string endpoint, HostileCase hostile)
        {
            var request = Build(endpoint, hostile);
            using var measurement = App.Requests.Measure();
            int status;
            string? contentType;
            try
            {
                var result = await InvokeAsync(endpoint, request, hostile.RouteId);
                (status, contentType) = result switch
                {
                    ObjectResult o => (o.StatusCode ?? 200, o.ContentTypes.FirstOrDefault()),
                    ContentResult c => (c.StatusCode ?? 200, c.ContentType),
                    Microsoft.AspNetCore.Mvc.Infrastructure.IStatusCodeActionResult { StatusCode: { } code } => (code, null),
                    _ => (200, null),
                };
            }
            catch (Exception)
            {
                (status, contentType) = (500, null);
            }
            // The claim of a verified webhook-id is the one write a rejected webhook makes, by design.
            var writes = measurement.Writes.Where(w => !w.Contains(StorageNames.Tables.WebhookReplays, StringComparison.Ordinal)).ToList();
            return (status, contentType, writes);
        }

        private Task<IActionResult> InvokeAsync(string endpoint, HttpRequest request, string routeId)
        {
            var ct = CancellationToken.None;
            return endpoint switch
            {
                "PutCustomer" => App.Function<CustomerFunctions>().Put(request, routeId, ct),
                "GetCustomer" => App.Function<CustomerFunctions>().Get(request, routeId, ct),
                "Health" => App.Function<HealthFunctions>().Get(request, ct),
                "GetAuditTrail" => App.Function<AuditFunctions>().GetAuditTrailAsync(request, routeId.Length % 2 == 0 ? "customer" : routeId, routeId, ct),
                "DsrIntake" => App.Function<DsrIntakeFunctions>().Post(request, ct),
                "GetDsr" => App.Function<DsrStatusFunctions>().Get(request, routeId, ct),
                "ListCustomerDsr" => App.Function<DsrStatusFunctions>().List(request, routeId, ct),
                "CancelDsr" => App.Function<DsrProductFunctions>().Cancel(request, routeId, ct),
                "CompleteDsr" => App.Function<DsrProductFunctions>().Complete(request, routeId, ct),
                "GetDsrInstructionPage" => App.Function<DsrInstructionFunctions>().Get(request, routeId, ct),
                "PostDsrInstruction" => App.Function<DsrInstructionFunctions>().Post(request, routeId, ct),
                "GetSubProcessorRegister" => App.Function<RegisterFunctions>().Get(request, ct),
                "ListSubProcessorChanges" => App.Function<ChangeFunctions>().List(request, ct),
                "GetSubProcessorFeed" => App.Function<ChangeFunctions>().Feed(request, ct),
                "AnnounceSubProcessorChange" => App.Function<ChangeFunctions>().Announce(request, ct),
                "GetSubProcessorChangeDeliveries" => App.Function<ChangeFunctions>().Deliveries(request, routeId, ct),
                "WithdrawSubProcessorChange" => App.Function<ChangeFunctions>().Withdraw(request, routeId, ct),
                "GetObjectionPage" => App.Function<ObjectionFunctions>().GetPage(request, routeId, ct),
                "PostObjection" => App.Function<ObjectionFunctions>().Post(request, routeId, ct),
                "RecordObjection" => App.Function<ObjectionFunctions>().Record(request, ct),
                "ListObjections" => App.Function<ObjectionFunctions>().List(request, ct),
                "ResolveObjection" => App.Function<ObjectionFunctions>().Resolve(request, routeId, ct),
                "Subscribe" => App.Function<SubscriptionFunctions>().Subscribe(request, ct),
                "GetSubscriptionConfirmation" => App.Function<SubscriptionFunctions>().GetConfirmation(request, ct),
                "PostSubscriptionConfirmation" => App.Function<SubscriptionFunctions>().PostConfirmation(request, ct),
                "GetUnsubscribePage" => App.Function<SubscriptionFunctions>().GetUnsubscribe(request, ct),
                "PostUnsubscribe" => App.Function<SubscriptionFunctions>().PostUnsubscribe(request, ct),
                "ReportBreach" => App.Function<BreachFunctions>().Report(request, ct),
                "OpenBreach" => App.Function<BreachFunctions>().Open(request, ct),
                "PatchBreach" => App.Function<BreachFunctions>().Patch(request, routeId, ct),
                "AssessBreach" => App.Function<BreachFunctions>().Assess(request, routeId, ct),
                "SendBreachNotices" => App.Function<BreachFunctions>().Notices(request, routeId, ct),
                "SendBreachUpdate" => App.Function<BreachFunctions>().Update(request, routeId, ct),
                "CloseBreach" => App.Function<BreachFunctions>().Close(request, routeId, ct),
                "GetBreachAcknowledgementPage" => App.Function<BreachAcknowledgementFunctions>().Get(request, routeId, ct),
                "PostBreachAcknowledgement" => App.Function<BreachAcknowledgementFunctions>().Post(request, routeId, ct),
                "ListBreaches" => App.Function<BreachRegisterFunctions>().List(request, ct),
                "GetBreach" => App.Function<BreachRegisterFunctions>().Get(request, routeId, ct),
                "ExportBreaches" => App.Function<BreachRegisterFunctions>().Export(request, ct),
                "TerminateContract" => App.Function<RetentionFunctions>().Terminate(request, routeId, ct),
                "ReportProductTermination" => App.Function<RetentionFunctions>().ProductTermination(request, ct),
                "GetDisposition" => App.Function<RetentionFunctions>().Get(request, routeId, ct),
                "ListCustomerDispositions" => App.Function<RetentionFunctions>().List(request, routeId, ct),
                "GetRetentionChoicePage" => App.Function<RetentionFunctions>().GetChoice(request, routeId, ct),
                "PostRetentionChoice" => App.Function<RetentionFunctions>().PostChoice(request, routeId, ct),
                "ConfirmDisposition" => App.Function<RetentionFunctions>().Confirm(request, routeId, ct),
                "PlaceLegalHold" => App.Function<RetentionFunctions>().PlaceHold(request, routeId, ct),
                "ListLegalHolds" => App.Function<RetentionFunctions>().ListHolds(request, routeId, ct),
                "ReleaseLegalHold" => App.Function<RetentionFunctions>().ReleaseHold(request, "acme", routeId, ct),
                "GetCertificate" => App.Function<RetentionFunctions>().GetCertificate(request, routeId, ct),
                "VerifyCertificate" => App.Function<RetentionFunctions>().Verify(request, routeId, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
            };
        }

        private HttpRequest Build(string endpoint, HostileCase hostile)
        {
            var context = new DefaultHttpContext();
            var request = context.Request;
            request.Method = endpoint.StartsWith("Get", StringComparison.Ordinal) || endpoint is "Health" or "ListCustomerDsr" or "ListSubProcessorChanges" or "ListObjections"
                or "ListBreaches" or "ExportBreaches" or "ListCustomerDispositions" or "ListLegalHolds" or "VerifyCertificate" ? "GET"
                : endpoint == "PutCustomer" ? "PUT" : endpoint == "PatchBreach" ? "PATCH" : "POST";
            request.Path = "/api/hostile";
            var body = Substitute(Substitute(hostile.Body, RoutePlaceholder, JsonStringContent(hostile.RouteId)),
                ExternalPlaceholder, $"hostile-new-{Interlocked.Increment(ref _externalIds)}");
            request.Body = new MemoryStream(body);
            request.ContentLength = body.Length;
            request.ContentType = hostile.ContentType;
            var query = hostile.Query;
            if (_links.TryGetValue(endpoint, out var link))
            {
                var token = hostile.Credential switch
                {
                    Credential.Valid or Credential.Replayed => link.Valid,
                    Credential.Forged => link.Valid[..^4] + (link.Valid.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"),
                    Credential.Foreign => link.Foreign,
                    Credential.Stale => "x.y",
                    _ => null,
                };
                if (token is not null) query = "?token=" + Uri.EscapeDataString(token);
            }
            request.QueryString = new QueryString(query.Length == 0 ? null : query);
            if (endpoint is "DsrIntake" or "CancelDsr" or "CompleteDsr" or "ReportBreach" or "ReportProductTermination" or "ConfirmDisposition") Sign(request, hostile with { Body = body });
            if (endpoint == "PatchBreach") request.Headers.IfMatch = hostile.Body.Length % 3 == 0 ? "\"1\"" : "\"2\"";
            return request;
        }

        /// <summary>A string's JSON escaping, lone surrogates included (as \uXXXX escapes, which the app must refuse).</summary>
        private static string JsonStringContent(string text) => string.Concat(text.Select(c =>
            c is '"' or '\\' || char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));

        /// <summary>Replaces a placeholder's bytes (the body may not be valid UTF-8, so this works on bytes).</summary>
        private static byte[] Substitute(byte[] body, string placeholder, string value)
        {
            var from = System.Text.Encoding.UTF8.GetBytes(placeholder);
            var at = body.AsSpan().IndexOf(from);
            return at < 0 ? body : [.. body.AsSpan(0, at), .. System.Text.Encoding.UTF8.GetBytes(value), .. body.AsSpan(at + from.Length)];
        }

        private void Sign(HttpRequest request, HostileCase hostile)
        {
            var now = App.Clock.GetUtcNow();
            var webhookId = hostile.Credential == Credential.Replayed ? "msg_replayed" : $"msg_hostile_{Interlocked.Increment(ref _webhooks)}";
            switch (hostile.Credential)
            {
                case Credential.Missing:
                    return;
                case Credential.Forged:
                    new WebhookSigner(WebhookSecret.Generate()).Sign(request, "einvoicing", webhookId, now, hostile.Body);
                    return;
                case Credential.Foreign:
                    // Signed by another product with its own valid secret: it may not speak for einvoicing's requests.
                    new WebhookSigner(TestApp.WebhookSecretOf("payments")).Sign(request, "payments", webhookId, now, hostile.Body);
                    return;
                case Credential.Stale:
                    new WebhookSigner(TestApp.WebhookSecretOf("einvoicing")).Sign(request, "einvoicing", webhookId, now.AddMinutes(-6), hostile.Body);
                    return;
                default:
                    new WebhookSigner(TestApp.WebhookSecretOf("einvoicing")).Sign(request, "einvoicing", webhookId, now, hostile.Body);
                    return;
            }
        }
    }
}
