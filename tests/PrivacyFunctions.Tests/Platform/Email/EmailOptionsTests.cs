using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Email;
using PrivacyFunctions.Platform.Email.Acs;
using PrivacyFunctions.Platform.Email.Smtp;

namespace PrivacyFunctions.Tests.Platform.Email;

/// <summary>Email settings are validated at start, with messages that name the setting.</summary>
public sealed class EmailOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddEmail(configuration);
        return services.BuildServiceProvider();
    }

    private static string Failure(Dictionary<string, string?> settings)
    {
        using var provider = Build(settings);
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EmailOptions>>().Value);
        return string.Join("\n", e.Failures);
    }

    private static Dictionary<string, string?> Production(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production",
            ["Email:Transport"] = "Acs",
            ["Email:Acs:Endpoint"] = "https://pf-acs.communication.azure.com",
            ["Email:SenderAddress"] = EmailTestSettings.Sender,
            ["Email:DpoMailbox"] = EmailTestSettings.Dpo,
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    [Fact]
    public void Development_defaults_to_smtp4dev_on_localhost_2525()
    {
        using var provider = Build(EmailTestSettings.Development());
        var options = provider.GetRequiredService<IOptions<EmailOptions>>().Value;

        Assert.Equal("Smtp", options.Transport);
        Assert.Equal(("localhost", 2525, false), (options.Smtp.Host, options.Smtp.Port, options.Smtp.UseTls));
        Assert.Equal(TimeSpan.FromMinutes(15), options.RedriveAfter);
        Assert.IsType<SmtpEmailTransport>(provider.GetRequiredService<IEmailTransport>());
    }

    [Fact]
    public void Outside_Development_the_transport_must_be_set_explicitly()
    {
        Assert.Contains("Email:Transport is not set", Failure(Production(("Email:Transport", null))));
        Assert.Contains("Email:Transport is not set", Failure(Production(("Email:Transport", null), ("AZURE_FUNCTIONS_ENVIRONMENT", null), ("DOTNET_ENVIRONMENT", "Staging"))));
        Assert.Contains("Email:Transport is not set", Failure(Production(("Email:Transport", null), ("AZURE_FUNCTIONS_ENVIRONMENT", null))));
    }

    [Fact]
    public void Sender_and_DPO_mailbox_are_required_email_addresses()
    {
        var failure = Failure(Production(("Email:SenderAddress", null), ("Email:DpoMailbox", "dpo-at-example")));
        Assert.Contains("Email:SenderAddress is required", failure);
        Assert.Contains("Email:DpoMailbox is required", failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://pf-acs.communication.azure.com")]
    [InlineData("pf-acs.communication.azure.com")]
    public void Acs_needs_an_absolute_https_endpoint(string? endpoint)
    {
        Assert.Contains("Email:Acs:Endpoint is required when Email:Transport is Acs", Failure(Production(("Email:Acs:Endpoint", endpoint))));
    }

    [Fact]
    public void Unknown_transport_bad_access_key_and_bad_durations_are_named()
    {
        Assert.Contains("Email:Transport must be 'Smtp' or 'Acs'", Failure(Production(("Email:Transport", "SendGrid"))));
        Assert.Contains("Email:Acs:AccessKey must be the resource's base64 access key", Failure(Production(("Email:Acs:AccessKey", "not base64!"))));
        Assert.Contains("Email:RedriveAfter must be between", Failure(Production(("Email:RedriveAfter", "00:00:10"))));
        Assert.Contains("Email:SendTimeout must be shorter than Email:RedriveAfter", Failure(Production(("Email:RedriveAfter", "00:02:00"), ("Email:SendTimeout", "00:05:00"))));
    }

    [Fact]
    public void Smtp_outside_Development_requires_tls_and_paired_credentials()
    {
        var failure = Failure(Production(("Email:Transport", "Smtp"), ("Email:Smtp:Host", "smtp.relay.example"), ("Email:Smtp:UserName", "relay")));
        Assert.Contains("Email:Smtp:UseTls must be true outside Development", failure);
        Assert.Contains("Email:Smtp:UserName and Email:Smtp:Password must be set together", failure);
    }

    [Fact]
    public void Acs_is_chosen_by_configuration_with_the_access_key_or_Entra_ID()
    {
        using var withKey = Build(Production(("Email:Acs:AccessKey", Convert.ToBase64String(new byte[32]))));
        Assert.IsType<AcsEmailTransport>(withKey.GetRequiredService<IEmailTransport>());
        using var withIdentity = Build(Production(("Email:Acs:ClientId", "00000000-0000-0000-0000-000000000001")));
        Assert.IsType<AcsEmailTransport>(withIdentity.GetRequiredService<IEmailTransport>());
    }

    [Fact]
    public async Task A_host_refuses_to_start_with_invalid_email_settings()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(Production(("Email:DpoMailbox", null)));
        builder.Services.AddEmail(builder.Configuration);
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(e.Failures, f => f.Contains("Email:DpoMailbox"));
    }
}
