using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Endpoints;

/// <summary>Emails to the customer's contact list are keyed by the contact's hash, never by its position in the list.</summary>
public sealed class DsrMailKeyTests : IAsyncLifetime
{
    private const string Added = "new-contact@acme.example";
    private readonly DsrEndpointScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private async Task<List<string>> KeysAsync(string prefix) =>
        (await _s.App.OutboxRowsAsync()).Select(r => r.PartitionKey).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order().ToList();

    [Fact]
    public async Task A_contact_added_in_front_of_the_list_gets_its_reminder_and_outcome_and_nobody_gets_one_twice()
    {
        var requestId = await _s.ForwardedAsync("r-keys");
        var request = await _s.FindAsync(requestId);
        var customer = (await _s.App.Get<CustomerDirectory>().GetAsync(DsrEndpointScenario.CustomerId, CancellationToken.None))!.Customer;
        var grown = customer with { Contacts = customer.Contacts with { Dsr = [Added, .. customer.Contacts.Dsr] } };
        var deadline = request.DeadlineIn(customer.TimeZone);
        var link = new Uri("https://privacy.test.example/api/dsr/x/instruction?token=t");
        var mail = _s.App.Get<DsrMail>();

        await mail.RemindCustomerAsync(request, customer, deadline, 7, link, CancellationToken.None);
        await mail.TellOutcomeAsync(request, customer, _s.Now, CancellationToken.None);
        await mail.RemindCustomerAsync(request, grown, deadline, 7, link, CancellationToken.None);
        await mail.TellOutcomeAsync(request, grown, _s.Now, CancellationToken.None);

        // By position, the added contact would have taken ".0" (already sent to the old contact) and the old contact ".1".
        Assert.Equal(new[] { DsrMail.ReminderKey(requestId, 7, 0, DsrEndpointScenario.DsrContact), DsrMail.ReminderKey(requestId, 7, 0, Added) }.Order(),
            await KeysAsync(DsrMail.KeyPrefix(requestId) + "reminder7."));
        Assert.Equal(new[] { DsrMail.OutcomeKey(requestId, DsrEndpointScenario.DsrContact), DsrMail.OutcomeKey(requestId, Added) }.Order(),
            await KeysAsync(DsrMail.KeyPrefix(requestId) + "outcome."));
        Assert.Equal(2, (await _s.DeliveriesToAsync(Added)).Count);
        Assert.Equal(2, (await _s.DeliveriesToAsync(DsrEndpointScenario.DsrContact)).Count(d => d.GetString("NoticeKind") != "dsr.forward"));
    }
}
