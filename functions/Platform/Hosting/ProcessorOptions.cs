using Microsoft.Extensions.Options;

namespace PrivacyFunctions.Platform.Hosting;

/// <summary>
/// Section <c>Processor</c>: who the processor is to the people it writes to, and how much it trusts other clocks —
/// shared by every capability (DSR emails and pages today; breach notices and sub-processor notices next).
/// </summary>
public sealed class ProcessorOptions
{
    public const string Section = "Processor";

    /// <summary>How the processor names itself to end-users and customers, e.g. "Example Payments Group".</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>How far a product's reported time (a receipt, a completion) may lie ahead of our clock (default 5 minutes).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Every <c>Processor:*</c> problem at start, each naming its setting.</summary>
public sealed class ProcessorOptionsValidation : IValidateOptions<ProcessorOptions>
{
    public ValidateOptionsResult Validate(string? name, ProcessorOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DisplayName) || options.DisplayName.Length > 200 || options.DisplayName.Any(char.IsControl))
            errors.Add("Processor:DisplayName is required (1–200 characters on one line): the name end-users and customers see.");
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromHours(1))
            errors.Add("Processor:ClockSkew must be between 00:00:00 and 01:00:00.");
        return ValidatedOptions.Result(errors);
    }
}
