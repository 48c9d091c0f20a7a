using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;
using Xunit.Abstractions;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Flow;

/// <summary>
/// The storage requests of one whole DSR lifecycle, step by step, in steady state (tables and queues exist; the host's
/// queue receive/delete and the local integration-event table, which is Service Bus in Azure, are not counted):
/// intake, forwarding, its emails, the instruction page GET and POST, completion, status, and every sweep run that
/// handles one of its hints until its subject data is erased. The figures are printed and held as ceilings.
/// </summary>
public sealed partial class DsrLifecycleBudgetTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly DsrScenario _s = new();

    public Task InitializeAsync() => _s.CreateCustomerAsync();
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private long Counted(Func<long> total, long before) => total() - before;

    [Fact]
    public async Task One_request_from_intake_to_erasure_stays_within_its_storage_budget()
    {
        // Warm-up: a first request creates every table and queue once per process (not part of the budget).
        await RunLifecycleAsync("warm-up", null);
        var steps = new Dictionary<string, long>();
        await RunLifecycleAsync("measured", steps);

        output.WriteLine("DSR lifecycle storage requests: " + string.Join(", ", steps.Select(s => $"{s.Key} {s.Value}")));
        var lifecycle = steps.Where(s => !s.Key.StartsWith("sweep", StringComparison.Ordinal)).Sum(s => s.Value);
        var withSweeps = steps.Values.Sum();
        output.WriteLine($"DSR lifecycle: {lifecycle} without sweeps, {withSweeps} with the sweeps until erasure");

        // Ceilings at the figures measured when the kit landed (see docs/dsr.md, "Storage cost"): a rise is a regression.
        Assert.True(steps["intake"] <= 8, $"intake took {steps["intake"]}");
        Assert.True(steps["instruction POST"] <= 5, $"instruction POST took {steps["instruction POST"]}");
        Assert.True(steps["completion"] <= 8, $"completion took {steps["completion"]}");
        Assert.Equal(3 * 2, steps["emails"]); // each of the 3 emails: its record inserted already claimed, then Sent (+1 enqueue in its step)
        Assert.True(lifecycle <= 40, $"the lifecycle took {lifecycle}");
        Assert.True(withSweeps <= 58, $"the lifecycle with its sweeps took {withSweeps}");
    }

    private async Task RunLifecycleAsync(string externalId, Dictionary<string, long>? steps)
    {
        async Task<T> Step<T>(string name, Func<Task<T>> action)
        {
            using var measurement = _s.App.Requests.Measure();
            var result = await action();
            // The local integration-event table stands in for Service Bus in Azure: not counted (nor are the host's
            // queue receive and delete: the scenario drains queues with a client of its own).
            if (steps is not null)
            {
                steps[name] = steps.GetValueOrDefault(name) + measurement.RequestsOutside(StorageNames.Tables.IntegrationEvents);
                output.WriteLine($"{name}: " + string.Join(" | ", measurement.All.Where(r => !r.Contains(StorageNames.Tables.IntegrationEvents, StringComparison.Ordinal))));
            }
            return result;
        }

        var start = _s.App.Clock.GetUtcNow();
        var intake = await Step("intake", () => _s.PostIntakeAsync(_s.IntakeBody(externalId)));
        var requestId = intake.Body.GetProperty("requestId").GetString()!;
        await Step("forwarding", _s.DrainForwardingAsync);
        var emails = await Step("emails", _s.DeliverEmailsAsync); // the referral and the forward

        var forward = (await _s.DeliveriesAsync("dsr.forward")).Single(d => d.GetString("AggregateId") == requestId);
        var token = Uri.UnescapeDataString(TokenPattern().Match(forward.GetString("TextBody")).Groups[1].Value);
        var functions = _s.App.Function<DsrInstructionFunctions>();
        await Step("instruction GET", () => functions.Get(LinkRequest("GET", requestId, token, null), requestId, CancellationToken.None));
        var posted = await Step("instruction POST", async () => Response.Of(await functions.Post(LinkRequest("POST", requestId, token,
            """{"decision":"instruct","instruction":"processorToAssist","action":"erase"}"""), requestId, CancellationToken.None)));
        Assert.Equal(200, posted.Status);

        var completion = new JsonObject
        {
            ["requestId"] = requestId, ["productId"] = "einvoicing", ["outcome"] = "done",
            ["completedAt"] = _s.App.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        var completed = await Step("completion", async () => Response.Of(await _s.App.Function<DsrProductFunctions>().Complete(
            HttpRequests.SignedWebhook($"/api/dsr/{requestId}/completion", completion.ToJsonString(), "einvoicing", "msg_" + externalId, _s.App.Clock.GetUtcNow()),
            requestId, CancellationToken.None)));
        Assert.Equal(200, completed.Status);
        emails += await Step("emails", _s.DeliverEmailsAsync); // the outcome
        Assert.Equal(3, emails);
        await Step("status", async () => await _s.App.Function<DsrStatusFunctions>().Get(HttpRequests.Json("GET", "/api/dsr/x"), requestId, CancellationToken.None));

        // The sweeps until the subject data is erased (retention after the request ended).
        foreach (var at in new[] { TimeSpan.FromMinutes(11), TimeSpan.FromDays(31) })
        {
            _s.App.Clock.SetUtcNow(start + at);
            await Step("sweeps", _s.SweepAsync);
        }
        Assert.NotNull((await _s.RequestAsync(requestId)).SubjectErasedAt);
    }

    private static HttpRequest LinkRequest(string method, string requestId, string token, string? body)
    {
        var request = HttpRequests.Json(method, $"/api/dsr/{requestId}/instruction", body);
        request.QueryString = new QueryString("?token=" + Uri.EscapeDataString(token));
        return request;
    }

    [GeneratedRegex(@"/instruction\?token=([A-Za-z0-9_.%-]+)")]
    private static partial Regex TokenPattern();
}
