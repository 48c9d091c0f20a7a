using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform.Audit;

public sealed class AuditFunctionsTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private AuditTrail Trail => _app.Get<AuditTrail>();
    private AuditFunctions Functions => ActivatorUtilities.CreateInstance<AuditFunctions>(_app.Services);

    public async Task InitializeAsync()
    {
        for (var day = 0; day < 3; day++)
        {
            await Trail.AppendAsync("contract", "c-1", day == 0 ? "customer.created" : "customer.updated", AuditActors.Admin, new { day });
            _app.Clock.Advance(TimeSpan.FromDays(1));
        }
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Json_is_the_default_and_includes_the_verification()
    {
        var (result, response) = await GetAsync("contract", "c-1", "");

        var content = Assert.IsType<ContentResult>(result);
        Assert.Equal(200, content.StatusCode);
        Assert.StartsWith("application/json", content.ContentType);
        var json = JsonNode.Parse(content.Content!)!;
        Assert.True((bool)json["verification"]!["valid"]!);
        Assert.Equal(3, json["entries"]!.AsArray().Count);
        Assert.Equal("valid", response.Headers[AuditFunctions.ChainHeader]);
    }

    [Fact]
    public async Task Csv_carries_the_chain_state_in_a_header_and_the_period_filter_applies()
    {
        var (result, response) = await GetAsync("contract", "c-1", "?format=csv&from=2026-03-11T00:00:00Z&to=2026-03-12T09:00:00%2B00:00");

        var content = Assert.IsType<ContentResult>(result);
        Assert.StartsWith("text/csv", content.ContentType);
        var lines = content.Content!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditRendering.CsvHeader, lines[0]);
        Assert.Equal(["2"], lines.Skip(1).Select(l => l.Split(',')[2]));
        Assert.Equal("valid", response.Headers[AuditFunctions.ChainHeader]);
    }

    [Fact]
    public async Task A_broken_chain_is_reported_in_the_csv_header()
    {
        var table = await _app.Storage.TableAsync(StorageNames.Tables.AuditTrail);
        await table.DeleteEntityAsync("contract|c-1", "0000000002");

        var (result, response) = await GetAsync("contract", "c-1", "?format=csv");

        Assert.IsType<ContentResult>(result);
        Assert.Equal("broken;sequence=2", response.Headers[AuditFunctions.ChainHeader]);
    }

    [Theory]
    [InlineData("Customer", "c-1", "", "aggregateType")]
    [InlineData("contract", "c 1", "", "aggregateId")]
    [InlineData("contract", "c-1", "?format=xml", "format")]
    [InlineData("contract", "c-1", "?format=json&format=csv", "format")]
    [InlineData("contract", "c-1", "?from=2026-03-11", "from")]
    [InlineData("contract", "c-1", "?from=2026-03-11T00:00:00", "from")]
    [InlineData("contract", "c-1", "?to=yesterday", "to")]
    [InlineData("contract", "c-1", "?from=2026-03-12T00:00:00Z&to=2026-03-11T00:00:00Z", "to")]
    public async Task Bad_route_or_query_parameters_are_400_problems_naming_the_parameter(string type, string id, string query, string parameter)
    {
        var (result, response) = await GetAsync(type, id, query);

        var problem = Assert.IsType<ObjectResult>(result);
        Assert.Equal(400, problem.StatusCode);
        var details = Assert.IsType<ValidationProblemDetails>(problem.Value);
        Assert.Equal(ProblemKind.InvalidParameter.Type, details.Type);
        Assert.Equal([parameter], details.Errors.Keys);
        Assert.False(response.Headers.ContainsKey(AuditFunctions.ChainHeader));
    }

    [Fact]
    public async Task An_aggregate_without_audit_entries_is_not_found()
    {
        var (result, _) = await GetAsync("contract", "c-unknown", "");

        var problem = Assert.IsType<ObjectResult>(result);
        Assert.Equal(404, problem.StatusCode);
        Assert.Equal(ProblemKind.NotFound.Type, Assert.IsType<ProblemDetails>(problem.Value).Type);
    }

    private async Task<(IActionResult Result, HttpResponse Response)> GetAsync(string type, string id, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = $"/api/audit/{type}/{id}";
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        var result = await Functions.GetAuditTrailAsync(context.Request, type, id, default);
        return (result, context.Response);
    }
}
