using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using PrivacyFunctions.Platform.Storage;

namespace PrivacyFunctions.Platform.Http;

/// <summary>
/// Turns an unhandled exception in an HTTP function into a 500 problem without stack trace or internal
/// message (docs/security.md); other triggers rethrow so the host retries and, for queues, poisons the message.
/// </summary>
public sealed partial class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (InvalidTableKeyException e) when (context.GetHttpContext() is { } http && !http.Response.HasStarted)
        {
            // Input that no validator caught reached a table key: the guard refused it before any write.
            await WriteAsync(http, Problems.Of(ProblemKind.InvalidParameter, $"The request names an invalid {e.ParamName}."));
        }
        catch (Exception e) when (context.GetHttpContext() is { } http && !http.Response.HasStarted)
        {
            LogUnhandled(logger, context.FunctionDefinition.Name, context.InvocationId, e.GetType().Name);
            await WriteAsync(http, Problems.Of(ProblemKind.Internal, $"The request failed; quote invocation {context.InvocationId} to the operator."));
        }
    }

    public static async Task WriteAsync(HttpContext http, ObjectResult problem)
    {
        http.Response.StatusCode = problem.StatusCode ?? 500;
        http.Response.ContentType = Problems.ContentType;
        await http.Response.WriteAsJsonAsync(problem.Value, problem.Value!.GetType(), options: null, contentType: Problems.ContentType);
    }

    // Only the exception type: SDK exception messages can quote stored entities, which may hold personal data.
    [LoggerMessage(Level = LogLevel.Error, Message = "Function {FunctionName} invocation {InvocationId} failed with {ExceptionType}")]
    private static partial void LogUnhandled(ILogger logger, string functionName, string invocationId, string exceptionType);
}
