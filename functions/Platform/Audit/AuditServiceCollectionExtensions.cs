using Microsoft.Extensions.DependencyInjection;

namespace PrivacyFunctions.Platform.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditLocations>();
        return services;
    }
}
