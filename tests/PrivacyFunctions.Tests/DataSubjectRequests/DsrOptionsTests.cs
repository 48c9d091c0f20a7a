using PrivacyFunctions.DataSubjectRequests;
using PrivacyFunctions.Platform.Hosting;

namespace PrivacyFunctions.Tests.DataSubjectRequests;

public sealed class DsrOptionsTests
{
    [Fact]
    public void The_defaults_are_lawful_once_the_processor_is_named()
    {
        var options = new DsrOptions { SweepSchedule = "0 */15 * * * *" };
        var processor = new ProcessorOptions { DisplayName = "Example Payments Group" };

        Assert.True(new DsrOptionsValidation().Validate(null, options).Succeeded);
        Assert.True(new ProcessorOptionsValidation().Validate(null, processor).Succeeded);
        Assert.Equal(TimeSpan.FromMinutes(5), processor.ClockSkew);
        Assert.Equal(TimeSpan.FromHours(24), options.ForwardWithin);
        Assert.Equal(TimeSpan.FromDays(30), options.SubjectDataRetention);
        Assert.Equal(TimeSpan.FromDays(180), options.MaxReceiptAge);
    }

    [Fact]
    public void Each_bad_setting_is_named()
    {
        var options = new DsrOptions
        {
            MaxReceiptAge = TimeSpan.FromHours(1),
            ForwardWithin = TimeSpan.FromDays(4),
            SubjectDataRetention = TimeSpan.FromDays(-1),
            RedriveAfter = TimeSpan.FromSeconds(10),
            SweepSchedule = "every quarter hour",
        };
        var processor = new ProcessorOptions { ClockSkew = TimeSpan.FromMinutes(-1), DisplayName = "Two\nlines" };

        var errors = new DsrOptionsValidation().Validate(null, options).Failures!;
        var processorErrors = new ProcessorOptionsValidation().Validate(null, processor).Failures!;

        Assert.Collection(errors,
            e => Assert.StartsWith("Dsr:MaxReceiptAge ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Dsr:ForwardWithin ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Dsr:SubjectDataRetention ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Dsr:RedriveAfter ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Dsr:SweepSchedule ", e, StringComparison.Ordinal));
        Assert.Collection(processorErrors,
            e => Assert.StartsWith("Processor:DisplayName ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Processor:ClockSkew ", e, StringComparison.Ordinal));
    }
}
