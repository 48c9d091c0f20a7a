using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Hosting;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Products;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// Announced changes: the public list and Atom feed (anonymous), and the DPO office's announce, withdraw and delivery
/// view (function key). Thin: parse, call the capability, map the outcome to a status or problem.
/// </summary>
public sealed class ChangeFunctions(
    ChangeAnnouncements announcements, ChangeQueries queries, AggregatesOfSubProcessors aggregates, ProductCatalog products,
    IOptions<HttpOptions> http, IOptions<ProcessorOptions> processor, IOptions<LinkOptions> links, TimeProvider clock)
{
    private const int DefaultPageSize = 20;

    [Function("AnnounceSubProcessorChange")]
    public async Task<IActionResult> Announce(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "subprocessors/changes")] HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var (announcement, errors) = Announcement.Parse(body, products.Ids);
        if (announcement is null) return Problems.Validation(errors);
        var result = await announcements.AnnounceAsync(announcement, ct);
        return result.Outcome switch
        {
            AnnounceOutcome.Invalid => Problems.Validation(result.Errors!),
            AnnounceOutcome.Conflict => Problems.Of(ProblemKind.Conflict, result.Conflict!),
            AnnounceOutcome.Created => new ObjectResult(ChangeView.From(result.Change!)) { StatusCode = StatusCodes.Status201Created },
            _ => new OkObjectResult(ChangeView.From(result.Change!)),
        };
    }

    [Function("ListSubProcessorChanges")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subprocessors/changes")] HttpRequest request, CancellationToken ct)
    {
        var query = new QueryParameters(request.Query, new ValidationErrors()).Allow("status", "pageSize", "continuationToken");
        ChangeStatus? status = null;
        if (query.Single("status") is { } statusText)
        {
            if (ChangeWire.Statuses.TryParse(statusText, out var parsed)) status = parsed;
            else query.Errors.Add("status", $"must be one of: {string.Join(", ", ChangeWire.Statuses.All)}.");
        }
        var pageSize = query.PageSize(DefaultPageSize, 100);
        var offset = query.Offset(Scope(status));
        if (!query.Errors.IsEmpty) return Problems.Validation(query.Errors);

        var all = (await queries.AllAsync(ct)).Where(c => status is null || c.Status == status).ToArray();
        var page = new ChangePage(all.Skip(offset).Take(pageSize).Select(ChangeView.From).ToArray(),
            QueryParameters.OffsetToken(offset + pageSize, all.Length, Scope(status)));
        return PublicResponses.Cacheable(request, System.Text.Json.JsonSerializer.Serialize(page, PublicResponses.Json), "application/json; charset=utf-8");

        static string Scope(ChangeStatus? s) => ChangeQueries.ListScope + ":" + (s?.ToWire() ?? "all");
    }

    [Function("GetSubProcessorFeed")]
    public async Task<IActionResult> Feed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subprocessors/feed")] HttpRequest request, CancellationToken ct)
    {
        var errors = new QueryParameters(request.Query, new ValidationErrors()).Allow().Errors;
        if (!errors.IsEmpty) return Problems.Validation(errors);
        var baseUrl = new Uri(links.Value.BaseUrl!.TrimEnd('/') + "/api/subprocessors/");
        var atom = ChangeFeed.Atom(processor.Value.DisplayName, baseUrl, await queries.AllAsync(ct), clock.GetUtcNow());
        return PublicResponses.Cacheable(request, atom, ChangeFeed.ContentType);
    }

    [Function("GetSubProcessorChangeDeliveries")]
    public async Task<IActionResult> Deliveries(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "subprocessors/changes/{changeId}/deliveries")] HttpRequest request,
        string changeId, CancellationToken ct)
    {
        if (InvalidChangeId(changeId) is { } invalid) return invalid;
        var query = new QueryParameters(request.Query, new ValidationErrors()).Allow("pageSize", "continuationToken");
        var pageSize = query.PageSize(100, 1000);
        var offset = query.Offset(ChangeQueries.DeliveriesScope(changeId));
        if (!query.Errors.IsEmpty) return Problems.Validation(query.Errors);
        if (await aggregates.ChangeAsync(changeId, ct) is not { } change) return Problems.NotFound($"Sub-processor change '{changeId}'");
        return new OkObjectResult(await queries.DeliveriesAsync(change, offset, pageSize, ct));
    }

    internal static ObjectResult? InvalidChangeId(string changeId) => JsonFields.IdPattern().IsMatch(changeId) ? null
        : Problems.Of(ProblemKind.InvalidParameter, "changeId must be 1–64 characters of letters, digits, '.', '_' or '-'.");

    [Function("WithdrawSubProcessorChange")]
    public async Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "subprocessors/changes/{changeId}/withdrawal")] HttpRequest request,
        string changeId, CancellationToken ct)
    {
        if (InvalidChangeId(changeId) is { } invalid) return invalid;
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var errors = new ValidationErrors();
        var fields = new JsonFields(body, errors);
        var reason = fields.String("reason", required: true, maxLength: 1000);
        fields.RejectUnknown();
        if (!errors.IsEmpty) return Problems.Validation(errors);

        var result = await announcements.WithdrawAsync(changeId, reason!.Trim(), ct);
        return result.Outcome switch
        {
            ChangeOutcome.Changed or ChangeOutcome.Unchanged => new OkObjectResult(ChangeView.From(result.Stored!.State)),
            ChangeOutcome.NotFound => Problems.NotFound($"Sub-processor change '{changeId}'"),
            ChangeOutcome.Refused => Problems.Of(ProblemKind.Conflict, result.Error!),
            _ => Problems.Of(ProblemKind.Busy, "The change is being changed concurrently; retry."),
        };
    }
}
