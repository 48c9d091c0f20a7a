using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform;

public sealed class CompositionTests
{
    public static TheoryData<Type> FunctionClasses()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(PrivacyFunctionsComposition).Assembly.GetTypes()
                     .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null)))
            data.Add(type);
        return data;
    }

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public async Task Every_function_class_resolves_from_the_real_service_graph(Type functionClass)
    {
        await using var app = new TestApp();
        app.Get<IStartupValidator>().Validate();

        var instance = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(app.Services, functionClass);

        Assert.NotNull(instance);
    }

    [Fact]
    public void Missing_storage_settings_fail_at_start_naming_the_setting()
    {
        var app = new TestApp(new() { ["AzureWebJobsStorage"] = null });

        var error = Assert.Throws<OptionsValidationException>(() => app.Get<IStartupValidator>().Validate());

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", error.Message);
    }

    [Fact]
    public void Identity_based_storage_settings_are_accepted_without_a_connection_string()
    {
        var app = new TestApp(new()
        {
            ["AzureWebJobsStorage"] = null,
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stprivacy.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stprivacy.queue.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        var storage = app.Get<IOptions<StorageOptions>>().Value;

        Assert.False(storage.UsesConnectionString);
        Assert.Equal("stprivacy", app.Get<StorageAccount>().TableService.AccountName);
    }
}
