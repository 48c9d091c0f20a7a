using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>Every <c>Dsr:*</c> problem at start, each naming its setting.</summary>
public sealed class DsrOptionsValidation : IValidateOptions<DsrOptions>
{
    public ValidateOptionsResult Validate(string? name, DsrOptions options)
    {
        var errors = new List<string>();
        if (options.MaxReceiptAge < TimeSpan.FromDays(1) || options.MaxReceiptAge > TimeSpan.FromDays(365))
            errors.Add("Dsr:MaxReceiptAge must be between 1.00:00:00 and 365.00:00:00.");
        // "Promptly" (Art. 12(3), SCC clause 8): a forwarding SLA beyond a few days would not be prompt.
        if (options.ForwardWithin <= TimeSpan.Zero || options.ForwardWithin > TimeSpan.FromDays(3))
            errors.Add("Dsr:ForwardWithin must be more than 0 and at most 3.00:00:00.");
        if (options.SubjectDataRetention < TimeSpan.Zero || options.SubjectDataRetention > TimeSpan.FromDays(365))
            errors.Add("Dsr:SubjectDataRetention must be between 0 and 365.00:00:00.");
        if (options.RedriveAfter < TimeSpan.FromMinutes(1) || options.RedriveAfter > TimeSpan.FromHours(6))
            errors.Add("Dsr:RedriveAfter must be between 00:01:00 and 06:00:00.");
        if (options.InstructionLinkGrace < TimeSpan.Zero || options.InstructionLinkGrace > TimeSpan.FromDays(365))
            errors.Add("Dsr:InstructionLinkGrace must be between 0 and 365.00:00:00.");
        ValidatedOptions.RequireSchedule(errors, "Dsr:SweepSchedule", options.SweepSchedule);
        return ValidatedOptions.Result(errors);
    }
}
