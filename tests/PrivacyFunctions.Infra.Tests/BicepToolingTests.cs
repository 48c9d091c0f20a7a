using PrivacyFunctions.Infra.Tests.Bicep;

namespace PrivacyFunctions.Infra.Tests;

/// <summary>The Bicep builds, its dev parameter file builds, and the linter (infra/bicepconfig.json) reports nothing.</summary>
public sealed class BicepToolingTests
{
    [Fact]
    public async Task Main_template_builds_without_diagnostics()
    {
        var result = await InfraTemplates.BuildAsync();

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Equal("", result.StandardError.Trim());
        var template = await InfraTemplates.CompiledAsync();
        Assert.NotEmpty(template["resources"]!.AsObject());
    }

    [Fact]
    public async Task Dev_parameter_file_builds_against_the_template()
    {
        var result = await InfraTemplates.BuildParamsAsync();

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Equal("", result.StandardError.Trim());
        Assert.Equal("dev", (await InfraTemplates.DevParametersAsync())["environmentName"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Linter_reports_nothing()
    {
        var result = await BicepCli.RunAsync(InfraDirectory.Path, "lint", InfraDirectory.MainBicep);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Equal("", result.AllOutput);
    }

    [Fact]
    public async Task Linter_checks_the_parameter_file_too()
    {
        var result = await BicepCli.RunAsync(InfraDirectory.Path, "lint", InfraDirectory.MainParameters);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Equal("", result.AllOutput);
    }

    [Fact]
    public void Every_disabled_linter_rule_says_why()
    {
        // bicepconfig.json is JSON with comments; a rule turned off carries its reason on the line before it.
        var lines = File.ReadAllLines(Path.Combine(InfraDirectory.Path, "bicepconfig.json"));
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].Contains("\"off\"", StringComparison.Ordinal)) continue;
            Assert.True(i > 0 && lines[i - 1].TrimStart().StartsWith("//", StringComparison.Ordinal),
                $"bicepconfig.json line {i + 1} turns a rule off without a one-line reason above it: {lines[i].Trim()}");
        }
    }

    [Fact]
    public void Template_uses_no_registry_modules()
    {
        // CI has no network beyond the package registries, so br:/ts: modules could not be restored.
        foreach (var file in Directory.GetFiles(InfraDirectory.Path, "*.bicep*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("'br:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'br/", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts/", text, StringComparison.Ordinal);
        }
    }
}
