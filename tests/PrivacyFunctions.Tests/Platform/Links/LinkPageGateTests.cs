using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrivacyFunctions.Platform.Links;
using PrivacyFunctions.Platform.Localization;
using PrivacyFunctions.Platform.Security;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform.Links;

public sealed class LinkPageGateTests : IAsyncLifetime
{
    private sealed record Notice(string Id, string Owner, string Title);

    /// <summary>A capability's loader: notices in memory, each owned by one subscriber.</summary>
    private sealed class Notices : ILinkedItemLoader<Notice>
    {
        public Dictionary<string, Notice> Items { get; } = new() { ["n-1"] = new("n-1", "sub-1", "Breach <b>&</b> update"), ["n-2"] = new("n-2", "sub-2", "Other") };
        public int Loads { get; private set; }
        public string Purpose => LinkPurposes.BreachAcknowledgement;

        public Task<LinkedItem<Notice>> LoadAsync(string itemId, string subject, CancellationToken cancellationToken)
        {
            Loads++;
            return Task.FromResult(!Items.TryGetValue(itemId, out var notice) ? LinkedItem<Notice>.NotFound($"Notice '{itemId}'")
                : notice.Owner != subject ? LinkedItem<Notice>.NotTheirs()
                : LinkedItem<Notice>.Found(notice));
        }
    }

    private readonly TestApp _app = new();
    private readonly Notices _notices = new();
    private int _handled;

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private LinkPageGate Gate => _app.Get<LinkPageGate>();
    private string Token(string item = "n-1", string subject = "sub-1", string purpose = LinkPurposes.BreachAcknowledgement, int days = 30) =>
        _app.Get<LinkTokens>().Issue(purpose, subject, item, _app.Clock.GetUtcNow().AddDays(days));

    private static HttpRequest Request(string method, string? token, string? body = null, string contentType = "application/json", string? acceptLanguage = null)
    {
        var request = HttpRequests.Json(method, "/api/notices/n-1/ack", body, contentType: contentType);
        if (token is not null) request.QueryString = new QueryString("?token=" + Uri.EscapeDataString(token));
        if (acceptLanguage is not null) request.Headers.AcceptLanguage = acceptLanguage;
        return request;
    }

    private Task<IActionResult> GetAsync(HttpRequest request, string item = "n-1") =>
        Gate.GetAsync(request, item, _notices, visit => LinkPages.Html(LinkPages.Document(LinkPages.Language(request), visit.Item.Title,
            LinkPages.Facts([("Self", visit.SelfUrl), ("Subject", visit.Subject)]))), CancellationToken.None);

    private Task<IActionResult> PostAsync(HttpRequest request, List<LinkPageBody> bodies, string item = "n-1") =>
        Gate.PostAsync(request, item, _notices, (visit, body) =>
        {
            _handled++;
            bodies.Add(body);
            return Task.FromResult<IActionResult>(new OkResult());
        }, CancellationToken.None);

    private static void AssertSecurityHeaders(HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", headers["Content-Security-Policy"].ToString());
        Assert.Equal("DENY", headers["X-Frame-Options"].ToString());
        Assert.Equal("no-referrer", headers["Referrer-Policy"].ToString());
        Assert.Equal("no-store", headers["Cache-Control"].ToString());
        Assert.Equal("nosniff", headers["X-Content-Type-Options"].ToString());
    }

    // ---- answers ----

    [Fact]
    public async Task A_valid_link_renders_the_page_in_the_shell_with_security_headers_and_encoded_values()
    {
        var token = Token();
        var request = Request("GET", token);

        var html = Assert.IsType<ContentResult>(await GetAsync(request));

        Assert.Equal(200, html.StatusCode);
        Assert.Equal("text/html; charset=utf-8", html.ContentType);
        AssertSecurityHeaders(request);
        Assert.StartsWith("<!DOCTYPE html><html lang=\"en\">", html.Content, StringComparison.Ordinal);
        Assert.Contains("<h1>Breach &lt;b&gt;&amp;&lt;/b&gt; update</h1>", html.Content, StringComparison.Ordinal);
        Assert.Contains($"<td>/api/notices/n-1/ack?token={Uri.EscapeDataString(token)}</td>", html.Content, StringComparison.Ordinal);
        Assert.Contains("<td>sub-1</td>", html.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html.Content, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string> Refusals() => ["missing", "garbage", "tampered", "other-purpose", "other-item", "not-theirs"];

    private string? BadToken(string kind) => kind switch
    {
        "missing" => null,
        "garbage" => "not-a-token",
        "tampered" => Token()[..^1] + (Token()[^1] == 'A' ? 'B' : 'A'),
        "other-purpose" => Token(purpose: LinkPurposes.DsrInstruction),
        "other-item" => Token(item: "n-2", subject: "sub-2"),
        _ => Token(subject: "sub-2"), // a genuine token for this item, issued to someone the item does not belong to
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task An_invalid_tampered_foreign_or_other_purpose_link_is_a_401_with_security_headers_on_get_and_post(string kind)
    {
        var get = Request("GET", BadToken(kind));
        var post = Request("POST", BadToken(kind), "{}");

        var page = Response.Of(await GetAsync(get));
        var posted = Response.Of(await PostAsync(post, []));

        Assert.Equal(401, page.Status);
        Assert.EndsWith(":link-invalid", page.ProblemType, StringComparison.Ordinal);
        Assert.Equal(401, posted.Status);
        AssertSecurityHeaders(get);
        AssertSecurityHeaders(post);
        Assert.Equal(0, _handled);
        Assert.Equal(kind == "not-theirs" ? 2 : 0, _notices.Loads); // only a genuine link for this item reaches the loader
    }

    [Fact]
    public async Task An_expired_link_is_a_410_and_a_genuine_link_to_an_item_that_is_gone_a_404()
    {
        var token = Token(days: 1);
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var expired = Response.Of(await GetAsync(Request("GET", token)));
        var gone = Token(item: "n-9");
        var missing = Response.Of(await GetAsync(Request("GET", gone), item: "n-9"));
        var missingPost = Response.Of(await PostAsync(Request("POST", gone, "{}"), [], item: "n-9"));

        Assert.Equal(410, expired.Status);
        Assert.EndsWith(":link-expired", expired.ProblemType, StringComparison.Ordinal);
        Assert.Equal(404, missing.Status);
        Assert.Equal(404, missingPost.Status);
        Assert.Equal(0, _handled);
    }

    // ---- language ----

    [Theory]
    [InlineData(null, "en")]
    [InlineData("de-AT,de;q=0.9,en;q=0.5", "de")]
    [InlineData("es;q=1, fr-BE;q=0.8, nl;q=0.9", "nl")]
    [InlineData("fr;q=0, it", "en")]
    public void The_page_language_is_the_browsers_first_offered_language_else_the_fallback_else_English(string? acceptLanguage, string expected)
    {
        Assert.Equal(expected, LinkPages.Language(Request("GET", null, acceptLanguage: acceptLanguage)));
        Assert.Equal(acceptLanguage is null ? "fr" : expected == "en" ? "fr" : expected,
            LinkPages.Language(Request("GET", null, acceptLanguage: acceptLanguage), "fr-FR"));
    }

    [Fact]
    public async Task The_shell_carries_the_pages_language()
    {
        foreach (var language in Languages.Supported)
        {
            var html = Assert.IsType<ContentResult>(await GetAsync(Request("GET", Token(), acceptLanguage: language))).Content!;
            Assert.StartsWith($"<!DOCTYPE html><html lang=\"{language}\">", html, StringComparison.Ordinal);
        }
    }

    // ---- bodies ----

    [Fact]
    public async Task A_post_reads_a_form_or_a_json_object_after_the_link_is_checked()
    {
        var bodies = new List<LinkPageBody>();

        Assert.IsType<OkResult>(await PostAsync(Request("POST", Token(), "decision=ack&note=a%26b&note=c", "application/x-www-form-urlencoded"), bodies));
        Assert.IsType<OkResult>(await PostAsync(Request("POST", Token(), """{"decision":"ack"}"""), bodies));

        Assert.True(bodies[0].IsForm);
        Assert.Equal("ack", bodies[0].Form["decision"].ToString());
        Assert.Equal(new[] { "a&b", "c" }, bodies[0].Form["note"].ToArray()!);
        Assert.False(bodies[1].IsForm);
        Assert.Equal("ack", bodies[1].Json.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task The_token_may_come_from_a_form_field_instead_of_the_query_and_is_not_among_the_fields()
    {
        var bodies = new List<LinkPageBody>();

        var ok = await PostAsync(Request("POST", null, "decision=ack&token=" + Uri.EscapeDataString(Token()), "application/x-www-form-urlencoded"), bodies);
        var foreign = Response.Of(await PostAsync(Request("POST", null, "decision=ack&token=" + Uri.EscapeDataString(Token(subject: "sub-2")), "application/x-www-form-urlencoded"), bodies));
        var twice = Response.Of(await PostAsync(Request("POST", null, $"token={Uri.EscapeDataString(Token())}&token={Uri.EscapeDataString(Token())}", "application/x-www-form-urlencoded"), bodies));
        var inJson = Response.Of(await PostAsync(Request("POST", null, $$"""{"token":"{{Token()}}"}"""), bodies));

        Assert.IsType<OkResult>(ok);
        Assert.Equal(["decision"], bodies.Single().Form.Keys);
        Assert.Equal(401, foreign.Status);
        Assert.Equal(401, twice.Status);
        Assert.Equal(401, inJson.Status); // only a form carries the token in its body
        Assert.Equal(1, _handled);
    }

    [Fact]
    public async Task Bad_bodies_are_problems_and_never_reach_the_handler()
    {
        var token = Token();
        var large = new string('x', 70 * 1024);

        var malformed = Response.Of(await PostAsync(Request("POST", token, "{\"decision\":"), []));
        var text = Response.Of(await PostAsync(Request("POST", token, "decision=ack", "text/plain"), []));
        var rawRequest = Request("POST", token, "", "application/x-www-form-urlencoded");
        rawRequest.Body = new MemoryStream([.. "decision="u8, 0xFF]);
        rawRequest.ContentLength = 10;
        var notUtf8 = Response.Of(await PostAsync(rawRequest, []));
        var tooLarge = Response.Of(await PostAsync(Request("POST", token, "decision=" + large, "application/x-www-form-urlencoded"), []));
        var tooLargeWithoutToken = Response.Of(await PostAsync(Request("POST", null, "decision=" + large, "application/x-www-form-urlencoded"), []));

        Assert.Equal(400, malformed.Status);
        Assert.Equal(415, text.Status);
        Assert.Equal(422, notUtf8.Status);
        Assert.Contains("body", notUtf8.ErrorFields);
        Assert.Equal(413, tooLarge.Status);
        Assert.Equal(401, tooLargeWithoutToken.Status); // no credential could be read: answered as a missing token
        Assert.Equal(0, _handled);
    }
}
