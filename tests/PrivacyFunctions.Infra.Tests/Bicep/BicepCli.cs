using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PrivacyFunctions.Infra.Tests.Bicep;

public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string AllOutput => (StandardOutput + StandardError).Trim();
}

/// <summary>
/// Runs the Bicep CLI. On Linux x64 it is the binary of the Azure.Bicep.CommandLine.linux-x64 NuGet package (the
/// project file passes its path in as assembly metadata), so nothing is downloaded and no global install is needed.
/// Elsewhere (macOS, Windows, arm64) it is, in this order: <c>BICEP_PATH</c>, a <c>bicep</c> on PATH, or the
/// one the Azure CLI installs with <c>az bicep install</c> (<c>~/.azure/bin</c>).
/// </summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string ExecutablePath { get; } = FindExecutable();

    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // No telemetry, no update checks: CI has no network beyond the package registries.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }
        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindExecutable()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return File.Exists(fromEnvironment) ? fromEnvironment
                : throw new InvalidOperationException($"BICEP_PATH names '{fromEnvironment}', which does not exist.");

        var package = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        var packageFits = OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;
        if (OperatingSystem.IsLinux() && packageFits && !string.IsNullOrEmpty(package) && File.Exists(package))
        {
            // NuGet does not always keep the execute bit when it extracts a package.
            var mode = File.GetUnixFileMode(package);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
                File.SetUnixFileMode(package, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            return package;
        }

        var name = OperatingSystem.IsWindows() ? "bicep.exe" : "bicep";
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .Append(Path.Combine(home, ".azure", "bin", name)); // where `az bicep install` puts it
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is not null) return found;

        throw new InvalidOperationException(packageFits
            ? $"The Bicep CLI of the NuGet package Azure.Bicep.CommandLine.linux-x64 was not found at '{package}': run dotnet restore."
            : $"No Bicep CLI for {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}: the NuGet package's binary is " +
              "linux-x64 only. Install one: `az bicep install` (Azure CLI), or the Bicep CLI on PATH " +
              "(https://learn.microsoft.com/azure/azure-resource-manager/bicep/install), or set BICEP_PATH to a bicep binary.");
    }
}
