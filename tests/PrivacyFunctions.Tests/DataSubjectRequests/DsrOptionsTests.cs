using PrivacyFunctions.DataSubjectRequests;

namespace PrivacyFunctions.Tests.DataSubjectRequests;

public sealed class DsrOptionsTests
{
    [Fact]
    public void The_defaults_are_lawful_once_the_processor_is_named()
    {
        var options = new DsrOptions { ProcessorDisplayName = "Example Payments Group", SweepSchedule = "0 */15 * * * *" };

        Assert.True(new DsrOptionsValidation().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClockSkew);
        Assert.Equal(TimeSpan.FromHours(24), options.ForwardWithin);
        Assert.Equal(TimeSpan.FromDays(30), options.SubjectDataRetention);
    }

    [Fact]
    public void Each_bad_setting_is_named()
    {
        var options = new DsrOptions
        {
            ClockSkew = TimeSpan.FromMinutes(-1),
            ForwardWithin = TimeSpan.FromDays(4),
            SubjectDataRetention = TimeSpan.FromDays(-1),
            RedriveAfter = TimeSpan.FromSeconds(10),
            SweepSchedule = "every quarter hour",
        };

        var errors = new DsrOptionsValidation().Validate(null, options).Failures!;

        Assert.Collection(errors,
            e => Assert.StartsWith("Dsr:ClockSkew ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Dsr:ForwardWithin ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Dsr:SubjectDataRetention ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Dsr:ProcessorDisplayName ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Dsr:RedriveAfter ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Dsr:SweepSchedule ", e, StringComparison.Ordinal));
    }
}
