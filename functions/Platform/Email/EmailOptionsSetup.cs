using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Platform.Email;

/// <summary>Binds <c>Email:*</c> and applies the Development-only SMTP default; <see cref="EmailOptionsValidation"/> checks the result.</summary>
internal sealed class EmailOptionsSetup(IConfiguration configuration) : IConfigureOptions<EmailOptions>
{
    public void Configure(EmailOptions options)
    {
        configuration.GetSection(EmailOptions.Section).Bind(options);
        options.IsDevelopment = DeploymentEnvironment.IsDevelopment(configuration);
        if (string.IsNullOrWhiteSpace(options.Transport) && options.IsDevelopment)
            options.Transport = EmailOptions.SmtpTransport; // smtp4dev on localhost:2525
    }
}
