using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Http;
using PrivacyFunctions.Platform.Products;

namespace PrivacyFunctions.Customers;

/// <summary>The customer directory API for the DPO office (function key; Entra ID in front in Azure).</summary>
public sealed class CustomerFunctions(CustomerDirectory directory, ProductCatalog products, IOptions<HttpOptions> http)
{
    private const string Actor = "admin";

    [Function("PutCustomer")]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "customers/{customerId}")] HttpRequest request,
        string customerId, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequest.ReadObjectAsync(request, http.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        var (customer, errors) = CustomerRequest.Parse(customerId, body, products.Ids);
        if (customer is null) return Problems.Validation(errors);

        var ifMatch = request.Headers.IfMatch.FirstOrDefault();
        var result = await directory.PutAsync(customer, ifMatch, Actor, cancellationToken);
        return result.Outcome switch
        {
            CustomerPutOutcome.PreconditionFailed => Problems.Of(ProblemKind.PreconditionFailed,
                result.Customer is null && ifMatch is not null ? "The customer does not exist or was changed; fetch it again." : "The customer was changed since you read it; fetch it again."),
            CustomerPutOutcome.Conflict => Problems.Of(ProblemKind.Conflict, "The customer is being changed concurrently; retry."),
            CustomerPutOutcome.Ended => Problems.Of(ProblemKind.Conflict, "The customer's contract has ended; its data was erased."),
            _ => Respond(request, result.Customer!, result.Outcome == CustomerPutOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK),
        };
    }

    [Function("GetCustomer")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{customerId}")] HttpRequest request,
        string customerId, CancellationToken cancellationToken)
    {
        if (!JsonFields.IdPattern().IsMatch(customerId))
            return Problems.Of(ProblemKind.InvalidParameter, "customerId must be 1–64 characters of letters, digits, '.', '_' or '-'.");
        var stored = await directory.GetAsync(customerId, cancellationToken);
        return stored is null ? Problems.NotFound($"Customer '{customerId}'") : Respond(request, stored, StatusCodes.Status200OK);
    }

    private static ObjectResult Respond(HttpRequest request, StoredCustomer stored, int status)
    {
        request.HttpContext.Response.Headers.ETag = stored.ETag;
        if (status == StatusCodes.Status201Created)
            request.HttpContext.Response.Headers.Location = $"/api/customers/{stored.Customer.CustomerId}";
        return new ObjectResult(CustomerView.From(stored)) { StatusCode = status };
    }
}
