using System.Text.Json.Nodes;

namespace PrivacyFunctions.Infra.Tests.Bicep;

/// <summary>
/// The outputs of the Bicep CLI for <c>infra/</c>, produced once per test run and shared:
/// the compiled ARM template (<c>bicep build</c>), the dev parameters (<c>bicep build-params</c>) and the
/// deployment snapshot (<c>bicep snapshot</c>: the template evaluated with the dev parameters — modules expanded,
/// loops unrolled, names and settings computed; only values Azure assigns at deployment stay expressions).
/// </summary>
public static class InfraTemplates
{
    // Fixed placeholders for the snapshot; resource ids and names derive from them.
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000aa";
    public const string TenantId = "00000000-0000-0000-0000-0000000000bb";
    public const string ResourceGroup = "rg-privacy-dev";
    public const string Location = "westeurope";

    private static readonly Lazy<Task<BicepResult>> build = new(() =>
        BicepCli.RunAsync(InfraDirectory.Path, "build", InfraDirectory.MainBicep, "--stdout"));

    private static readonly Lazy<Task<BicepResult>> buildParams = new(() =>
        BicepCli.RunAsync(InfraDirectory.Path, "build-params", InfraDirectory.MainParameters, "--stdout"));

    private static readonly Lazy<Task<JsonObject>> snapshot = new(TakeSnapshotAsync);

    public static Task<BicepResult> BuildAsync() => build.Value;

    public static Task<BicepResult> BuildParamsAsync() => buildParams.Value;

    public static async Task<JsonObject> CompiledAsync()
    {
        var result = await BuildAsync();
        if (result.ExitCode != 0) throw new InvalidOperationException($"bicep build failed:\n{result.AllOutput}");
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    /// <summary>The <c>parameters</c> object of the dev parameter file.</summary>
    public static async Task<JsonObject> DevParametersAsync()
    {
        var result = await BuildParamsAsync();
        if (result.ExitCode != 0) throw new InvalidOperationException($"bicep build-params failed:\n{result.AllOutput}");
        var parametersJson = JsonNode.Parse(result.StandardOutput)!["parametersJson"]!.GetValue<string>();
        return JsonNode.Parse(parametersJson)!["parameters"]!.AsObject();
    }

    public static async Task<string[]> DevProductIdsAsync() =>
        (await DevParametersAsync())["productIds"]!["value"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();

    public static Task<JsonObject> SnapshotAsync() => snapshot.Value;

    private static async Task<JsonObject> TakeSnapshotAsync()
    {
        // bicep snapshot writes main.snapshot.json beside the parameter file: work on a copy, never in the repo.
        var copy = Directory.CreateTempSubdirectory("privacy-infra-");
        try
        {
            CopyDirectory(InfraDirectory.Path, copy.FullName);
            var result = await BicepCli.RunAsync(copy.FullName, "snapshot", Path.Combine(copy.FullName, "main.bicepparam"),
                "--mode", "overwrite", "--subscription-id", SubscriptionId, "--tenant-id", TenantId,
                "--resource-group", ResourceGroup, "--location", Location, "--deployment-name", "privacy-dev");
            if (result.ExitCode != 0) throw new InvalidOperationException($"bicep snapshot failed:\n{result.AllOutput}");
            var text = await File.ReadAllTextAsync(Path.Combine(copy.FullName, "main.snapshot.json"));
            return JsonNode.Parse(text)!.AsObject();
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(source, target, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(source, "*.bicep*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal));
        File.Copy(Path.Combine(source, "bicepconfig.json"), Path.Combine(target, "bicepconfig.json"), overwrite: true);
    }
}
