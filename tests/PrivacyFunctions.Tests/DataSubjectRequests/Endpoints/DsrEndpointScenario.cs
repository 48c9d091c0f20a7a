using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Customers;
using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Customers;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.DataSubjectRequests.Endpoints;

/// <summary>
/// A real app (composition root + Azurite) with a customer and requests taken in and forwarded by the real
/// handlers, plus what the endpoint tests need: signed product webhooks and the instruction link read from the
/// actual forward email.
/// </summary>
public sealed partial class DsrEndpointScenario : IAsyncDisposable
{
    public const string CustomerId = "acme";
    public const string Product = "einvoicing";
    public const string OtherProduct = "payments";
    public const string DsrContact = "privacy-requests@acme.example";
    public const string SubjectEmail = "jan.peeters@mail.example";
    public const string SubjectName = "Jan Peeters";
    public const string SubjectMessage = "Please delete everything you hold about me, invoice 4711.";

    private int _webhooks;

    public TestApp App { get; } = new();

    public DateTimeOffset Now => App.Clock.GetUtcNow();

    public async Task CreateCustomerAsync(string customerId = CustomerId, string? name = null)
    {
        var body = CustomerFunctionsTests.ValidBody();
        if (name is not null) body["name"] = name;
        var request = HttpRequests.Json("PUT", $"/api/customers/{customerId}", body.ToJsonString());
        var created = Response.Of(await App.Function<CustomerFunctions>().Put(request, customerId, CancellationToken.None));
        Assert.Equal(201, created.Status);
    }

    /// <summary>A request taken in by the real intake (not yet forwarded).</summary>
    public async Task<string> ReceiveAsync(string externalId, string productId = Product, DateTimeOffset? receivedAt = null, string customerId = CustomerId)
    {
        var intake = new DsrIntakeRequest(productId, externalId, customerId, DsrType.Erasure,
            new DsrSubject(SubjectEmail, SubjectName, "nl-BE"), receivedAt ?? Now, "web-form", SubjectMessage);
        var result = await App.Get<DsrIntake>().AcceptAsync(intake, CancellationToken.None);
        Assert.Equal(DsrIntakeOutcome.Accepted, result.Outcome);
        return result.Request!.RequestId;
    }

    /// <summary>A request taken in and forwarded (referral to the end-user, forward to the DSR contact).</summary>
    public async Task<string> ForwardedAsync(string externalId, string productId = Product, DateTimeOffset? receivedAt = null)
    {
        var requestId = await ReceiveAsync(externalId, productId, receivedAt);
        await App.Get<DsrForwarding>().ForwardAsync(requestId, CancellationToken.None);
        Assert.Equal(DsrStatus.Forwarded, (await FindAsync(requestId)).Status);
        return requestId;
    }

    public async Task<DataSubjectRequest> FindAsync(string requestId) =>
        (await App.Get<DsrStore>().FindAsync(requestId, CancellationToken.None))!.Request;

    /// <summary>The effects of the request's last change still waiting to be performed (none once a change is done).</summary>
    public async Task<IReadOnlyList<PrivacyFunctions.Platform.Changes.PendingEffect>> PendingEffectsAsync(string requestId) =>
        (await App.Get<DsrStore>().FindAsync(requestId, CancellationToken.None))!.PendingEffects;

    /// <summary>The instruction link's token, read from the forward email the DSR contact received.</summary>
    public async Task<string> TokenFromForwardEmailAsync(string requestId)
    {
        var email = await DeliveryAsync(DsrMail.ForwardKey(requestId, DsrContact));
        Assert.Equal(DsrContact, email.GetString("ToAddress"));
        var match = InstructionLinkPattern().Match(email.GetString("TextBody"));
        Assert.True(match.Success, "the forward email carries the instruction link");
        Assert.Equal(requestId, Uri.UnescapeDataString(match.Groups["id"].Value));
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    public async Task<TableEntity> DeliveryAsync(string idempotencyKey) =>
        Assert.Single(await App.OutboxRowsAsync(), r => r.PartitionKey == idempotencyKey);

    public async Task<List<TableEntity>> DeliveriesToAsync(string address) =>
        (await App.OutboxRowsAsync()).Where(r => r.GetString("ToAddress") == address).ToList();

    public async Task<List<TableEntity>> EventsAsync(string requestId) =>
        (await App.RowsAsync(StorageNames.Tables.IntegrationEvents)).Where(r => r.GetString("Subject") == $"dsr/{requestId}").ToList();

    // ---- product webhooks ----

    /// <summary>A webhook request signed like a product would sign it (a fresh webhook-id unless given).</summary>
    public HttpRequest Signed(string path, JsonObject body, string productId = Product, string? secret = null, string? webhookId = null)
    {
        return HttpRequests.SignedWebhook(path, body.ToJsonString(), productId, webhookId ?? $"msg_{++_webhooks}", Now, secret);
    }

    /// <summary>A signed cancel; the body names the route's request unless it names one itself (see <see cref="NamingRequest"/>).</summary>
    public async Task<Response> CancelAsync(string requestId, JsonObject body, string productId = Product, string? secret = null, string? webhookId = null) =>
        Response.Of(await App.Function<DsrProductFunctions>().Cancel(
            Signed($"/api/dsr/{requestId}/cancel", NamingRequest(body, requestId), productId, secret, webhookId), requestId, CancellationToken.None));

    public async Task<Response> CompleteAsync(string requestId, JsonObject body, string productId = Product, string? secret = null, string? webhookId = null) =>
        Response.Of(await App.Function<DsrProductFunctions>().Complete(
            Signed($"/api/dsr/{requestId}/completion", NamingRequest(body, requestId), productId, secret, webhookId), requestId, CancellationToken.None));

    /// <summary>
    /// Product bodies on a request name it (<c>requestId</c>, covered by the signature). Adds the route's id when the
    /// body has no <c>requestId</c> key; a test of a missing or foreign id sets the key itself (null removes it).
    /// </summary>
    public static JsonObject NamingRequest(JsonObject body, string requestId)
    {
        var copy = body.DeepClone().AsObject();
        if (!copy.ContainsKey("requestId")) copy["requestId"] = requestId;
        else if (copy["requestId"] is null) copy.Remove("requestId");
        return copy;
    }

    // ---- the customer's instruction link ----

    public static HttpRequest LinkRequest(string method, string requestId, string? token, string? body = null, string contentType = "application/json")
    {
        var request = HttpRequests.Json(method, $"/api/dsr/{requestId}/instruction", body, contentType: contentType);
        if (token is not null) request.QueryString = new QueryString("?token=" + Uri.EscapeDataString(token));
        return request;
    }

    public async Task<(IActionResult Result, HttpRequest Request)> PageAsync(string requestId, string? token)
    {
        var request = LinkRequest("GET", requestId, token);
        return (await App.Function<DsrInstructionFunctions>().Get(request, requestId, CancellationToken.None), request);
    }

    public async Task<Response> PostJsonAsync(string requestId, string? token, JsonObject body) =>
        Response.Of(await App.Function<DsrInstructionFunctions>().Post(
            LinkRequest("POST", requestId, token, body.ToJsonString()), requestId, CancellationToken.None));

    public async Task<(IActionResult Result, HttpRequest Request)> PostFormAsync(string requestId, string? token, string formBody)
    {
        var request = LinkRequest("POST", requestId, token, formBody, "application/x-www-form-urlencoded");
        return (await App.Function<DsrInstructionFunctions>().Post(request, requestId, CancellationToken.None), request);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    [GeneratedRegex(@"https://privacy\.test\.example/api/dsr/(?<id>[^/\s]+)/instruction\?token=(?<token>[A-Za-z0-9_.%-]+)")]
    private static partial Regex InstructionLinkPattern();
}
