using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions;

/// <summary>
/// Everything <c>Program.cs</c> does to the host before it runs, in one method the tests call too
/// (<c>HostConfigurationTests</c>): ASP.NET Core integration, the problem middleware, Application Insights and the
/// composition root.
/// </summary>
public static class PrivacyFunctionsHost
{
    /// <summary>The provider name of the worker's Application Insights logger (the key of its filter rules).</summary>
    public static readonly string ApplicationInsightsLoggerProvider = typeof(ApplicationInsightsLoggerProvider).FullName!;

    public static FunctionsApplicationBuilder ConfigurePrivacyFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<ProblemMiddleware>();
        builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        // The Application Insights SDK adds a rule that keeps only Warning and above for its provider; without
        // removing it the app's Information logs (forwarded, sent, …) never reach Application Insights.
        // Levels then come from host.json / the Logging configuration like every other provider's.
        builder.Services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == ApplicationInsightsLoggerProvider);
            if (rule is not null) options.Rules.Remove(rule);
        });
        builder.Services.AddPrivacyFunctions(builder.Configuration);
        return builder;
    }
}
