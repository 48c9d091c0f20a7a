using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Acs;
using PrivacyFunctions.Platform.Email.Smtp;
using PrivacyFunctions.Platform.Hosting;

// In the DI namespace (the usual home of Add* extensions) so the composition root needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// The email platform: options (<c>Email:*</c>, validated at start), the transport chosen by
    /// <c>Email:Transport</c>, the outbox, the delivery handler and DPO alerts.
    /// Needs the platform storage (<c>AddPlatformStorage</c>).
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IConfigureOptions<EmailOptions>>(new EmailOptionsSetup(configuration));
        services.AddValidatedOptions(new EmailOptionsValidation());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EmailDeliveryStore>();
        services.TryAddSingleton<IEmailDeliveryQueue, StorageEmailDeliveryQueue>();
        services.TryAddSingleton<EmailOutbox>();
        services.TryAddSingleton<DpoAlerts>();
        services.TryAddSingleton<PrivacyFunctions.Platform.Email.Composition.MailSender>();
        services.TryAddSingleton<EmailDeliveryHandler>();

        services.TryAddSingleton<SmtpEmailTransport>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>();
            var clock = sp.GetRequiredService<TimeProvider>();
            var acs = options.Value.Acs;
            IAcsAuthentication authentication = string.IsNullOrEmpty(acs.AccessKey)
                ? new AcsTokenAuthentication(AcsCredential(acs), clock)
                : new AcsAccessKeyAuthentication(Convert.FromBase64String(acs.AccessKey), clock);
            return new AcsEmailTransport(AcsHttpClient(options.Value), authentication, options, clock,
                sp.GetRequiredService<ILogger<AcsEmailTransport>>());
        });
        services.TryAddSingleton<IEmailTransport>(sp =>
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesAcs
                ? sp.GetRequiredService<AcsEmailTransport>()
                : sp.GetRequiredService<SmtpEmailTransport>());
        return services;
    }

    /// <summary>The user-assigned managed identity named by <c>Email:Acs:ClientId</c>, else DefaultAzureCredential.</summary>
    private static TokenCredential AcsCredential(EmailOptions.AcsSettings acs) =>
        string.IsNullOrEmpty(acs.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(acs.ClientId));

    /// <summary>One long-lived client (pooled connections recycled so DNS changes are seen); retries are the transport's.</summary>
    private static HttpClient AcsHttpClient(EmailOptions options) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(Math.Min(100, options.SendTimeout.TotalSeconds)),
        };
}
