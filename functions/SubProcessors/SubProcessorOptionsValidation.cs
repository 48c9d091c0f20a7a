using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.SubProcessors;

/// <summary>Every <c>SubProcessors:*</c> problem at start, each naming its setting.</summary>
public sealed class SubProcessorOptionsValidation : IValidateOptions<SubProcessorOptions>
{
    /// <summary>The contractual floor (DPA, SCC 2021/915 cl. 7.7 as agreed): neither period may be shorter.</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromDays(5);

    public ValidateOptionsResult Validate(string? name, SubProcessorOptions options)
    {
        var errors = new List<string>();
        if (options.NoticePeriod < Floor || options.NoticePeriod > TimeSpan.FromDays(90))
            errors.Add("SubProcessors:NoticePeriod must be between 5.00:00:00 (the promised minimum notice) and 90.00:00:00.");
        if (options.ObjectionWindow < Floor || options.ObjectionWindow > TimeSpan.FromDays(60))
            errors.Add("SubProcessors:ObjectionWindow must be between 5.00:00:00 (the promised minimum) and 60.00:00:00.");
        if (options.PreActivationCheck < TimeSpan.FromHours(1) || options.PreActivationCheck > TimeSpan.FromDays(4))
            errors.Add("SubProcessors:PreActivationCheck must be between 01:00:00 and 4.00:00:00.");
        ValidatedOptions.RequireSchedule(errors, "SubProcessors:SweepSchedule", options.SweepSchedule);
        if (options.ConfirmationInterval < TimeSpan.FromMinutes(1) || options.ConfirmationInterval > TimeSpan.FromDays(1))
            errors.Add("SubProcessors:ConfirmationInterval must be between 00:01:00 and 1.00:00:00.");
        if (options.MaxConfirmationsPerHour is < 1 or > 100_000)
            errors.Add("SubProcessors:MaxConfirmationsPerHour must be between 1 and 100000.");
        if (options.UnconfirmedRetention < TimeSpan.FromHours(1) || options.UnconfirmedRetention > TimeSpan.FromDays(30))
            errors.Add("SubProcessors:UnconfirmedRetention must be between 01:00:00 and 30.00:00:00.");
        return ValidatedOptions.Result(errors);
    }
}
