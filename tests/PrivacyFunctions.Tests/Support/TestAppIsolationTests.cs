namespace PrivacyFunctions.Tests.Support;

/// <summary>
/// Test classes run in parallel against one Azurite and each deletes the tables that start with its prefix when it
/// ends: one class's cleanup must never reach another's tables (a CI run once lost a running fan-out's table this way).
/// </summary>
public sealed class TestAppIsolationTests
{
    [Fact]
    public void No_test_apps_storage_prefix_starts_another_ones()
    {
        int[] processes = [0x1a, 0x1a2, 0x1a23, 4_194_304];
        var prefixes = processes.SelectMany(p => new[] { 1, 2, 0x10, 0x1f, 0x100, 0x123 }.Select(s => TestApp.PrefixFor(p, s))).ToList();

        Assert.Equal(prefixes.Count, prefixes.Distinct().Count());
        Assert.DoesNotContain(prefixes, a => prefixes.Any(b => b != a && b.StartsWith(a, StringComparison.Ordinal)));
        Assert.All(prefixes, p => Assert.InRange(p.Length, 3, 16)); // leaves room for the longest table name (63)
    }
}
