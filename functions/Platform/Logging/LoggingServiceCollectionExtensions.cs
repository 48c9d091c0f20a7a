using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PrivacyFunctions.Platform.Logging;

public static class LoggingServiceCollectionExtensions
{
    /// <summary>Structured logging with redaction: values classified as personal data are erased.</summary>
    public static IServiceCollection AddPrivacyLogging(this IServiceCollection services)
    {
        services.AddRedaction(redaction => redaction.SetRedactor<ErasingRedactor>(PrivacyTaxonomy.PersonalData));
        // Azure SDK request logs (categories Azure-Core, Azure-Identity, …) name table keys and URLs at Information;
        // only their warnings and errors are worth keeping.
        services.AddLogging(logging => logging.EnableRedaction().AddFilter("Azure", LogLevel.Warning));
        return services;
    }
}
