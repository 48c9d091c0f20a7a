using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Platform.Events;

public sealed class IntegrationEventOptionsValidation(IConfiguration configuration) : IValidateOptions<IntegrationEventOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationEventOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Transport))
            failures.Add("IntegrationEvents:Transport must be Table or ServiceBus.");
        if (options.Transport != IntegrationEventTransport.ServiceBus && !DeploymentEnvironment.IsDevelopment(configuration))
            failures.Add("IntegrationEvents:Transport must be ServiceBus outside Development (AZURE_FUNCTIONS_ENVIRONMENT): production never keeps events only in a table.");
        if (options.Transport == IntegrationEventTransport.ServiceBus && string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace) && string.IsNullOrWhiteSpace(options.ConnectionString))
            failures.Add("ServiceBus:fullyQualifiedNamespace (ServiceBus__fullyQualifiedNamespace) is required when IntegrationEvents:Transport is ServiceBus.");
        if (string.IsNullOrWhiteSpace(options.TopicName))
            failures.Add("IntegrationEvents:TopicName must not be empty.");
        return ValidatedOptions.Result(failures);
    }
}
