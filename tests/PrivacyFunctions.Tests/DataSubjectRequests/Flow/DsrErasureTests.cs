using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Audit;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Flow;

public sealed class DsrErasureTests : IAsyncLifetime
{
    private readonly DsrScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    [Fact]
    public async Task Subject_data_is_erased_30_days_after_closure_and_nothing_else_is()
    {
        var closedId = (await _s.PostIntakeAsync(_s.IntakeBody("closed"))).Body.GetProperty("requestId").GetString()!;
        var openId = (await _s.PostIntakeAsync(_s.IntakeBody("still-open"))).Body.GetProperty("requestId").GetString()!;
        await _s.DrainForwardingAsync();
        await _s.DeliverEmailsAsync();
        var closed = await _s.App.Get<DsrChanges>().ApplyAsync(closedId, new DsrCommand.Instruct(DsrInstruction.ControllerWillRespond),
            AuditActors.CustomerLink, "instructed", null, CancellationToken.None);
        Assert.Equal(DsrStatus.Closed, closed.Request!.Status);

        _s.App.Clock.Advance(TimeSpan.FromDays(29));
        await _s.SweepAsync();
        Assert.NotNull((await _s.RequestAsync(closedId)).Subject); // not yet: 30 days after closure

        _s.App.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await _s.SweepAsync();

        var erased = await _s.RequestAsync(closedId);
        Assert.Null(erased.Subject);
        Assert.Null(erased.Message);
        Assert.NotNull(erased.SubjectErasedAt);
        // The accountability record stays: type, dates, status, who was notified when.
        Assert.Equal(DsrType.Erasure, erased.Type);
        Assert.Equal(DsrStatus.Closed, erased.Status);
        Assert.Equal(1, erased.ForwardedToCount);
        // Its copy of the customer keeps name, language and zone, but no contact address.
        Assert.Equal("Acme Invoicing BV", erased.Customer!.Name);
        Assert.Empty(erased.Customer.Contacts.Dsr.Concat(erased.Customer.Contacts.Privacy));
        Assert.Null(erased.Customer.EndUserContact.Email);
        Assert.Contains(erased.Timeline, t => t.What == "received");
        Assert.Contains(erased.Timeline, t => t.What.StartsWith("forwarded", StringComparison.Ordinal));
        // The emails that carried the subject's details keep their proof of sending, without the details.
        var referral = (await _s.DeliveriesAsync("dsr.referral")).Single(d => d.PartitionKey == DsrMail.ReferralKey(closedId));
        Assert.Equal("", referral.GetString("ToAddress"));
        Assert.Equal("Sent", referral.GetString("Status"));
        Assert.NotNull(referral.GetString("RecipientHash"));
        var forward = (await _s.DeliveriesAsync("dsr.forward")).Single(d => d.PartitionKey == DsrMail.ForwardKey(closedId, "privacy-requests@acme.example"));
        Assert.DoesNotContain("jane", forward.GetString("TextBody"), StringComparison.OrdinalIgnoreCase);

        // Nothing else: the open request, the customer and the audit trail are untouched.
        var open = await _s.RequestAsync(openId);
        Assert.Equal("jane.doe@mail.example", open.Subject!.Email);
        Assert.Equal("Please delete <all> my data.", open.Message);
        Assert.Contains("jane.doe@mail.example", (await _s.DeliveriesAsync("dsr.referral")).Single(d => d.PartitionKey == DsrMail.ReferralKey(openId)).GetString("ToAddress"));
        Assert.Equal("dpo@acme.example", (await _s.App.Get<CustomerDirectory>().GetAsync("acme", CancellationToken.None))!.Customer.Contacts.Privacy[0]);
        var trail = await _s.App.Get<AuditTrail>().ExportAsync("dsr", closedId);
        Assert.True(trail.Verification.IsValid);
        Assert.Contains(trail.Entries, e => e.Action == "dsr.subject-erased");
    }

    [Fact]
    public async Task A_request_that_ends_before_its_deadline_is_erased_by_its_deadline_chain_and_one_never_forwarded_by_an_erasure_hint()
    {
        var closedId = (await _s.PostIntakeAsync(_s.IntakeBody("closed"))).Body.GetProperty("requestId").GetString()!;
        await _s.DrainForwardingAsync();
        var cancelledId = (await _s.PostIntakeAsync(_s.IntakeBody("cancelled"))).Body.GetProperty("requestId").GetString()!;
        await _s.App.Get<DsrChanges>().ApplyAsync(cancelledId, new DsrCommand.Cancel(), AuditActors.Product("einvoicing"), "cancelled", null, CancellationToken.None);
        await _s.App.Get<DsrChanges>().ApplyAsync(closedId, new DsrCommand.Instruct(DsrInstruction.ControllerWillRespond),
            AuditActors.CustomerLink, "instructed", null, CancellationToken.None);

        var due = _s.App.Get<PrivacyFunctions.Platform.Due.DueIndex>();
        Assert.Null(await due.FindAsync(PrivacyFunctions.DataSubjectRequests.Due.DsrDueKinds.EraseSubject, closedId));
        Assert.NotNull(await due.FindAsync(PrivacyFunctions.DataSubjectRequests.Due.DsrDueKinds.Deadline, closedId));
        Assert.NotNull(await due.FindAsync(PrivacyFunctions.DataSubjectRequests.Due.DsrDueKinds.EraseSubject, cancelledId));

        _s.App.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        await _s.SweepAsync(); // the chain's next milestone: the request has ended, its erasure is not due yet → moved to it
        await _s.SweepAsync();

        Assert.NotNull((await _s.RequestAsync(closedId)).SubjectErasedAt);
        Assert.NotNull((await _s.RequestAsync(cancelledId)).SubjectErasedAt);
        Assert.Null(await due.FindAsync(PrivacyFunctions.DataSubjectRequests.Due.DsrDueKinds.Deadline, closedId));
    }

    [Fact]
    public async Task The_customers_free_text_extension_reason_goes_with_the_subjects_data_and_the_month_count_stays()
    {
        var requestId = (await _s.PostIntakeAsync(_s.IntakeBody("extended"))).Body.GetProperty("requestId").GetString()!;
        await _s.DrainForwardingAsync();
        await _s.DeliverEmailsAsync();
        var changes = _s.App.Get<DsrChanges>();
        await changes.ApplyAsync(requestId, new DsrCommand.Extend(1, "Jane Doe asked about ten years of invoices"), AuditActors.CustomerLink, "extended", null, CancellationToken.None);
        await changes.ApplyAsync(requestId, new DsrCommand.Instruct(DsrInstruction.ControllerWillRespond), AuditActors.CustomerLink, "instructed", null, CancellationToken.None);

        _s.App.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        await _s.SweepAsync();

        var erased = await _s.RequestAsync(requestId);
        Assert.NotNull(erased.SubjectErasedAt);
        Assert.Null(erased.Lifecycle.ExtensionReason);
        Assert.Equal(1, erased.Lifecycle.ExtensionMonths);
    }
}
