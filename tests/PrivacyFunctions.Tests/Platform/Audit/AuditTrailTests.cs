using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform.Audit;

public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private AuditTrail Trail => _app.Get<AuditTrail>();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Appended_entries_form_a_chain_that_verifies()
    {
        var first = await Trail.AppendAsync("contract", "c-1", "customer.created", AuditActors.Admin, new { products = new[] { "einvoicing" } });
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Trail.AppendAsync("contract", "c-1", "customer.updated", AuditActors.Product("einvoicing"));
        var third = await Trail.AppendAsync("contract", "c-1", "notice.sent", AuditActors.System, JsonNode.Parse("""{"noticeId":"n-1"}"""));

        Assert.Equal([1L, 2L, 3L], new[] { first, second, third }.Select(e => e.Sequence));
        Assert.Equal(AuditEntry.GenesisHash, first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(second.Hash, third.PreviousHash);
        Assert.Equal("""{"products":["einvoicing"]}""", first.Data);
        Assert.Equal("{}", second.Data);
        Assert.Equal(_app.Clock.GetUtcNow(), second.At);
        Assert.Equal(AuditVerification.Valid(3), await Trail.VerifyAsync("contract", "c-1"));
    }

    [Fact]
    public async Task Aggregates_have_separate_chains_and_an_unknown_one_is_empty_and_valid()
    {
        await Trail.AppendAsync("contract", "c-1", "customer.created", AuditActors.Admin);
        var other = await Trail.AppendAsync("contract", "c-2", "customer.created", AuditActors.Admin);

        Assert.Equal(1, other.Sequence);
        Assert.Equal(AuditVerification.Valid(0), await Trail.VerifyAsync("contract", "c-3"));
        Assert.False((await Trail.ExportAsync("contract", "c-3")).Exists);
    }

    [Fact]
    public async Task The_hash_is_sha256_over_the_documented_canonical_text()
    {
        var entry = await Trail.AppendAsync("order", "einvoicing:r-1", "dsr.received", AuditActors.Product("einvoicing"), new { state = "received" });

        // docs/audit.md: "audit.v1\n" then "{utf-8 byte length}:{field}\n" for each field in order.
        string[] fields = ["order", "einvoicing:r-1", "1", AuditEntry.FormatInstant(entry.At), "dsr.received",
            "product:einvoicing", """{"state":"received"}""", AuditEntry.GenesisHash];
        var canonical = "audit.v1\n" + string.Concat(fields.Select(f => $"{Encoding.UTF8.GetByteCount(f)}:{f}\n"));

        Assert.Equal("2026-03-10T09:00:00.0000000Z", AuditEntry.FormatInstant(entry.At));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), entry.Hash);
    }

    [Fact]
    public async Task Editing_a_stored_entry_is_reported_at_its_sequence()
    {
        await AppendAsync(4);
        var table = await AuditTableAsync();
        var row = (await table.GetEntityAsync<TableEntity>("contract|c-1", "0000000002")).Value;
        row["Data"] = """{"step":99}""";
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var verification = await Trail.VerifyAsync("contract", "c-1");

        Assert.False(verification.IsValid);
        Assert.Equal(2, verification.BrokenAtSequence);
        Assert.Equal("broken;sequence=2", verification.HeaderValue);
    }

    [Fact]
    public async Task Editing_an_entry_and_recomputing_its_hash_breaks_the_next_link()
    {
        await AppendAsync(4);
        var table = await AuditTableAsync();
        var row = (await table.GetEntityAsync<TableEntity>("contract|c-1", "0000000002")).Value;
        var at = DateTimeOffset.Parse(row.GetString("At")!, System.Globalization.CultureInfo.InvariantCulture);
        row["Actor"] = "system";
        row["Hash"] = new AuditEntry("contract", "c-1", 2, at, row.GetString("Action")!, "system", row.GetString("Data")!,
            row.GetString("PreviousHash")!, "").ComputeHash();
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        Assert.Equal(3, (await Trail.VerifyAsync("contract", "c-1")).BrokenAtSequence);
    }

    [Theory]
    [InlineData("0000000002", 2)]
    [InlineData("0000000001", 1)]
    [InlineData("0000000004", 4)]
    public async Task Deleting_an_entry_is_reported_at_the_missing_sequence(string rowKey, long expectedBroken)
    {
        await AppendAsync(4);
        var table = await AuditTableAsync();
        await table.DeleteEntityAsync("contract|c-1", rowKey);

        var verification = await Trail.VerifyAsync("contract", "c-1");

        Assert.False(verification.IsValid);
        Assert.Equal(expectedBroken, verification.BrokenAtSequence);
    }

    [Fact]
    public async Task Swapping_two_entries_is_reported()
    {
        await AppendAsync(3);
        var table = await AuditTableAsync();
        var second = (await table.GetEntityAsync<TableEntity>("contract|c-1", "0000000002")).Value;
        var third = (await table.GetEntityAsync<TableEntity>("contract|c-1", "0000000003")).Value;
        (second.RowKey, third.RowKey) = (third.RowKey, second.RowKey);
        await table.UpsertEntityAsync(second, TableUpdateMode.Replace);
        await table.UpsertEntityAsync(third, TableUpdateMode.Replace);

        Assert.Equal(2, (await Trail.VerifyAsync("contract", "c-1")).BrokenAtSequence);
    }

    [Fact]
    public async Task A_head_that_does_not_match_the_last_entry_is_reported()
    {
        await AppendAsync(3);
        var table = await AuditTableAsync();
        var head = (await table.GetEntityAsync<TableEntity>("contract|c-1", "head")).Value;
        head["LastHash"] = new string('a', 64);
        await table.UpdateEntityAsync(head, head.ETag, TableUpdateMode.Replace);

        var verification = await Trail.VerifyAsync("contract", "c-1");

        Assert.Equal(3, verification.BrokenAtSequence);
        Assert.Equal("head does not match the last entry", verification.Reason);
    }

    [Fact]
    public async Task Concurrent_appends_produce_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => Trail.AppendAsync("test-breach", "b-1", "notice.sent", AuditActors.System, new { recipient = $"customer-{i}" }))));

        var export = await Trail.ExportAsync("test-breach", "b-1");

        Assert.Equal(AuditVerification.Valid(10), export.Verification);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), export.Entries.Select(e => e.Sequence));
        Assert.Equal(10, export.Entries.Select(e => e.Data).Distinct().Count());
    }

    [Fact]
    public async Task Export_filters_by_period_from_inclusive_to_exclusive_and_verifies_the_whole_chain()
    {
        var start = _app.Clock.GetUtcNow();
        for (var day = 0; day < 5; day++)
        {
            await Trail.AppendAsync("contract", "c-1", "customer.updated", AuditActors.Admin, new { day });
            _app.Clock.Advance(TimeSpan.FromDays(1));
        }

        var export = await Trail.ExportAsync("contract", "c-1", start.AddDays(1), start.AddDays(3));

        Assert.Equal([2L, 3L], export.Entries.Select(e => e.Sequence));
        Assert.Equal(AuditVerification.Valid(5), export.Verification);
        Assert.True(export.Exists);
    }

    [Fact]
    public async Task Csv_export_quotes_fields_and_doubles_quotes()
    {
        await Trail.AppendAsync("contract", "c-1", "customer.updated", AuditActors.Admin, new { note = "a,\"b\"" });
        var export = await Trail.ExportAsync("contract", "c-1");
        var entry = Assert.Single(export.Entries);

        var csv = AuditRendering.ToCsv(export);

        var expectedRow = $$"""""contract,c-1,1,2026-03-10T09:00:00.0000000Z,customer.updated,admin,"{""note"":""a,\""b\""""}",{{AuditEntry.GenesisHash}},{{entry.Hash}}""""";
        Assert.Equal(AuditRendering.CsvHeader + "\r\n" + expectedRow + "\r\n", csv);
    }

    [Fact]
    public async Task Json_export_carries_the_entries_with_their_data_and_the_verification()
    {
        await AppendAsync(2);
        var json = JsonNode.Parse(AuditRendering.ToJson(await Trail.ExportAsync("contract", "c-1")))!;

        Assert.True((bool)json["verification"]!["valid"]!);
        Assert.Equal(2, (int)json["verification"]!["entries"]!);
        Assert.Equal(1, (int)json["entries"]![1]!["data"]!["step"]!);
        Assert.Equal("customer.updated", (string)json["entries"]![1]!["action"]!);
    }

    [Theory]
    [InlineData("Customer", "c-1", "customer.created", "admin")]
    [InlineData("contract|x", "c-1", "customer.created", "admin")]
    [InlineData("contract", "c/1", "customer.created", "admin")]
    [InlineData("contract", "", "customer.created", "admin")]
    [InlineData("contract", "c-1", "Customer Created", "admin")]
    [InlineData("contract", "c-1", "customer.created", "jane.doe@example.com")]
    [InlineData("contract", "c-1", "customer.created", "product:")]
    public async Task Invalid_arguments_are_refused_and_nothing_is_written(string type, string id, string action, string actor)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Trail.AppendAsync(type, id, action, actor));
        await Assert.ThrowsAsync<ArgumentException>(() => Trail.AppendAsync("contract", "c-1", "customer.created", "admin", new[] { 1, 2 }));
        await Assert.ThrowsAsync<ArgumentException>(() => Trail.AppendAsync("contract", "c-1", "customer.created", "admin", new { big = new string('x', AuditTrail.MaxDataBytes) }));

        var table = await AuditTableAsync();
        Assert.Empty(await table.QueryAsync<TableEntity>().ToListAsync());
    }

    private async Task AppendAsync(int count)
    {
        for (var step = 0; step < count; step++)
        {
            await Trail.AppendAsync("contract", "c-1", step == 0 ? "customer.created" : "customer.updated", AuditActors.Admin, new { step });
            _app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private Task<TableClient> AuditTableAsync() => _app.Storage.TableAsync(StorageNames.Tables.AuditTrail);
}
