using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.SubProcessors;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.SubProcessors;

/// <summary>The public side: the register (JSON and HTML, ETag/304), the list of changes with its diff, the Atom feed.</summary>
public sealed class PublicRegisterTests : IAsyncLifetime
{
    private readonly SubProcessorScenario _s = new();

    public async Task InitializeAsync()
    {
        await _s.CreateTablesAsync();
        await _s.CreateCustomerAsync("acme", ["einvoicing"]);
    }

    public Task DisposeAsync() => _s.DisposeAsync().AsTask();

    private async Task<(IActionResult Result, HttpResponse Response)> GetRegisterAsync(string? accept = null, string? ifNoneMatch = null)
    {
        var request = HttpRequests.Json("GET", "/api/subprocessors");
        if (accept is not null) request.Headers.Accept = accept;
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch = ifNoneMatch;
        return (await _s.App.Function<RegisterFunctions>().Get(request, CancellationToken.None), request.HttpContext.Response);
    }

    private async Task ActivateAsync(JsonObject body)
    {
        Assert.Equal(201, (await _s.AnnounceAsync(body)).Status);
        await _s.DrainNoticesAsync();
        _s.App.Clock.Advance(TimeSpan.FromDays(10));
        await _s.SweepAsync();
    }

    [Fact]
    public async Task The_register_is_the_result_of_effective_changes_as_JSON_or_HTML_with_an_ETag_that_answers_304()
    {
        await ActivateAsync(_s.AddBody("chg-1", SubProcessorScenario.Entry("mailer", "<script>alert(1)</script> Mailer", "einvoicing")));

        var (json, response) = await GetRegisterAsync("*/*");
        var content = Assert.IsType<ContentResult>(json);
        Assert.StartsWith("application/json", content.ContentType);
        var entry = Assert.Single(JsonDocument.Parse(content.Content!).RootElement.GetProperty("subProcessors").EnumerateArray());
        Assert.Equal("mailer", entry.GetProperty("id").GetString());
        Assert.Equal("scc", entry.GetProperty("transfer").GetProperty("mechanism").GetString());
        var etag = response.Headers.ETag.ToString();
        Assert.Equal("public, max-age=300", response.Headers.CacheControl.ToString());
        Assert.Equal("*", response.Headers.AccessControlAllowOrigin.ToString());

        var (notModified, _) = await GetRegisterAsync("*/*", etag);
        Assert.Equal(304, Assert.IsType<StatusCodeResult>(notModified).StatusCode);

        var (html, htmlResponse) = await GetRegisterAsync("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var page = Assert.IsType<ContentResult>(html);
        Assert.StartsWith("text/html", page.ContentType);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Mailer", page.Content);
        Assert.DoesNotContain("<script>", page.Content);
        Assert.NotEqual(etag, htmlResponse.Headers.ETag.ToString());

        // A further effective change changes the representation, so the old ETag no longer matches.
        var update = _s.AddBody("chg-2", SubProcessorScenario.Entry("mailer", "Mailer", "einvoicing"));
        update["action"] = "update";
        await ActivateAsync(update);
        var (changed, _) = await GetRegisterAsync("*/*", etag);
        Assert.Contains("\"name\":\"Mailer\"", Assert.IsType<ContentResult>(changed).Content);
    }

    [Fact]
    public async Task Changes_are_listed_newest_first_with_their_diff_and_paged()
    {
        await ActivateAsync(_s.AddBody("chg-1", SubProcessorScenario.Entry("mailer", "Mailer", "einvoicing")));
        var replace = _s.AddBody("chg-2", SubProcessorScenario.Entry("postbox", "Postbox", "einvoicing"));
        replace["action"] = "replace";
        replace["replaces"] = "mailer";
        Assert.Equal(201, (await _s.AnnounceAsync(replace)).Status);
        _s.App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(201, (await _s.AnnounceAsync(_s.AddBody("chg-3", SubProcessorScenario.Entry("thirdparty", "Third", "payments")))).Status);
        await _s.WithdrawAsync("chg-3");

        async Task<JsonElement> ListAsync(string query)
        {
            var request = HttpRequests.Json("GET", "/api/subprocessors/changes");
            request.QueryString = new QueryString(query);
            var content = Assert.IsType<ContentResult>(await _s.Changes.List(request, CancellationToken.None));
            return JsonDocument.Parse(content.Content!).RootElement;
        }

        var first = await ListAsync("?pageSize=2");
        Assert.Equal(["chg-3", "chg-2"], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("changeId").GetString()));
        Assert.Equal("withdrawn", first.GetProperty("items")[0].GetProperty("status").GetString());
        var replaced = first.GetProperty("items")[1];
        Assert.Equal("mailer", replaced.GetProperty("replaces").GetString());
        Assert.Contains(replaced.GetProperty("diff").EnumerateArray(), d => d.GetProperty("field").GetString() == "id"
            && d.GetProperty("from").GetString() == "mailer" && d.GetProperty("to").GetString() == "postbox");
        var second = await ListAsync("?pageSize=2&continuationToken=" + Uri.EscapeDataString(first.GetProperty("continuationToken").GetString()!));
        Assert.Equal(["chg-1"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("changeId").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuationToken").ValueKind);
        Assert.Equal(["chg-1"], (await ListAsync("?status=effective")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("changeId").GetString()));

        var bad = Response.Of(await _s.Changes.List(WithQuery("?status=soon&pageSize=0"), CancellationToken.None));
        Assert.Equal(422, bad.Status);
        Assert.Equal(["pageSize", "status"], bad.ErrorFields.Order());
    }

    [Fact]
    public async Task The_Atom_feed_parses_back_with_one_entry_per_change_and_per_withdrawal_under_stable_ids()
    {
        Assert.Equal(201, (await _s.AnnounceAsync(_s.AddBody("chg-1", SubProcessorScenario.Entry("mailer", "Mailer <Ltd>", "einvoicing")))).Status);
        _s.App.Clock.Advance(TimeSpan.FromHours(1));
        await _s.WithdrawAsync("chg-1");

        SyndicationFeed Read(ContentResult content)
        {
            Assert.StartsWith("application/atom+xml", content.ContentType);
            using var reader = XmlReader.Create(new StringReader(content.Content!));
            return SyndicationFeed.Load(reader);
        }

        var feed = Read(Assert.IsType<ContentResult>(await _s.Changes.Feed(HttpRequests.Json("GET", "/api/subprocessors/feed"), CancellationToken.None)));
        Assert.Equal(["urn:privacyfunctions:subprocessor-change:chg-1:withdrawal", "urn:privacyfunctions:subprocessor-change:chg-1"], feed.Items.Select(i => i.Id));
        Assert.Equal("New sub-processor: Mailer <Ltd>", feed.Items.Last().Title.Text);
        Assert.Equal("urn:privacyfunctions:subprocessor-changes", feed.Id);

        var again = Read(Assert.IsType<ContentResult>(await _s.Changes.Feed(HttpRequests.Json("GET", "/api/subprocessors/feed"), CancellationToken.None)));
        Assert.Equal(feed.Items.Select(i => (i.Id, i.LastUpdatedTime)), again.Items.Select(i => (i.Id, i.LastUpdatedTime)));
    }

    private static HttpRequest WithQuery(string query)
    {
        var request = HttpRequests.Json("GET", "/api/subprocessors/changes");
        request.QueryString = new QueryString(query);
        return request;
    }
}
