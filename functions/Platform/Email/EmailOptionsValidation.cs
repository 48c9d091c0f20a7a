using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Platform.Email;

/// <summary>Every <c>Email:*</c> problem at start, each naming its setting.</summary>
public sealed class EmailOptionsValidation : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Transport))
            failures.Add("Email:Transport is not set. Outside Development (AZURE_FUNCTIONS_ENVIRONMENT/DOTNET_ENVIRONMENT) it must be set explicitly: 'Acs' in Azure, or 'Smtp' with Email:Smtp:Host.");
        else if (!string.Equals(options.Transport, EmailOptions.SmtpTransport, StringComparison.OrdinalIgnoreCase) && !options.UsesAcs)
            failures.Add($"Email:Transport must be '{EmailOptions.SmtpTransport}' or '{EmailOptions.AcsTransport}'.");

        if (!EmailAddress.IsValid(options.SenderAddress))
            failures.Add("Email:SenderAddress is required and must be an email address (name@domain) — the From address of every notice.");
        if (string.IsNullOrWhiteSpace(options.SenderName) || options.SenderName.Length > 100 || options.SenderName.Any(char.IsControl))
            failures.Add("Email:SenderName must be 1–100 characters without control characters.");
        if (!EmailAddress.IsValid(options.DpoMailbox))
            failures.Add("Email:DpoMailbox is required and must be an email address (name@domain) — the DPO office mailbox that receives alerts.");

        if (options.RedriveAfter < TimeSpan.FromMinutes(1) || options.RedriveAfter > TimeSpan.FromDays(1))
            failures.Add("Email:RedriveAfter must be between 00:01:00 and 1.00:00:00.");
        if (options.GiveUpAfter < TimeSpan.FromHours(1) || options.GiveUpAfter > TimeSpan.FromDays(7))
            failures.Add("Email:GiveUpAfter must be between 01:00:00 and 7.00:00:00.");
        if (options.SendTimeout < TimeSpan.FromSeconds(5) || options.SendTimeout > TimeSpan.FromMinutes(10))
            failures.Add("Email:SendTimeout must be between 00:00:05 and 00:10:00.");
        else if (options.SendTimeout >= options.RedriveAfter)
            failures.Add("Email:SendTimeout must be shorter than Email:RedriveAfter (a re-queued delivery must not be tried while a send may still be in progress).");

        if (options.UsesAcs)
            ValidateAcs(options.Acs, failures);
        else
            ValidateSmtp(options, failures);
        return ValidatedOptions.Result(failures);
    }

    private static void ValidateAcs(EmailOptions.AcsSettings acs, List<string> failures)
    {
        if (acs.Endpoint is null || !acs.Endpoint.IsAbsoluteUri || acs.Endpoint.Scheme != Uri.UriSchemeHttps)
            failures.Add("Email:Acs:Endpoint is required when Email:Transport is Acs: the Communication Services endpoint, an absolute https URI such as https://<resource>.communication.azure.com.");
        if (!string.IsNullOrEmpty(acs.AccessKey) && !IsBase64(acs.AccessKey))
            failures.Add("Email:Acs:AccessKey must be the resource's base64 access key (or be left empty to use Microsoft Entra ID).");
        if (acs.MaxAttempts is < 1 or > 10)
            failures.Add("Email:Acs:MaxAttempts must be between 1 and 10.");
        if (acs.MaxRetryDelay < TimeSpan.Zero || acs.MaxRetryDelay > TimeSpan.FromMinutes(2))
            failures.Add("Email:Acs:MaxRetryDelay must be between 00:00:00 and 00:02:00.");
    }

    private static void ValidateSmtp(EmailOptions options, List<string> failures)
    {
        var smtp = options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
            failures.Add("Email:Smtp:Host must not be empty.");
        if (smtp.Port is < 1 or > 65535)
            failures.Add("Email:Smtp:Port must be between 1 and 65535.");
        if (string.IsNullOrEmpty(smtp.UserName) != string.IsNullOrEmpty(smtp.Password))
            failures.Add("Email:Smtp:UserName and Email:Smtp:Password must be set together.");
        if (!options.IsDevelopment && !string.IsNullOrWhiteSpace(options.Transport) && !smtp.UseTls)
            failures.Add("Email:Smtp:UseTls must be true outside Development: notices carry personal data and must not cross the network in clear text.");
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }
}
