using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.Platform.Housekeeping;

/// <summary>Every <c>Housekeeping:*</c> problem at start, each naming its setting.</summary>
public sealed class HousekeepingOptionsValidation : IValidateOptions<HousekeepingOptions>
{
    public ValidateOptionsResult Validate(string? name, HousekeepingOptions options)
    {
        var errors = new List<string>();
        // Far past the signature tolerance: a deleted id must never make a replay acceptable.
        if (options.WebhookIdRetention < TimeSpan.FromDays(1) || options.WebhookIdRetention > TimeSpan.FromDays(3650))
            errors.Add($"Housekeeping:WebhookIdRetention must be between 1.00:00:00 and 3650.00:00:00 (ids are refused after {WebhookOptions.TimestampTolerance} anyway).");
        if (options.EmailContentRetention < TimeSpan.FromDays(1) || options.EmailContentRetention > TimeSpan.FromDays(3650))
            errors.Add("Housekeeping:EmailContentRetention must be between 1.00:00:00 and 3650.00:00:00.");
        if (options.BatchSize is < 1 or > 5000)
            errors.Add("Housekeeping:BatchSize must be between 1 and 5000.");
        if (options.MaxBatchesPerRun is < 1 or > 1000)
            errors.Add("Housekeeping:MaxBatchesPerRun must be between 1 and 1000.");
        ValidatedOptions.RequireSchedule(errors, "Housekeeping:SweepSchedule", options.SweepSchedule, "0 0 3 * * *");
        return ValidatedOptions.Result(errors);
    }
}
