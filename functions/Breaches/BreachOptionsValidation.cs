using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Breaches;

/// <summary>Every <c>Breach:*</c> problem at start, each naming its setting.</summary>
public sealed class BreachOptionsValidation : IValidateOptions<BreachOptions>
{
    public ValidateOptionsResult Validate(string? name, BreachOptions options)
    {
        var errors = new List<string>();
        // Art. 33(1): the customer's own 72 hours; we must leave it time, so we never take longer than that ourselves.
        if (options.NotifyWithin <= TimeSpan.Zero || options.NotifyWithin > TimeSpan.FromHours(72))
            errors.Add("Breach:NotifyWithin must be more than 0 and at most 3.00:00:00 (72 hours).");
        if (options.AssessWithin <= TimeSpan.Zero || options.AssessWithin > options.NotifyWithin)
            errors.Add("Breach:AssessWithin must be more than 0 and at most Breach:NotifyWithin.");
        if (options.RenotifyAfter < TimeSpan.FromHours(1) || options.RenotifyAfter > TimeSpan.FromDays(3))
            errors.Add("Breach:RenotifyAfter must be between 01:00:00 and 3.00:00:00.");
        if (options.EscalateAfter < options.RenotifyAfter || options.EscalateAfter > TimeSpan.FromDays(7))
            errors.Add("Breach:EscalateAfter must be at least Breach:RenotifyAfter and at most 7.00:00:00.");
        ValidatedOptions.RequireSchedule(errors, "Breach:SweepSchedule", options.SweepSchedule);
        return ValidatedOptions.Result(errors);
    }
}
