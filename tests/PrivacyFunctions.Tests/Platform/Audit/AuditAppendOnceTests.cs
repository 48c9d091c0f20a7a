using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform.Audit;

public sealed class AuditAppendOnceTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private AuditTrail Trail => _app.Get<AuditTrail>();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_step_retried_after_a_crash_records_its_entry_exactly_once_and_the_chain_still_verifies()
    {
        var first = await Trail.AppendOnceAsync("received", "order", "acme:abc", "dsr.received", AuditActors.Product("einvoicing"));
        var again = await Trail.AppendOnceAsync("received", "order", "acme:abc", "dsr.received", AuditActors.Product("einvoicing"));
        var other = await Trail.AppendOnceAsync("forwarded", "order", "acme:abc", "dsr.forwarded", AuditActors.System);

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.Equal(2, other!.Sequence);
        var export = await Trail.ExportAsync("order", "acme:abc");
        Assert.Equal(["dsr.received", "dsr.forwarded"], export.Entries.Select(e => e.Action));
        Assert.Equal(AuditVerification.Valid(2), export.Verification);
    }

    [Fact]
    public async Task Concurrent_attempts_of_the_same_step_record_one_entry()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Trail.AppendOnceAsync("same-step", "order", "acme:xyz", "dsr.forwarded", AuditActors.System)));

        Assert.Single(results, r => r is not null);
        Assert.Single((await Trail.ExportAsync("order", "acme:xyz")).Entries);
    }
}
