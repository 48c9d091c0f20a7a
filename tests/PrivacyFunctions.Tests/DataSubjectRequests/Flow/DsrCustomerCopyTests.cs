using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.DataSubjectRequests.Due;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Flow;

/// <summary>
/// A request carries a copy of its customer, so no later step reads the customer; the copy follows the customer's
/// updates while the request is open (at once, and once more for a request stored in the middle of an update).
/// </summary>
public sealed class DsrCustomerCopyTests : IAsyncLifetime
{
    private readonly DsrScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private async Task<string> IntakeAsync(string externalId) =>
        (await _s.PostIntakeAsync(_s.IntakeBody(externalId))).Body.GetProperty("requestId").GetString()!;

    private async Task UpdateDsrContactAsync(string address)
    {
        var directory = _s.App.Get<CustomerDirectory>();
        var customer = (await directory.GetAsync("acme", CancellationToken.None))!.Customer;
        var put = await directory.PutAsync(customer with { Contacts = customer.Contacts with { Dsr = [address] } }, null, AuditActors.Admin, CancellationToken.None);
        Assert.Equal(CustomerPutOutcome.Updated, put.Outcome);
    }

    [Fact]
    public async Task A_customer_update_reaches_its_open_requests_and_their_reminders_go_to_the_new_dsr_contact()
    {
        var requestId = await IntakeAsync("open");
        await _s.DrainForwardingAsync();
        var copied = await _s.RequestAsync(requestId);
        Assert.Equal(["privacy-requests@acme.example"], copied.Customer!.Contacts.Dsr);
        Assert.Empty(copied.Customer.Contacts.Security); // only what DSR uses is copied
        Assert.Empty(copied.Customer.Products);

        await UpdateDsrContactAsync("new-dsr@acme.example");

        var updated = await _s.RequestAsync(requestId);
        Assert.Equal(["new-dsr@acme.example"], updated.Customer!.Contacts.Dsr);
        Assert.Equal(2, updated.CustomerVersion);
        _s.App.Clock.SetUtcNow(updated.DeadlineIn(updated.Customer.TimeZone).DueAt - TimeSpan.FromDays(7));
        await _s.SweepAsync();
        var reminder = Assert.Single(await _s.DeliveriesAsync("dsr.reminder-7"));
        Assert.Equal("new-dsr@acme.example", reminder.GetString("ToAddress"));
    }

    [Fact]
    public async Task A_closed_request_keeps_the_copy_it_ended_with()
    {
        var requestId = await IntakeAsync("closed");
        await _s.DrainForwardingAsync();
        await _s.App.Get<DsrChanges>().ApplyAsync(requestId, new DsrCommand.Instruct(DsrInstruction.ControllerWillRespond),
            AuditActors.CustomerLink, "instructed", null, CancellationToken.None);

        await UpdateDsrContactAsync("new-dsr@acme.example");

        var closed = await _s.RequestAsync(requestId);
        Assert.Equal(["privacy-requests@acme.example"], closed.Customer!.Contacts.Dsr);
        Assert.Equal(1, closed.CustomerVersion);
    }

    [Fact]
    public async Task A_request_stored_with_an_older_copy_while_the_customer_changed_is_brought_up_to_date_by_the_second_pass()
    {
        var requestId = await IntakeAsync("raced");
        await _s.DrainForwardingAsync();
        var before = (await _s.App.Get<AggregateChanges>().FindAsync(_s.App.Get<DsrKind>(), requestId, CancellationToken.None))!;
        await UpdateDsrContactAsync("new-dsr@acme.example");
        // The race: an intake read the customer just before the update and stored the request just after its first pass.
        var current = (await _s.App.Get<AggregateChanges>().FindAsync(_s.App.Get<DsrKind>(), requestId, CancellationToken.None))!;
        Assert.NotNull(await _s.App.Get<AggregateChanges>().TryUpdateStateAsync(_s.App.Get<DsrKind>(), current, before.State, CancellationToken.None));
        Assert.Equal(1, (await _s.RequestAsync(requestId)).CustomerVersion);

        _s.App.Clock.Advance(DsrCustomerCopies.SecondPassAfter);
        await _s.SweepAsync();

        var refreshed = await _s.RequestAsync(requestId);
        Assert.Equal(2, refreshed.CustomerVersion);
        Assert.Equal(["new-dsr@acme.example"], refreshed.Customer!.Contacts.Dsr);
        Assert.Null(await _s.App.Get<PrivacyFunctions.Platform.Due.DueIndex>().FindAsync(DsrDueKinds.CustomerCopies, "acme"));
    }

    [Fact]
    public async Task A_requests_status_reads_the_request_and_no_customer()
    {
        var requestId = await IntakeAsync("reads");
        await _s.DrainForwardingAsync();
        using var measurement = _s.App.Requests.Measure();

        await _s.App.Function<DsrStatusFunctions>().Get(Support.HttpRequests.Json("GET", "/api/dsr/x"), requestId, CancellationToken.None);

        Assert.DoesNotContain(measurement.All, r => r.Contains("Customers", StringComparison.Ordinal));
    }
}
