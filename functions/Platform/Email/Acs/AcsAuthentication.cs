using System.Net.Http.Headers;
using Azure.Core;

namespace PrivacyFunctions.Platform.Email.Acs;

/// <summary>How a request to Communication Services is authenticated (called again for every attempt).</summary>
public interface IAcsAuthentication
{
    ValueTask AuthenticateAsync(HttpRequestMessage request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}

/// <summary>The resource access key (<c>Email:Acs:AccessKey</c>), HMAC-SHA256.</summary>
public sealed class AcsAccessKeyAuthentication(byte[] accessKey, TimeProvider clock) : IAcsAuthentication
{
    public ValueTask AuthenticateAsync(HttpRequestMessage request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        AcsHmacSigner.Sign(request, body.Span, accessKey, clock.GetUtcNow());
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Microsoft Entra ID: a bearer token for <see cref="Scope"/> from the injected credential (in Azure the app's
/// user-assigned managed identity). Tokens are reused until five minutes before they expire.
/// </summary>
public sealed class AcsTokenAuthentication(TokenCredential credential, TimeProvider clock) : IAcsAuthentication
{
    public const string Scope = "https://communication.azure.com//.default";
    private AccessToken? _token;

    public async ValueTask AuthenticateAsync(HttpRequestMessage request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is not { } current || current.ExpiresOn - TimeSpan.FromMinutes(5) <= clock.GetUtcNow())
        {
            current = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            _token = current;
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.Token);
    }
}
