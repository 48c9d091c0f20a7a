using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.Customers;
using PrivacyFunctions.Platform.Logging;
using PrivacyFunctions.Tests.Customers;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform;

public sealed partial class LogRedactionTests : IAsyncLifetime
{
    private static readonly Regex EmailLike = new(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}");
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Values_classified_as_personal_data_are_erased_before_any_logger_sees_them()
    {
        var logger = _app.Get<ILogger<LogRedactionTests>>();

        LogDelivery(logger, "delivery-1", "jane.doe@example.com");

        var record = Assert.Single(_app.Logs.GetSnapshot(), r => r.Message.Contains("delivery-1"));
        Assert.DoesNotContain("jane.doe", record.Message);
        Assert.DoesNotContain(record.StructuredState!, kv => kv.Value?.Contains("jane.doe") == true);
    }

    [Fact]
    public async Task A_full_customer_request_logs_no_email_address()
    {
        var functions = _app.Function<CustomerFunctions>();
        var body = CustomerFunctionsTests.ValidBody().ToJsonString();

        await functions.Put(HttpRequests.Json("PUT", "/api/customers/acme", body), "acme", CancellationToken.None);
        await functions.Put(HttpRequests.Json("PUT", "/api/customers/acme", body.Replace("dpo@acme.example", "dpo@@acme")), "acme", CancellationToken.None);
        await functions.Get(HttpRequests.Json("GET", "/api/customers/acme"), "acme", CancellationToken.None);

        var logs = _app.Logs.GetSnapshot();
        Assert.Contains(logs, r => r.Message.Contains("acme")); // the request was logged…
        Assert.DoesNotContain(logs, r => EmailLike.IsMatch(r.Message)); // …without any address
        Assert.DoesNotContain(logs, r => r.StructuredState?.Any(kv => kv.Value is not null && EmailLike.IsMatch(kv.Value)) == true);
        Assert.DoesNotContain(logs, r => r.Exception is not null && EmailLike.IsMatch(r.Exception.Message));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} sent to {Recipient}")]
    private static partial void LogDelivery(ILogger logger, string deliveryId, [PersonalData] string recipient);
}
