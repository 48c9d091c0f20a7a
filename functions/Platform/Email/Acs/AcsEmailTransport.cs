using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Email.Acs;

/// <summary>
/// Azure Communication Services Email over REST (the <c>Azure.Communication.Email</c> package is not available
/// to this build): <c>POST {endpoint}/emails:send?api-version=2025-09-01</c>, answered with 202 and an
/// <c>Operation-Location</c>. The <c>Operation-Id</c> header is the delivery's id (<see cref="DeliveryIds.OperationId"/>),
/// so a repeated send names the same operation. 429, 408 and 5xx (and network errors) are retried up to
/// <c>Email:Acs:MaxAttempts</c> requests, waiting as <c>Retry-After</c> says; a Retry-After longer than
/// <c>Email:Acs:MaxRetryDelay</c> hands the retry to the queue instead. Other 4xx answers are permanent failures,
/// except 401/403 (credentials or role assignment: fixable, so retried by the queue).
/// </summary>
public sealed class AcsEmailTransport(
    HttpClient http,
    IAcsAuthentication authentication,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<AcsEmailTransport> logger) : IEmailTransport
{
    public const string ApiVersion = "2025-09-01";
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public string Name => EmailOptions.AcsTransport;

    public async Task<string> SendAsync(OutgoingEmail email, string idempotencyKey, CancellationToken cancellationToken)
    {
        var acs = options.Value.Acs;
        var operationId = DeliveryIds.OperationId(idempotencyKey).ToString("D");
        var uri = new Uri(acs.Endpoint!.GetLeftPart(UriPartial.Authority) + "/emails:send?api-version=" + ApiVersion);
        var body = JsonSerializer.SerializeToUtf8Bytes(Payload(email), AcsJson.Default.SendEmailRequest);

        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = Json;
            request.Headers.TryAddWithoutValidation("Operation-Id", operationId);
            await authentication.AuthenticateAsync(request, body, cancellationToken);

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var error = e is HttpRequestException h ? $"network error ({h.HttpRequestError})" : "request timed out";
                if (attempt >= acs.MaxAttempts)
                    throw new EmailTransportException($"ACS request failed after {attempt} attempts: {error}", permanent: false);
                var backoff = Backoff(attempt, acs.MaxRetryDelay);
                EmailLog.AcsNetworkRetry(logger, idempotencyKey, attempt, error, backoff);
                await Task.Delay(backoff, clock, cancellationToken);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                    return await OperationIdOf(response, operationId, cancellationToken);

                var code = ErrorCode(response);
                if (IsRetryable(response.StatusCode))
                {
                    var delay = RetryAfter(response) ?? Backoff(attempt, acs.MaxRetryDelay);
                    if (attempt >= acs.MaxAttempts || delay > acs.MaxRetryDelay)
                        throw new EmailTransportException($"ACS answered {status}{code} after {attempt} attempt{(attempt == 1 ? "" : "s")}; the queue will retry", permanent: false);
                    EmailLog.AcsRetry(logger, status, idempotencyKey, attempt, delay);
                    await Task.Delay(delay, clock, cancellationToken);
                    continue;
                }
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    throw new EmailTransportException($"ACS refused the credentials: {status}{code} (check Email:Acs:AccessKey or the identity's role on the resource)", permanent: false);
                throw new EmailTransportException($"ACS rejected the email: {status}{code}", permanent: true);
            }
        }
    }

    private static SendEmailRequest Payload(OutgoingEmail email)
    {
        Dictionary<string, string>? headers = null;
        if (email.UnsubscribeUrl is { } unsubscribe)
            headers = new()
            {
                ["List-Unsubscribe"] = $"<{unsubscribe.AbsoluteUri}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            };
        return new SendEmailRequest(
            email.From.Address,
            new Recipients([new EmailAddressJson(email.To.Address, email.To.DisplayName)]),
            new Content(email.Subject, email.TextBody, email.HtmlBody),
            headers,
            UserEngagementTrackingDisabled: true);
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Retry-After as seconds or an HTTP date, or the <c>retry-after-ms</c> header some Azure services send.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
            if (response.Headers.TryGetValues(name, out var values) && double.TryParse(values.First(), System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms >= 0)
                return TimeSpan.FromMilliseconds(ms);
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter?.Date is { } date) return date > clock.GetUtcNow() ? date - clock.GetUtcNow() : TimeSpan.Zero;
        return null;
    }

    private static TimeSpan Backoff(int attempt, TimeSpan max)
    {
        var delay = TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt - 1));
        return delay > max ? max : delay;
    }

    private static string ErrorCode(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ms-error-code", out var values) && values.FirstOrDefault() is { Length: > 0 and <= 100 } code
            && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? $" ({code})" : "";

    /// <summary>The operation's id from the 202 body (the service echoes the Operation-Id), else the one we sent.</summary>
    private static async Task<string> OperationIdOf(HttpResponseMessage response, string sent, CancellationToken cancellationToken)
    {
        try
        {
            var result = await response.Content.ReadFromJsonAsync(AcsJson.Default.SendEmailResult, cancellationToken);
            return result?.Id is { Length: > 0 and <= 100 } id ? id : sent;
        }
        catch (JsonException)
        {
            return sent;
        }
        catch (NotSupportedException)
        {
            return sent; // no or non-JSON body
        }
    }

    internal sealed record SendEmailRequest(
        string SenderAddress,
        Recipients Recipients,
        Content Content,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, string>? Headers,
        bool UserEngagementTrackingDisabled);

    internal sealed record Recipients(IReadOnlyList<EmailAddressJson> To);

    internal sealed record EmailAddressJson(
        string Address,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DisplayName);

    internal sealed record Content(string Subject, string PlainText, string Html);

    internal sealed record SendEmailResult(string? Id, string? Status);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AcsEmailTransport.SendEmailRequest))]
[JsonSerializable(typeof(AcsEmailTransport.SendEmailResult))]
internal sealed partial class AcsJson : JsonSerializerContext;
