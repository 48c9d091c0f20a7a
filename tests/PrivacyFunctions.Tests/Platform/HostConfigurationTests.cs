using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Tests.Platform;

/// <summary>The host as <c>Program.cs</c> configures it (<see cref="PrivacyFunctionsHost.ConfigurePrivacyFunctions"/>).</summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public async Task Application_Insights_receives_Information_logs()
    {
        var builder = FunctionsApplication.CreateBuilder([]).ConfigurePrivacyFunctions();
        await using var services = builder.Services.BuildServiceProvider();

        Assert.Contains(services.GetServices<ILoggerProvider>(), p => p.GetType().FullName == PrivacyFunctionsHost.ApplicationInsightsLoggerProvider);
        var filters = services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value;
        var dropsInformation = filters.Rules.Where(r =>
            (r.ProviderName is null || r.ProviderName == PrivacyFunctionsHost.ApplicationInsightsLoggerProvider) &&
            (r.CategoryName is null || "PrivacyFunctions".StartsWith(r.CategoryName, StringComparison.Ordinal)) &&
            r.LogLevel > LogLevel.Information);
        Assert.Empty(dropsInformation);
        Assert.True(filters.MinLevel <= LogLevel.Information, $"minimum level {filters.MinLevel}");
    }
}
