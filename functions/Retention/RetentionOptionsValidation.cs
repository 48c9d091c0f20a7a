using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Retention;

/// <summary>Every <c>Retention:*</c> problem at start, each naming its setting.</summary>
public sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var errors = new List<string>();
        if (options.ChoiceWithin < TimeSpan.FromDays(1) || options.ChoiceWithin > TimeSpan.FromDays(180))
            errors.Add("Retention:ChoiceWithin must be between 1.00:00:00 and 180.00:00:00.");
        if (options.DefaultDisposition is not ("delete" or "return"))
            errors.Add("Retention:DefaultDisposition must be 'delete' or 'return' (the DPA's default).");
        if (options.ConfirmWithin < TimeSpan.FromHours(1) || options.ConfirmWithin > TimeSpan.FromDays(90))
            errors.Add("Retention:ConfirmWithin must be between 01:00:00 and 90.00:00:00.");
        if (options.HoldReviewEvery < TimeSpan.FromDays(7) || options.HoldReviewEvery > TimeSpan.FromDays(3 * 365))
            errors.Add("Retention:HoldReviewEvery must be between 7.00:00:00 and 1095.00:00:00.");
        ValidatedOptions.RequireSchedule(errors, "Retention:SweepSchedule", options.SweepSchedule);
        return ValidatedOptions.Result(errors);
    }
}
