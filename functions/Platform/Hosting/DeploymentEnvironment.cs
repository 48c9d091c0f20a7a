using Microsoft.Extensions.Configuration;

namespace PrivacyFunctions.Platform.Hosting;

/// <summary>
/// Which environment the app runs in: <c>AZURE_FUNCTIONS_ENVIRONMENT</c> (set by the Functions host, and to
/// Development by local.settings.json), else <c>DOTNET_ENVIRONMENT</c>. Unset means Production, as in Azure,
/// so a forgotten setting fails safe: production-only requirements apply.
/// </summary>
public static class DeploymentEnvironment
{
    public static string Name(IConfiguration configuration) =>
        new[] { configuration["AZURE_FUNCTIONS_ENVIRONMENT"], configuration["DOTNET_ENVIRONMENT"] }
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "Production";

    public static bool IsDevelopment(IConfiguration configuration) =>
        string.Equals(Name(configuration), "Development", StringComparison.OrdinalIgnoreCase);
}
