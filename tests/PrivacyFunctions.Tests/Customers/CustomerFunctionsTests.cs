using System.Text.Json.Nodes;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Customers;

public sealed class CustomerFunctionsTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private CustomerFunctions Functions => _app.Function<CustomerFunctions>();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    public static JsonObject ValidBody() => new()
    {
        ["name"] = "Acme Invoicing BV",
        ["contacts"] = new JsonObject
        {
            ["privacy"] = new JsonArray("dpo@acme.example"),
            ["security"] = new JsonArray("soc@acme.example", "ciso@acme.example"),
            ["dsr"] = new JsonArray("privacy-requests@acme.example"),
        },
        ["endUserContact"] = new JsonObject { ["email"] = "rights@acme.example", ["url"] = "https://acme.example/privacy" },
        ["locale"] = "nl-BE",
        ["timeZone"] = "Europe/Brussels",
        ["products"] = new JsonArray("einvoicing", "payments"),
    };

    private async Task<Response> PutAsync(string customerId, JsonObject body, IDictionary<string, string>? headers = null)
    {
        var request = HttpRequests.Json("PUT", $"/api/customers/{customerId}", body.ToJsonString(), headers);
        var response = Response.Of(await Functions.Put(request, customerId, CancellationToken.None));
        LastETag = request.HttpContext.Response.Headers.ETag.ToString();
        return response;
    }

    private string? LastETag { get; set; }

    [Fact]
    public async Task A_new_customer_is_created_then_read_back_with_its_etag()
    {
        var created = await PutAsync("acme", ValidBody());

        Assert.Equal(201, created.Status);
        Assert.Equal(1, created.Body.GetProperty("version").GetInt32());
        Assert.False(string.IsNullOrEmpty(LastETag));
        var createdETag = LastETag;

        var request = HttpRequests.Json("GET", "/api/customers/acme");
        var read = Response.Of(await Functions.Get(request, "acme", CancellationToken.None));
        Assert.Equal(200, read.Status);
        Assert.Equal("Acme Invoicing BV", read.Body.GetProperty("name").GetString());
        Assert.Equal(["soc@acme.example", "ciso@acme.example"], read.Body.GetProperty("contacts").GetProperty("security").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Europe/Brussels", read.Body.GetProperty("timeZone").GetString());
        Assert.Equal(createdETag, request.HttpContext.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task Time_zone_and_locale_default_to_brussels_and_english()
    {
        var body = ValidBody();
        body.Remove("timeZone");
        body.Remove("locale");

        var created = await PutAsync("defaults", body);

        Assert.Equal("Europe/Brussels", created.Body.GetProperty("timeZone").GetString());
        Assert.Equal("en", created.Body.GetProperty("locale").GetString());
    }

    [Fact]
    public async Task An_update_bumps_the_version_and_an_identical_put_changes_nothing()
    {
        await PutAsync("acme", ValidBody());
        var body = ValidBody();
        body["name"] = "Acme Group NV";

        var updated = await PutAsync("acme", body);
        var again = await PutAsync("acme", body);

        Assert.Equal(200, updated.Status);
        Assert.Equal(2, updated.Body.GetProperty("version").GetInt32());
        Assert.Equal(200, again.Status);
        Assert.Equal(2, again.Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task If_match_with_a_stale_etag_is_refused_with_412_and_nothing_changes()
    {
        await PutAsync("acme", ValidBody());
        var stale = LastETag!;
        var body = ValidBody();
        body["name"] = "Changed by someone else";
        await PutAsync("acme", body);

        body["name"] = "My late change";
        var refused = await PutAsync("acme", body, new Dictionary<string, string> { ["If-Match"] = stale });

        Assert.Equal(412, refused.Status);
        Assert.Equal("urn:privacyfunctions:problem:precondition-failed", refused.ProblemType);
        var stored = await _app.Get<CustomerDirectory>().GetAsync("acme", CancellationToken.None);
        Assert.Equal("Changed by someone else", stored!.Customer.Name);
    }

    public static TheoryData<string, string, string> InvalidBodies() => new()
    {
        // field to change, JSON value, expected error field
        { "name", "\"\"", "name" },
        { "name", "42", "name" },
        { "name", "\"Acme\\tBV\"", "name" },
        { "contacts", "{\"privacy\":[\"not-an-email\"]}", "contacts.privacy[0]" },
        { "contacts", "{\"privacy\":[]}", "contacts.privacy" },
        { "contacts", "{\"security\":[\"soc@acme.example\"]}", "contacts.privacy" },
        { "contacts", "{\"privacy\":[\"dpo@acme.example\"],\"billing\":[\"x@acme.example\"]}", "contacts.billing" },
        { "endUserContact", "{}", "endUserContact" },
        { "endUserContact", "{\"url\":\"http://insecure.example\"}", "endUserContact.url" },
        { "locale", "\"english\"", "locale" },
        { "timeZone", "\"Mars/Olympus\"", "timeZone" },
        { "products", "[\"unknown-product\"]", "products[0]" },
        { "products", "[\"einvoicing\",\"einvoicing\"]", "products" },
        { "products", "[\"bad/id\"]", "products[0]" },
        { "unexpected", "true", "unexpected" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_fields_get_a_422_naming_the_field_and_nothing_is_written(string field, string json, string errorField)
    {
        var body = ValidBody();
        body[field] = JsonNode.Parse(json);

        var response = await PutAsync("acme", body);

        Assert.Equal(422, response.Status);
        Assert.Equal("urn:privacyfunctions:problem:validation", response.ProblemType);
        Assert.Contains(errorField, response.ErrorFields);
        Assert.Empty(await _app.RowsAsync(StorageNames.Tables.Customers));
    }

    [Fact]
    public async Task An_invalid_customer_id_is_a_422_naming_it()
    {
        var response = await PutAsync("bad id!", ValidBody());

        Assert.Equal(422, response.Status);
        Assert.Contains("customerId", response.ErrorFields);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_and_an_oversized_body_a_413()
    {
        var malformed = Response.Of(await Functions.Put(HttpRequests.Json("PUT", "/api/customers/acme", "{\"name\": "), "acme", CancellationToken.None));
        var huge = ValidBody();
        huge["name"] = new string('x', 70 * 1024);
        var tooLarge = await PutAsync("acme", huge);
        var wrongType = Response.Of(await Functions.Put(HttpRequests.Json("PUT", "/api/customers/acme", "name=x", contentType: "application/x-www-form-urlencoded"), "acme", CancellationToken.None));

        Assert.Equal((400, "urn:privacyfunctions:problem:malformed-json"), (malformed.Status, malformed.ProblemType));
        Assert.Equal((413, "urn:privacyfunctions:problem:payload-too-large"), (tooLarge.Status, tooLarge.ProblemType));
        Assert.Equal(415, wrongType.Status);
        Assert.Empty(await _app.RowsAsync(StorageNames.Tables.Customers));
    }

    [Fact]
    public async Task An_unknown_customer_is_a_404_problem()
    {
        var response = Response.Of(await Functions.Get(HttpRequests.Json("GET", "/api/customers/nobody"), "nobody", CancellationToken.None));

        Assert.Equal(404, response.Status);
        Assert.Equal("urn:privacyfunctions:problem:not-found", response.ProblemType);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    private async Task<IReadOnlyList<PrivacyFunctions.Platform.Audit.AuditEntry>> AuditOfAsync(string customerId) =>
        (await _app.Get<PrivacyFunctions.Platform.Audit.AuditTrail>().ExportAsync(CustomerDirectory.AggregateType, customerId, null, null, CancellationToken.None)).Entries;

    [Fact]
    public async Task Every_change_is_audited_with_the_changed_field_names_and_no_contact_addresses()
    {
        await PutAsync("acme", ValidBody());
        var body = ValidBody();
        body["contacts"]!["dsr"] = new JsonArray("new-dsr@acme.example");
        await PutAsync("acme", body);
        await PutAsync("acme", body); // unchanged: no entry

        var entries = await AuditOfAsync("acme");

        Assert.Equal(["customer.created", "customer.updated"], entries.Select(e => e.Action));
        Assert.Equal("admin", entries[1].Actor);
        Assert.Contains("contacts.dsr", entries[1].Data);
        Assert.DoesNotContain("@", string.Concat(entries.Select(e => e.Data)));
        Assert.True((await _app.Get<PrivacyFunctions.Platform.Audit.AuditTrail>().VerifyAsync(CustomerDirectory.AggregateType, "acme", CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task A_crash_during_a_change_leaves_neither_the_change_nor_its_audit_entry_and_the_retried_put_makes_both_once()
    {
        await PutAsync("acme", ValidBody());
        var body = ValidBody();
        body["name"] = "Acme Group NV";
        _app.Faults.FailNext("POST", "$batch"); // the change's one transaction (state + audit entry) never reaches storage

        await Assert.ThrowsAsync<InjectedCrashException>(() => PutAsync("acme", body));
        var read = Response.Of(await Functions.Get(HttpRequests.Json("GET", "/api/customers/acme"), "acme", CancellationToken.None));
        Assert.Equal("Acme Invoicing BV", read.Body.GetProperty("name").GetString()); // nothing half-written
        Assert.Equal(["customer.created"], (await AuditOfAsync("acme")).Select(e => e.Action));
        var retried = await PutAsync("acme", body); // the caller retries the failed request

        Assert.Equal(200, retried.Status);
        Assert.Equal(2, retried.Body.GetProperty("version").GetInt32());
        var entries = await AuditOfAsync("acme");
        Assert.Equal(["customer.created", "customer.updated"], entries.Select(e => e.Action));
        Assert.True((await _app.Get<PrivacyFunctions.Platform.Audit.AuditTrail>().VerifyAsync(CustomerDirectory.AggregateType, "acme", CancellationToken.None)).IsValid);
    }
}
