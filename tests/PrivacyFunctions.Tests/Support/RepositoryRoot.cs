namespace PrivacyFunctions.Tests.Support;

/// <summary>The checkout's root: the folder holding PrivacyFunctions.sln above the test assembly.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PrivacyFunctions.sln")))
                return dir.FullName;
        throw new InvalidOperationException("PrivacyFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
