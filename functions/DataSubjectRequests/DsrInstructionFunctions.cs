using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Security;

namespace PrivacyFunctions.DataSubjectRequests;

/// <summary>
/// The customer's instruction page (signed link from the forward and reminder emails): GET shows the request and
/// the forms, POST records acknowledge / instruct / extend. The token in the query is the only credential:
/// invalid, tampered, foreign or other-purpose → 401, expired → 410.
/// </summary>
public sealed class DsrInstructionFunctions(DsrCustomerActions actions, IOptions<DsrOptions> options, IOptions<HttpOptions> http, TimeProvider clock)
{
    [Function("GetDsrInstructionPage")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dsr/{requestId}/instruction")] HttpRequest request,
        string requestId, CancellationToken ct)
    {
        DsrInstructionPages.AddSecurityHeaders(request.HttpContext.Response);
        var token = Token(request);
        var (linked, problem) = await actions.OpenAsync(requestId, token, ct);
        if (problem is not null) return problem;
        return DsrInstructionPages.Html(DsrInstructionPages.Page(linked!, DsrInstructionPages.SelfUrl(request, token!), options.Value.ProcessorDisplayName, clock.GetUtcNow()));
    }

    [Function("PostDsrInstruction")]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dsr/{requestId}/instruction")] HttpRequest request,
        string requestId, CancellationToken ct)
    {
        DsrInstructionPages.AddSecurityHeaders(request.HttpContext.Response);
        var token = Token(request);
        var (linked, problem) = await actions.OpenAsync(requestId, token, ct);
        if (problem is not null) return problem;

        var (body, tooLarge) = await JsonRequest.ReadBodyAsync(request, http.Value.MaxBodyBytes, ct);
        if (tooLarge is not null) return tooLarge;
        var isForm = IsForm(request.ContentType);
        DsrInstructionSubmission? submission;
        ValidationErrors errors;
        if (isForm)
            (submission, errors) = DsrInstructionSubmission.ParseForm(body!);
        else
        {
            var (root, malformed) = JsonRequest.ParseObject(request, body!);
            if (malformed is not null) return malformed;
            (submission, errors) = DsrInstructionSubmission.ParseJson(root);
        }
        if (submission is null) return Problems.Validation(errors);

        var result = await actions.SubmitAsync(linked!, submission, ct);
        if (result.ProblemOf(requestId) is { } refused) return refused;
        var after = linked! with { Request = result.Request! };
        return isForm
            ? DsrInstructionPages.Html(DsrInstructionPages.Confirmation(after, submission, DsrInstructionPages.SelfUrl(request, token!)))
            : new OkObjectResult(DsrActionView.From(after.Request, after.Customer.TimeZone));
    }

    private static string? Token(HttpRequest request)
    {
        var values = request.Query[LinkTokens.QueryParameter];
        return values.Count == 1 ? values[0] : null;
    }

    private static bool IsForm(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
