using Microsoft.Extensions.Options;
using PrivacyFunctions.Breaches;
using PrivacyFunctions.Platform.Localization;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Breaches;

public sealed class BreachOptionsAndTextsTests
{
    [Fact]
    public async Task The_app_refuses_to_start_when_we_would_take_longer_than_the_customers_72_hours_to_notify()
    {
        var settings = TestApp.DefaultSettings("x");
        settings["Breach:NotifyWithin"] = "3.00:00:01";
        await using var app = new TestApp(settings);

        var refused = Assert.Throws<OptionsValidationException>(() => app.Get<IOptions<BreachOptions>>().Value);
        Assert.Contains("Breach:NotifyWithin must be more than 0 and at most 3.00:00:00 (72 hours)", refused.Message);
    }

    [Fact]
    public void The_defaults_hold_and_each_bad_setting_is_named()
    {
        Assert.True(new BreachOptionsValidation().Validate(null, new BreachOptions { SweepSchedule = "0 */5 * * * *" }).Succeeded);
        var errors = new BreachOptionsValidation().Validate(null, new BreachOptions
        {
            NotifyWithin = TimeSpan.Zero, AssessWithin = TimeSpan.FromHours(1), RenotifyAfter = TimeSpan.FromMinutes(5), EscalateAfter = TimeSpan.FromMinutes(1),
        }).Failures!;
        Assert.Equal(["NotifyWithin", "AssessWithin", "RenotifyAfter", "EscalateAfter", "SweepSchedule"], errors.Select(e => e.Split(' ')[0]["Breach:".Length..]));
    }

    public static TheoryData<string> LanguagesOffered() => [.. Languages.Supported];

    [Theory]
    [MemberData(nameof(LanguagesOffered))]
    public void Every_notice_kind_is_written_completely_in_every_language_the_app_offers(string language)
    {
        var facts = new BreachFacts("Title <b>", DateTimeOffset.UnixEpoch, "Nature", ["subjects"], 10, ["records"], 20, "dpo@processor.example", "Consequences", "Measures", ["sys"], ["einvoicing"]);
        var breach = new Breach("brc-0123456789abcdef01234567", "dpo", null, DateTimeOffset.UnixEpoch, facts, BreachStatus.Notifiable);
        foreach (var (notice, renotify) in new[]
                 {
                     (new SentNotice(0, NoticeKind.Initial, DateTimeOffset.UnixEpoch, ["measures"]), false),
                     (new SentNotice(1, NoticeKind.Update, DateTimeOffset.UnixEpoch, []), false),
                     (new SentNotice(0, NoticeKind.Closure, DateTimeOffset.UnixEpoch, []), false),
                     (new SentNotice(0, NoticeKind.Initial, DateTimeOffset.UnixEpoch, []), true),
                 })
        {
            var email = BreachEmails.Compose(breach, notice, new NoticeSnapshot("Text", facts), renotify, language, "Europe/Brussels",
                DateTimeOffset.UnixEpoch.AddHours(72), new Uri("https://privacy.example/a?token=t"), "Processor");
            Assert.DoesNotContain("{", email.Subject + email.Body.Text);
            Assert.Contains("Title &lt;b&gt;", email.Body.Html);
            Assert.Contains($"lang=\"{language}\"", email.Body.Html);
        }
    }
}
