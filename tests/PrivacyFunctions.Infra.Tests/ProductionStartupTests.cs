using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Infra.Tests;

/// <summary>
/// The app, configured with exactly the template's app settings, passes its own start-up validation in
/// Production: whatever options the composition root binds and validates, the template provides. Values Azure
/// assigns at deployment (endpoints, client ids) and Key Vault secrets get placeholders of the right shape.
/// </summary>
public sealed class ProductionStartupTests
{
    [Fact]
    public async Task App_starts_with_the_templates_settings()
    {
        var configuration = ConfigurationFrom(await AppSettingsCoverageTests.AppSettingsAsync());

        Validate(configuration);
    }

    [Fact]
    public async Task App_refuses_to_start_without_a_setting_the_template_provides()
    {
        var settings = (JsonObject)(await AppSettingsCoverageTests.AppSettingsAsync()).DeepClone();
        settings.Remove("AzureWebJobsStorage__tableServiceUri");

        var error = Assert.Throws<OptionsValidationException>(() => Validate(ConfigurationFrom(settings)));

        Assert.Contains("tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    private static void Validate(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPrivacyFunctions(configuration);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    private static IConfiguration ConfigurationFrom(JsonObject appSettings)
    {
        var values = appSettings.ToDictionary(
            s => s.Key.Replace("__", ":", StringComparison.Ordinal),
            s => (string?)Placeholder(s.Key, s.Value!.GetValue<string>()));
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private const string ClientId = "11111111-2222-3333-4444-555555555555";

    private static string Placeholder(string name, string value)
    {
        if (value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
        {
            return name.StartsWith("Products__", StringComparison.Ordinal)
                ? "whsec_" + Convert.ToBase64String(new byte[32])
                : Convert.ToBase64String(new byte[48]);
        }
        if (!value.StartsWith('[')) return value;
        return name switch
        {
            "AzureWebJobsStorage__blobServiceUri" => "https://stplaceholder.blob.core.windows.net/",
            "AzureWebJobsStorage__queueServiceUri" => "https://stplaceholder.queue.core.windows.net/",
            "AzureWebJobsStorage__tableServiceUri" => "https://stplaceholder.table.core.windows.net/",
            _ when name.EndsWith("clientId", StringComparison.OrdinalIgnoreCase) => ClientId,
            "ServiceBus__fullyQualifiedNamespace" => "sb-placeholder.servicebus.windows.net",
            "Email__Acs__Endpoint" => "https://acs-placeholder.europe.communication.azure.com",
            "Email__SenderAddress" => "DoNotReply@placeholder.azurecomm.net",
            "Links__BaseUrl" => "https://func-placeholder.azurewebsites.net",
            "APPLICATIONINSIGHTS_CONNECTION_STRING" => $"InstrumentationKey={ClientId};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING" => $"ClientId={ClientId};Authorization=AAD",
            _ => throw new InvalidOperationException($"No placeholder for the deployment-time value of {name}: add one here."),
        };
    }
}
