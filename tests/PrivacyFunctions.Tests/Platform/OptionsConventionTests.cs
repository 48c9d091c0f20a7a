using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform;

/// <summary>
/// The options convention (docs/architecture.md): every options class the app registers has exactly one
/// validator, a class of the app named after it (<c>XOptions</c> → <c>XOptionsValidation</c>) — no lambda
/// validators, no DataAnnotations, no validation inside setup classes.
/// </summary>
public sealed class OptionsConventionTests
{
    public static TheoryData<Type> OptionsClasses()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(PrivacyFunctionsComposition).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.EndsWith("Options", StringComparison.Ordinal)))
            data.Add(type);
        return data;
    }

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public async Task Each_options_class_has_one_validation_class_named_after_it(Type options)
    {
        await using var app = new TestApp();

        var validators = ((IEnumerable<object>)app.Services.GetServices(typeof(IValidateOptions<>).MakeGenericType(options))).ToList();

        var validator = Assert.Single(validators);
        Assert.Equal(options.Name + "Validation", validator.GetType().Name);
        Assert.Same(options.Assembly, validator.GetType().Assembly);
    }
}
