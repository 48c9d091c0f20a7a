using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Health;

/// <summary>Anonymous liveness of what the app depends on; reveals nothing beyond up or down per dependency.</summary>
public sealed class HealthFunctions(HealthCheck check)
{
    [Function("Health")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await check.RunAsync(cancellationToken);
        if (report.Healthy)
            return new OkObjectResult(new { status = "healthy", checks = report.Checks });
        var problem = Problems.Of(ProblemKind.Unavailable, "Storage is not answering: " + string.Join(", ", report.Checks.Where(c => c.Value != "up").Select(c => c.Key)) + ".");
        ((ProblemDetails)problem.Value!).Extensions["checks"] = report.Checks;
        return problem;
    }
}
