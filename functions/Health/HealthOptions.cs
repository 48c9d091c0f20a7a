namespace PrivacyFunctions.Health;

/// <summary>Section <c>Health</c>, validated at start by <see cref="HealthOptionsValidation"/>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How long each probe (tables, queues) may take before its dependency counts as down (default 5 seconds).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
