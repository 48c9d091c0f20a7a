using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Due;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.SubProcessors;
using PrivacyFunctions.SubProcessors.Subscriptions;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.SubProcessors.Subscriptions;

public sealed class SubscriptionFlowTests : IAsyncLifetime
{
    private readonly SubscriptionScenario _s = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private static ContentResult Html(IActionResult result)
    {
        var html = Assert.IsType<ContentResult>(result);
        Assert.Equal("text/html; charset=utf-8", html.ContentType);
        Assert.Equal(200, html.StatusCode);
        return html;
    }

    [Fact]
    public async Task Subscribe_sends_one_confirmation_the_page_only_shows_a_form_and_the_post_confirms_into_the_directory()
    {
        var answer = await _s.SubscribeAsync(language: "nl");

        Assert.Equal(202, answer.Status);
        var email = Assert.Single(await _s.ConfirmationEmailsAsync());
        Assert.Equal(SendSubscriptionConfirmationHandler.Key(SubscriptionScenario.ShortId(SubscriptionScenario.Address), 1), email.PartitionKey);
        Assert.DoesNotContain("@", email.PartitionKey, StringComparison.Ordinal);
        Assert.Contains("Bevestig uw inschrijving", email.GetString("Subject"), StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Pending, (await _s.SubscriberAsync())!.Status);

        var token = await _s.ConfirmationTokenAsync();
        var (page, request) = await _s.ConfirmPageAsync(token);

        var html = Html(page).Content!;
        Assert.Contains($"<form method=\"post\" action=\"{SubscriptionScenario.ConfirmationPath}?token={Uri.EscapeDataString(token)}\"", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"nl\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", html, StringComparison.Ordinal);
        Assert.Equal("DENY", request.HttpContext.Response.Headers["X-Frame-Options"].ToString());
        Assert.Equal(SubscriberStatus.Pending, (await _s.SubscriberAsync())!.Status); // a GET never confirms (mail scanners follow links)
        Assert.Empty(await _s.AllConfirmedAsync());

        var confirmed = Html(await _s.PostConfirmAsync(token));

        Assert.Contains("U bent ingeschreven", confirmed.Content, StringComparison.Ordinal);
        var subscriber = (await _s.SubscriberAsync())!;
        Assert.Equal(SubscriberStatus.Confirmed, subscriber.Status);
        Assert.Equal(_s.App.Clock.GetUtcNow(), subscriber.ConfirmedAt);
        var recipient = Assert.Single(await _s.AllConfirmedAsync());
        Assert.Equal(SubscriptionScenario.ShortId(SubscriptionScenario.Address), recipient.SubscriberId);
        Assert.Equal(SubscriptionScenario.Address.ToLowerInvariant(), recipient.Address);
        Assert.Equal("nl", recipient.Language);
        Assert.StartsWith("https://privacy.test.example/api/subprocessors/subscriptions/unsubscribe?token=", recipient.UnsubscribeUrl.AbsoluteUri, StringComparison.Ordinal);

        // The directory's unsubscribe link works: its page, then the one-click POST.
        var unsubscribeToken = SubscriptionScenario.TokenOf(recipient.UnsubscribeUrl);
        var (unsubscribePage, _) = await _s.UnsubscribePageAsync(unsubscribeToken);
        Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", Html(unsubscribePage).Content, StringComparison.Ordinal);
        Html(await _s.PostUnsubscribeAsync(unsubscribeToken));
        Assert.Empty(await _s.AllConfirmedAsync());

        // No log line names the address.
        Assert.DoesNotContain(_s.App.Logs.GetSnapshot(), r => r.Message.Contains('@') || r.Message.Contains("silva", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Confirming_again_changes_nothing_and_json_gets_json()
    {
        var token = await _s.ConfirmedAsync();
        var confirmedAt = (await _s.SubscriberAsync())!.ConfirmedAt;
        _s.App.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = Response.Of(await _s.PostConfirmAsync(token, "{}", "application/json"));

        Assert.Equal(200, again.Status);
        Assert.Equal("confirmed", again.Body.GetProperty("status").GetString());
        Assert.Equal(confirmedAt, (await _s.SubscriberAsync())!.ConfirmedAt);
        var (page, _) = await _s.ConfirmPageAsync(token);
        Assert.DoesNotContain("<form", Html(page).Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_gets_the_same_202_whatever_the_address_and_a_confirmed_one_gets_no_email()
    {
        var fresh = await _s.SubscribeAsync("new@mail.example");
        var pending = await _s.SubscribeAsync("new@mail.example");
        await _s.ConfirmedAsync();
        var emailsBefore = (await _s.ConfirmationEmailsAsync()).Count;
        var confirmed = await _s.SubscribeAsync();
        await _s.ConfirmedAsync("left@mail.example");
        var left = (await _s.AllConfirmedAsync()).Single(r => r.Address == "left@mail.example");
        await _s.PostUnsubscribeAsync(SubscriptionScenario.TokenOf(left.UnsubscribeUrl));
        var unsubscribed = await _s.SubscribeAsync("left@mail.example");

        foreach (var answer in new[] { fresh, pending, confirmed, unsubscribed })
        {
            Assert.Equal(202, answer.Status);
            Assert.Equal(fresh.Body.GetRawText(), answer.Body.GetRawText());
        }
        Assert.Equal(emailsBefore, (await _s.ConfirmationEmailsAsync()).Count);
        Assert.Single(await _s.ConfirmationEmailsAsync("new@mail.example")); // pending, within the interval: one email
    }

    [Fact]
    public async Task One_confirmation_per_address_per_interval()
    {
        await _s.SubscribeAsync();
        _s.App.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(202, (await _s.SubscribeAsync("ANA.silva@mail.EXAMPLE")).Status); // the same address in another case
        Assert.Single(await _s.ConfirmationEmailsAsync());

        _s.App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(202, (await _s.SubscribeAsync(language: "de")).Status);

        var emails = await _s.ConfirmationEmailsAsync();
        Assert.Equal(2, emails.Count);
        Assert.EndsWith(".2", emails[1].PartitionKey, StringComparison.Ordinal);
        Assert.Equal("de", (await _s.SubscriberAsync())!.Language);
    }

    [Fact]
    public async Task The_hourly_cap_sends_nothing_more_until_the_next_hour_but_still_answers_202()
    {
        await using var capped = new SubscriptionScenario(new() { ["SubProcessors:MaxConfirmationsPerHour"] = "2" });

        foreach (var address in new[] { "a@mail.example", "b@mail.example", "c@mail.example" })
            Assert.Equal(202, (await capped.SubscribeAsync(address)).Status);

        Assert.Single(await capped.ConfirmationEmailsAsync("a@mail.example"));
        Assert.Single(await capped.ConfirmationEmailsAsync("b@mail.example"));
        Assert.Empty(await capped.ConfirmationEmailsAsync("c@mail.example"));
        Assert.Null(await capped.SubscriberAsync("c@mail.example")); // nothing stored either

        capped.App.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(202, (await capped.SubscribeAsync("c@mail.example")).Status);
        Assert.Single(await capped.ConfirmationEmailsAsync("c@mail.example"));
    }

    [Fact]
    public async Task An_unconfirmed_address_is_erased_after_the_retention_and_its_link_no_longer_opens()
    {
        await _s.SubscribeAsync();
        var token = await _s.ConfirmationTokenAsync();
        var sweep = _s.App.Get<DueSweep>();

        _s.App.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var early = await sweep.RunAsync(SubProcessorDueKinds.Family, CancellationToken.None);
        Assert.Equal(0, early.Failed); // the change's own effects hint (subprocessor.{aggregateType}.effects) is handled too
        Assert.Equal(SubscriberStatus.Pending, (await _s.SubscriberAsync())!.Status);

        _s.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var due = await sweep.RunAsync(SubProcessorDueKinds.Family, CancellationToken.None);
        Assert.Equal(0, due.Failed);
        Assert.Equal(1, due.Acted);

        var subscriber = (await _s.SubscriberAsync())!;
        Assert.Equal(SubscriberStatus.Expired, subscriber.Status);
        Assert.Null(subscriber.Address);
        var row = await _s.RowAsync();
        Assert.DoesNotContain(row, p => p.Value?.ToString()?.Contains('@') == true);
        Assert.Equal("expired", row.GetString(SubscriberKind.StatusColumn));
        Assert.Empty(await _s.AllConfirmedAsync());
        // The link expired with the address: 410 (had it not, the erased subscription would be a 404).
        Assert.Equal(410, Response.Of(await _s.PostConfirmAsync(token)).Status);
    }

    [Fact]
    public async Task A_confirmed_address_is_not_erased_by_the_expiry()
    {
        await _s.ConfirmedAsync();
        _s.App.Clock.Advance(TimeSpan.FromDays(8));

        await _s.App.Get<DueSweep>().RunAsync(SubProcessorDueKinds.Family, CancellationToken.None);

        Assert.Equal(SubscriberStatus.Confirmed, (await _s.SubscriberAsync())!.Status);
        Assert.Single(await _s.AllConfirmedAsync());
    }

    [Fact]
    public async Task Rfc8058_one_click_unsubscribes_without_any_other_credential_erases_the_address_and_a_resubscribe_needs_a_new_confirmation()
    {
        var oldConfirmation = await _s.ConfirmedAsync();
        var link = Assert.Single(await _s.AllConfirmedAsync()).UnsubscribeUrl;
        var request = SubscriptionScenario.LinkRequest("POST", SubscriptionScenario.UnsubscribePath, SubscriptionScenario.TokenOf(link),
            "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
        Assert.Empty(request.Cookies);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.False(request.Headers.ContainsKey("x-functions-key"));

        var result = await _s.Functions.PostUnsubscribe(request, CancellationToken.None);

        Assert.Equal(200, Assert.IsType<ContentResult>(result).StatusCode);
        var row = await _s.RowAsync();
        Assert.DoesNotContain(row, p => p.Value?.ToString()?.Contains('@') == true);
        Assert.Equal("unsubscribed", row.GetString(SubscriberKind.StatusColumn));
        Assert.Null((await _s.SubscriberAsync())!.Address);
        Assert.Empty(await _s.AllConfirmedAsync());

        // Idempotent: again → 200, nothing changes.
        var version = row.GetInt64("Version");
        Assert.Equal(200, Assert.IsType<ContentResult>(await _s.PostUnsubscribeAsync(SubscriptionScenario.TokenOf(link))).StatusCode);
        Assert.Equal(version, (await _s.RowAsync()).GetInt64("Version"));
        // The old confirmation link does not bring the erased address back.
        Assert.Equal(404, Response.Of(await _s.PostConfirmAsync(oldConfirmation)).Status);

        _s.App.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(202, (await _s.SubscribeAsync()).Status);

        Assert.Equal(2, (await _s.ConfirmationEmailsAsync()).Count);
        Assert.Equal(SubscriberStatus.Pending, (await _s.SubscriberAsync())!.Status);
        Assert.Empty(await _s.AllConfirmedAsync());
        await _s.PostConfirmAsync(await _s.ConfirmationTokenAsync());
        Assert.Single(await _s.AllConfirmedAsync());
    }

    [Fact]
    public async Task The_directory_pages_through_confirmed_subscribers_only()
    {
        for (var i = 0; i < 5; i++) await _s.ConfirmedAsync($"reader{i}@mail.example");
        await _s.SubscribeAsync("pending@mail.example");
        var directory = _s.App.Get<SubscriberDirectory>();

        var seen = new List<ListRecipient>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var (page, next) = await directory.ConfirmedPageAsync(continuation, 2, CancellationToken.None);
            Assert.InRange(page.Count, 0, 2);
            seen.AddRange(page);
            continuation = next;
            pages++;
        } while (continuation is not null && pages < 10);

        Assert.Null(continuation);
        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Select(r => r.SubscriberId).Distinct().Count());
        Assert.DoesNotContain(seen, r => r.Address == "pending@mail.example");
        await Assert.ThrowsAsync<ArgumentException>(() => directory.ConfirmedPageAsync("not-ours", 2, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => directory.ConfirmedPageAsync(null, 101, CancellationToken.None));
    }
}
