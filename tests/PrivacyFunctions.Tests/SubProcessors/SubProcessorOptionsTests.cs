using Microsoft.Extensions.Options;
using PrivacyFunctions.SubProcessors;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.SubProcessors;

public sealed class SubProcessorOptionsTests
{
    [Theory]
    [InlineData("SubProcessors:NoticePeriod", "4.23:59:59")]
    [InlineData("SubProcessors:ObjectionWindow", "4.00:00:00")]
    public async Task The_app_refuses_to_start_with_a_notice_period_or_objection_window_under_5_days(string setting, string value)
    {
        var settings = TestApp.DefaultSettings("x");
        settings[setting] = value;
        await using var app = new TestApp(settings);

        var refused = Assert.Throws<OptionsValidationException>(() => app.Get<IOptions<SubProcessorOptions>>().Value);
        Assert.Contains(setting + " must be between 5.00:00:00", refused.Message);
    }

    [Fact]
    public void The_defaults_are_the_promised_5_days_and_each_bad_setting_is_named()
    {
        Assert.True(new SubProcessorOptionsValidation().Validate(null, new SubProcessorOptions { SweepSchedule = "0 */15 * * * *" }).Succeeded);
        var errors = new SubProcessorOptionsValidation().Validate(null, new SubProcessorOptions
        {
            NoticePeriod = TimeSpan.FromDays(91), ObjectionWindow = TimeSpan.FromDays(2), PreActivationCheck = TimeSpan.Zero, SweepSchedule = "",
            ConfirmationInterval = TimeSpan.Zero, MaxConfirmationsPerHour = 0, UnconfirmedRetention = TimeSpan.FromDays(31),
        }).Failures!;
        Assert.Equal(["NoticePeriod", "ObjectionWindow", "PreActivationCheck", "SweepSchedule", "ConfirmationInterval", "MaxConfirmationsPerHour", "UnconfirmedRetention"],
            errors.Select(e => e.Split(' ')[0]["SubProcessors:".Length..]));
    }
}
