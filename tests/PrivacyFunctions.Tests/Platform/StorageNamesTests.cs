using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using PrivacyFunctions.Platform.Storage;
using PrivacyFunctions.Tests.Support;

namespace PrivacyFunctions.Tests.Platform;

/// <summary>
/// <see cref="StorageNames"/> is the one registry of tables and queues: its <c>All</c> lists hold every name it
/// declares, every queue trigger listens on a registered queue, and the architecture page's storage layout names
/// each of them. The infra tests check the Bicep template against the same registry (StorageLayoutTests).
/// </summary>
public sealed class StorageNamesTests
{
    [Theory]
    [InlineData(typeof(StorageNames.Tables))]
    [InlineData(typeof(StorageNames.Queues))]
    public void All_holds_every_declared_name_once(Type registry)
    {
        var declared = registry.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        var all = (IReadOnlyList<string>)registry.GetField("All")!.GetValue(null)!;

        Assert.Equal(declared.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_queue_trigger_listens_on_a_registered_queue()
    {
        var triggers = typeof(PrivacyFunctionsComposition).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<QueueTriggerAttribute>())
            .OfType<QueueTriggerAttribute>()
            .Select(a => a.QueueName)
            .ToList();

        Assert.NotEmpty(triggers);
        Assert.All(triggers, queue => Assert.Contains(queue, StorageNames.Queues.All));
    }

    [Fact]
    public void The_architecture_storage_layout_names_every_table_and_queue()
    {
        var architecture = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "architecture.md"));
        var layout = architecture[architecture.IndexOf("## Storage layout", StringComparison.Ordinal)..];
        layout = layout[..layout.IndexOf("\n## ", 1, StringComparison.Ordinal)];

        Assert.All(StorageNames.Tables.All, table => Assert.Contains($"`{table}`", layout, StringComparison.Ordinal));
        // A poison queue is written as "(+ `-poison`)" after its queue.
        Assert.All(StorageNames.Queues.All.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)),
            queue => Assert.Contains($"`{queue}` (+ `-poison`)", layout, StringComparison.Ordinal));
        Assert.All(StorageNames.Queues.All.Where(q => q.EndsWith("-poison", StringComparison.Ordinal)),
            poison => Assert.Contains(poison[..^"-poison".Length], StorageNames.Queues.All));
    }
}
