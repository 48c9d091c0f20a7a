namespace PrivacyFunctions.Infra.Tests.Bicep;

/// <summary>The repository's <c>infra/</c> folder, found by walking up from the test output to the solution file.</summary>
public static class InfraDirectory
{
    public static string Path { get; } = Find();

    public static string MainBicep => System.IO.Path.Combine(Path, "main.bicep");
    public static string MainParameters => System.IO.Path.Combine(Path, "main.bicepparam");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PrivacyFunctions.sln")))
                return System.IO.Path.Combine(dir.FullName, "infra");
        }
        throw new InvalidOperationException($"PrivacyFunctions.sln not found above {AppContext.BaseDirectory}.");
    }
}
