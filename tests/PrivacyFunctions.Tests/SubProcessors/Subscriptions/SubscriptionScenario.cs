using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.SubProcessors.Subscriptions;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.SubProcessors.Subscriptions;

/// <summary>
/// A real app (composition root + Azurite) and what the mailing-list tests need: the subscribe call, the links read
/// from the actual confirmation email, the page calls as the host would make them, and the stored subscriber.
/// </summary>
public sealed partial class SubscriptionScenario : IAsyncDisposable
{
    public const string Address = "Ana.Silva@Mail.example";
    public const string ConfirmationPath = "/api/subprocessors/subscriptions/confirmation";
    public const string UnsubscribePath = "/api/subprocessors/subscriptions/unsubscribe";

    public SubscriptionScenario(Dictionary<string, string?>? settings = null) => App = new TestApp(settings);

    public TestApp App { get; }

    public SubscriptionFunctions Functions => App.Function<SubscriptionFunctions>();

    public static string Hash(string address) => EmailDelivery.HashRecipient(address);

    public static string ShortId(string address) => Hash(address)[..16];

    public async Task<Response> SubscribeRawAsync(string body, string contentType = "application/json") =>
        Response.Of(await Functions.Subscribe(HttpRequests.Json("POST", "/api/subprocessors/subscriptions", body, contentType: contentType), CancellationToken.None));

    public Task<Response> SubscribeAsync(string address = Address, string? language = null) =>
        SubscribeRawAsync(language is null
            ? JsonSerializer.Serialize(new { email = address })
            : JsonSerializer.Serialize(new { email = address, language }));

    /// <summary>The confirmation emails the address has been sent (outbox records), oldest key first.</summary>
    public async Task<List<TableEntity>> ConfirmationEmailsAsync(string address = Address) =>
        (await App.OutboxRowsAsync())
            .Where(r => r.PartitionKey.StartsWith(SendSubscriptionConfirmationHandler.KeyPrefix(ShortId(address)), StringComparison.Ordinal))
            .OrderBy(r => r.PartitionKey, StringComparer.Ordinal).ToList();

    /// <summary>The token of the confirmation link in the latest confirmation email to the address.</summary>
    public async Task<string> ConfirmationTokenAsync(string address = Address)
    {
        var email = (await ConfirmationEmailsAsync(address)).Last();
        Assert.Equal(address.ToLowerInvariant(), email.GetString("ToAddress"));
        var match = ConfirmationLinkPattern().Match(email.GetString("TextBody"));
        Assert.True(match.Success, "the confirmation email carries the confirmation link");
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    public static string TokenOf(Uri link)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        return Assert.Single(query["token"])!;
    }

    public static HttpRequest LinkRequest(string method, string path, string? token, string? body = null, string contentType = "application/json")
    {
        var request = HttpRequests.Json(method, path, body, contentType: contentType);
        if (token is not null) request.QueryString = new QueryString("?token=" + Uri.EscapeDataString(token));
        return request;
    }

    public async Task<(IActionResult Result, HttpRequest Request)> ConfirmPageAsync(string? token)
    {
        var request = LinkRequest("GET", ConfirmationPath, token);
        return (await Functions.GetConfirmation(request, CancellationToken.None), request);
    }

    public async Task<IActionResult> PostConfirmAsync(string? token, string? body = "", string contentType = "application/x-www-form-urlencoded") =>
        await Functions.PostConfirmation(LinkRequest("POST", ConfirmationPath, token, body, contentType), CancellationToken.None);

    public async Task<(IActionResult Result, HttpRequest Request)> UnsubscribePageAsync(string? token)
    {
        var request = LinkRequest("GET", UnsubscribePath, token);
        return (await Functions.GetUnsubscribe(request, CancellationToken.None), request);
    }

    public async Task<IActionResult> PostUnsubscribeAsync(string? token, string? body = "List-Unsubscribe=One-Click", string contentType = "application/x-www-form-urlencoded") =>
        await Functions.PostUnsubscribe(LinkRequest("POST", UnsubscribePath, token, body, contentType), CancellationToken.None);

    /// <summary>Subscribes and confirms through the emailed link; returns the confirmation token.</summary>
    public async Task<string> ConfirmedAsync(string address = Address, string? language = null)
    {
        Assert.Equal(202, (await SubscribeAsync(address, language)).Status);
        var token = await ConfirmationTokenAsync(address);
        Assert.Equal(200, Assert.IsType<ContentResult>(await PostConfirmAsync(token)).StatusCode);
        return token;
    }

    public async Task<Subscriber?> SubscriberAsync(string address = Address) =>
        (await App.Get<AggregateChanges>().FindAsync(App.Get<SubscriberKind>(), Hash(address), CancellationToken.None))?.State;

    /// <summary>The subscriber's own row (not its audit entries).</summary>
    public async Task<TableEntity> RowAsync(string address = Address) =>
        Assert.Single(await App.RowsAsync(StorageNames.Tables.SubProcessorSubscribers),
            r => r.PartitionKey == Hash(address) && r.RowKey == SubscriberKind.SubscriberRow);

    public async Task<List<ListRecipient>> AllConfirmedAsync()
    {
        var directory = App.Get<SubscriberDirectory>();
        var all = new List<ListRecipient>();
        string? continuation = null;
        do
        {
            var (page, next) = await directory.ConfirmedPageAsync(continuation, 100, CancellationToken.None);
            all.AddRange(page);
            continuation = next;
        } while (continuation is not null);
        return all;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    [GeneratedRegex(@"https://privacy\.test\.example/api/subprocessors/subscriptions/confirmation\?token=(?<token>[A-Za-z0-9_.%-]+)")]
    private static partial Regex ConfirmationLinkPattern();
}
