using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PrivacyFunctions.Platform.Http;

namespace PrivacyFunctions.Tests.Platform;

public sealed class ProblemMiddlewareTests
{
    private static (FunctionContext Context, DefaultHttpContext Http) HttpFunctionContext()
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns("PutCustomer");
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.InvocationId).Returns("inv-42");
        return (context.Object, http);
    }

    [Fact]
    public async Task An_unhandled_exception_in_an_http_function_becomes_a_500_problem_without_internals()
    {
        var (context, http) = HttpFunctionContext();
        var middleware = new ProblemMiddleware(NullLogger<ProblemMiddleware>.Instance);

        await middleware.Invoke(context, _ => throw new InvalidOperationException("secret connection string in here"));

        http.Response.Body.Position = 0;
        var body = JsonDocument.Parse(http.Response.Body).RootElement;
        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.Equal("urn:privacyfunctions:problem:internal", body.GetProperty("type").GetString());
        Assert.Contains("inv-42", body.GetProperty("detail").GetString());
        Assert.DoesNotContain("secret", body.ToString());
        Assert.DoesNotContain("InvalidOperationException", body.ToString());
    }

    [Fact]
    public async Task Input_refused_by_the_table_key_guard_is_a_400_problem_not_a_500()
    {
        var (context, http) = HttpFunctionContext();
        var middleware = new ProblemMiddleware(NullLogger<ProblemMiddleware>.Instance);

        await middleware.Invoke(context, _ => throw new PrivacyFunctions.Platform.Storage.InvalidTableKeyException("customerId"));

        http.Response.Body.Position = 0;
        var body = JsonDocument.Parse(http.Response.Body).RootElement;
        Assert.Equal(400, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.Equal("urn:privacyfunctions:problem:invalid-parameter", body.GetProperty("type").GetString());
        Assert.Contains("customerId", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Non_http_functions_rethrow_so_the_host_retries_and_poisons()
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object>());
        var middleware = new ProblemMiddleware(NullLogger<ProblemMiddleware>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.Invoke(context.Object, _ => throw new InvalidOperationException("boom")));
    }
}
