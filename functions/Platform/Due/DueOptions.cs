using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Platform.Due;

/// <summary>Section <c>Due</c>: how the sweep treats a hint whose handler keeps failing.</summary>
public sealed class DueOptions
{
    public const string Section = "Due";

    /// <summary>After this many failures of one hint the DPO office is alerted, once (default 5).</summary>
    public int AlertAfterFailures { get; set; } = 5;

    /// <summary>The first retry delay after a failure; it doubles with each further failure (default 1 minute).</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest retry delay (default 1 hour).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many hints per sweep run and family (default 500).</summary>
    public int MaxPerRun { get; set; } = 500;

    /// <summary>The delay before retry number <paramref name="failures"/> + 1: doubling from the first, capped.</summary>
    public TimeSpan RetryAfter(int failures)
    {
        var delay = FirstRetryAfter * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        return delay > MaxRetryAfter ? MaxRetryAfter : delay;
    }
}

/// <summary>Every <c>Due:*</c> problem at start, each naming its setting.</summary>
public sealed class DueOptionsValidation : IValidateOptions<DueOptions>
{
    public ValidateOptionsResult Validate(string? name, DueOptions options)
    {
        var errors = new List<string>();
        if (options.AlertAfterFailures is < 1 or > 100) errors.Add("Due:AlertAfterFailures must be between 1 and 100.");
        if (options.FirstRetryAfter < TimeSpan.FromSeconds(1) || options.FirstRetryAfter > TimeSpan.FromHours(1))
            errors.Add("Due:FirstRetryAfter must be between 00:00:01 and 01:00:00.");
        if (options.MaxRetryAfter < options.FirstRetryAfter || options.MaxRetryAfter > TimeSpan.FromDays(1))
            errors.Add("Due:MaxRetryAfter must be at least Due:FirstRetryAfter and at most 1.00:00:00.");
        if (options.MaxPerRun is < 1 or > 5000) errors.Add("Due:MaxPerRun must be between 1 and 5000.");
        return ValidatedOptions.Result(errors);
    }
}
