using PrivacyFunctions.Health;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthy_when_tables_and_queues_answer()
    {
        await using var app = new TestApp();

        var response = Response.Of(await app.Function<HealthFunctions>().Get(HttpRequests.Json("GET", "/api/health"), CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.Equal("up", response.Body.GetProperty("checks").GetProperty("tables").GetString());
    }

    [Fact]
    public async Task A_503_problem_when_storage_does_not_answer()
    {
        // A loopback port nothing listens on.
        var key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        var dead = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;";
        // The SDK retries a refused connection with back-off, so the probe ends at its timeout: keep that short here.
        var app = new TestApp(new() { ["AzureWebJobsStorage"] = dead, ["Health:ProbeTimeout"] = "00:00:00.2" });

        var response = Response.Of(await app.Function<HealthFunctions>().Get(HttpRequests.Json("GET", "/api/health"), CancellationToken.None));

        Assert.Equal(503, response.Status);
        Assert.Equal("urn:privacyfunctions:problem:unavailable", response.ProblemType);
        Assert.DoesNotContain("127.0.0.1", response.Body.ToString());
    }

    [Fact]
    public void The_probe_timeout_defaults_to_five_seconds_and_is_bounded()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), new HealthOptions().ProbeTimeout);
        Assert.True(new HealthOptionsValidation().Validate(null, new HealthOptions()).Succeeded);
        var failure = Assert.Single(new HealthOptionsValidation().Validate(null, new HealthOptions { ProbeTimeout = TimeSpan.Zero }).Failures!);
        Assert.StartsWith("Health:ProbeTimeout ", failure, StringComparison.Ordinal);
    }
}
