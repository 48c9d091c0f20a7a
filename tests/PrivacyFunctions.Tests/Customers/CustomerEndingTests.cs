using System.Text.Json.Nodes;
using Azure.Data.Tables;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.DataSubjectRequests.Flow;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Customers;

/// <summary>
/// The end of a customer's contract erases our own copy of its contact data (GDPR Art. 28(3)(g); SCC cl. 10(d)):
/// checked by scanning every string of every row of every table against Azurite.
/// </summary>
public sealed class CustomerEndingTests : IAsyncLifetime
{
    private readonly DsrScenario _scenario = new();
    private TestApp App => _scenario.App;
    private CustomerEnding Ending => App.Get<CustomerEnding>();

    private static readonly string[] AcmeAddresses =
        ["dpo@acme.example", "soc@acme.example", "ciso@acme.example", "privacy-requests@acme.example", "rights@acme.example"];
    private static readonly string[] GlobexAddresses =
        ["dpo@globex.example", "soc@globex.example", "dsr@globex.example", "rights@globex.example"];

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _scenario.DisposeAsync().AsTask();

    private static JsonObject GlobexBody()
    {
        var body = CustomerFunctionsTests.ValidBody();
        body["name"] = "Globex SA";
        body["contacts"] = new JsonObject
        {
            ["privacy"] = new JsonArray("DPO@Globex.example"),
            ["security"] = new JsonArray("soc@globex.example"),
            ["dsr"] = new JsonArray("dsr@globex.example"),
        };
        body["endUserContact"] = new JsonObject { ["email"] = "rights@globex.example" };
        return body;
    }

    private async Task<Response> PutAsync(string customerId, JsonObject body) =>
        Response.Of(await App.Function<CustomerFunctions>().Put(
            HttpRequests.Json("PUT", $"/api/customers/{customerId}", body.ToJsonString()), customerId, CancellationToken.None));

    /// <summary>Two customers, each with a request forwarded to its DSR contact and every email delivered.</summary>
    private async Task ArrangeAsync()
    {
        Assert.Equal(201, (await PutAsync("acme", CustomerFunctionsTests.ValidBody())).Status);
        Assert.Equal(201, (await PutAsync("globex", GlobexBody())).Status);
        Assert.Equal(202, (await _scenario.PostIntakeAsync(_scenario.IntakeBody("ext-1", "acme"))).Status);
        Assert.Equal(202, (await _scenario.PostIntakeAsync(_scenario.IntakeBody("ext-2", "globex"))).Status);
        await _scenario.DrainForwardingAsync(); // the referrals and forwards are sent at once
        await _scenario.DeliverEmailsAsync();
        var rows = await App.RowsAsync(StorageNames.Tables.EmailDeliveries);
        Assert.Contains(rows, r => r.GetString("ToAddress") == "privacy-requests@acme.example");
        Assert.Contains(rows, r => r.GetString("ToAddress") == "dsr@globex.example");
    }


    [Fact]
    public async Task Ending_erases_every_stored_copy_of_the_customers_addresses_and_keeps_the_other_customers()
    {
        await ArrangeAsync();
        var before = await App.EveryStoredStringAsync();
        foreach (var address in AcmeAddresses)
            Assert.Contains(before, s => s.Value.Contains(address, StringComparison.OrdinalIgnoreCase));

        var result = await Ending.EndAsync("acme", CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(CustomerEndOutcome.Ended, result.Outcome);
        Assert.True(result.EmailsErased >= 2, $"emails erased: {result.EmailsErased}"); // the forward and the end-user's referral at least
        Assert.Equal(1, result.RequestsErased);
        Assert.NotNull(result.EndedAt);

        var after = await App.EveryStoredStringAsync();
        TestApp.AssertNoneContains(after, AcmeAddresses);
        foreach (var address in GlobexAddresses)
            Assert.Contains(after, s => s.Value.Contains(address, StringComparison.OrdinalIgnoreCase));

        // The proof stays: the erased deliveries keep their keys, times and recipient hashes.
        var erased = (await App.RowsAsync(StorageNames.Tables.EmailDeliveries)).Where(r => r.GetDateTimeOffset("ErasedAt") is not null).ToList();
        Assert.Equal(result.EmailsErased, erased.Count);
        Assert.All(erased, r => Assert.False(string.IsNullOrEmpty(r.GetString("RecipientHash"))));
        Assert.All(erased, r => Assert.NotNull(r.GetDateTimeOffset("SentAt")));

        // The audit entry names no address (the scan above covers it) and says what was done.
        var audit = (await App.RowsAsync(StorageNames.Tables.Customers)).Single(r => r.PartitionKey == "acme" && r.RowKey.Contains("~audit~") && (r.GetString("Action") ?? "") == CustomerEnding.EndedAction);
        Assert.NotNull(audit);
    }

    [Fact]
    public async Task An_ended_customer_is_still_read_but_never_written_again()
    {
        await ArrangeAsync();
        await Ending.EndAsync("acme", CancellationToken.None);

        var put = await PutAsync("acme", CustomerFunctionsTests.ValidBody());
        Assert.Equal(409, put.Status);
        Assert.Contains("contract has ended", put.Body.GetProperty("detail").GetString());

        var get = Response.Of(await App.Function<CustomerFunctions>().Get(HttpRequests.Json("GET", "/api/customers/acme"), "acme", CancellationToken.None));
        Assert.Equal(200, get.Status);
        Assert.Equal("ended", get.Body.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKindNull, get.Body.GetProperty("endedAt").ValueKind);
        var contacts = get.Body.GetProperty("contacts");
        Assert.Equal(0, contacts.GetProperty("privacy").GetArrayLength());
        Assert.Equal(0, contacts.GetProperty("security").GetArrayLength());
        Assert.Equal(0, contacts.GetProperty("dsr").GetArrayLength());

        var globex = Response.Of(await App.Function<CustomerFunctions>().Get(HttpRequests.Json("GET", "/api/customers/globex"), "globex", CancellationToken.None));
        Assert.Equal("active", globex.Body.GetProperty("status").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Ending_again_is_complete_and_writes_nothing()
    {
        await ArrangeAsync();
        Assert.True((await Ending.EndAsync("acme", CancellationToken.None)).Complete);

        using var measurement = App.Requests.Measure();
        var again = await Ending.EndAsync("acme", CancellationToken.None);

        Assert.True(again.Complete);
        Assert.Equal((0, 0), (again.EmailsErased, again.RequestsErased));
        Assert.Empty(measurement.Writes);
    }

    [Fact]
    public async Task A_crash_in_the_middle_is_finished_by_a_repeat()
    {
        await ArrangeAsync();
        // The first transaction after the deliveries are erased: the request's subject-data erasure.
        App.Faults.FailNext("POST", "$batch");

        await Assert.ThrowsAsync<InjectedCrashException>(() => Ending.EndAsync("acme", CancellationToken.None));
        var customer = await App.Get<CustomerDirectory>().GetAsync("acme", CancellationToken.None);
        Assert.Equal(CustomerStatus.Active, customer!.Customer.Status);

        var repeat = await Ending.EndAsync("acme", CancellationToken.None);

        Assert.True(repeat.Complete);
        Assert.Equal(1, repeat.RequestsErased);
        TestApp.AssertNoneContains(await App.EveryStoredStringAsync(), AcmeAddresses);
    }

    [Fact]
    public async Task A_crash_while_erasing_a_delivery_is_finished_by_a_repeat()
    {
        await ArrangeAsync();
        App.Faults.FailNext("PUT", "EmailDeliveries");

        await Assert.ThrowsAsync<InjectedCrashException>(() => Ending.EndAsync("acme", CancellationToken.None));
        var repeat = await Ending.EndAsync("acme", CancellationToken.None);

        Assert.True(repeat.Complete);
        TestApp.AssertNoneContains(await App.EveryStoredStringAsync(), AcmeAddresses);
    }

    [Fact]
    public async Task A_delivery_still_pending_is_reported_and_a_later_call_erases_it_from_the_kept_hashes()
    {
        await ArrangeAsync();
        var message = new PrivacyFunctions.Platform.Email.EmailMessage("test.late-notice.acme", new("SOC@acme.example"), "A late notice",
            PrivacyFunctions.Platform.Email.EmailBody.FromParagraphs("Sent to soc@acme.example just before the end."),
            new("customer", "acme", "late-notice"));
        await App.Get<PrivacyFunctions.Platform.Email.EmailOutbox>().EnqueueAsync(message);
        await App.OutboxRowsAsync(); // recorded Pending, not sent yet

        var first = await Ending.EndAsync("acme", CancellationToken.None);

        Assert.False(first.Complete);
        Assert.Equal(1, first.EmailsPending);
        Assert.Equal(1, first.RequestsErased);
        var customer = (await App.Get<CustomerDirectory>().GetAsync("acme", CancellationToken.None))!.Customer;
        Assert.Equal(CustomerStatus.Ended, customer.Status); // no new mail to its contacts meanwhile
        Assert.Contains(EmailDelivery_Hash("soc@acme.example"), customer.ErasedAddressHashes!);

        await App.Get<PrivacyFunctions.Platform.Email.EmailDeliveryHandler>().DeliverAsync(message.IdempotencyKey, CancellationToken.None);
        var second = await Ending.EndAsync("acme", CancellationToken.None);

        Assert.True(second.Complete);
        Assert.Equal(1, second.EmailsErased);
        TestApp.AssertNoneContains(await App.EveryStoredStringAsync(), AcmeAddresses);
    }

    private static string EmailDelivery_Hash(string address) => PrivacyFunctions.Platform.Email.EmailDelivery.HashRecipient(address);

    [Fact]
    public async Task An_unknown_customer_is_not_found()
    {
        var result = await Ending.EndAsync("nobody", CancellationToken.None);
        Assert.Equal(CustomerEndOutcome.NotFound, result.Outcome);
        Assert.False(result.Complete);
    }
}
