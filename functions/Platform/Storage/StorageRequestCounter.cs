using Azure.Core;
using Azure.Core.Pipeline;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// Counts the storage requests an operation makes, so tests and benchmarks can assert request budgets
/// (docs/architecture.md: a sweep's cost grows with what is due, not with what is stored). Counting is scoped with
/// <see cref="Measure"/>; requests outside any scope still add to <see cref="Total"/>.
/// </summary>
public sealed class StorageRequestCounter : StoragePipelinePolicy
{
    private static readonly AsyncLocal<Measurement?> Current = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Starts counting the requests made by this async flow until the measurement is disposed.</summary>
    public Measurement Measure()
    {
        var measurement = new Measurement(Current.Value);
        Current.Value = measurement;
        return measurement;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref _total);
        // Reads are GET/HEAD; everything else (insert, update, delete, batch, enqueue, create) changes storage.
        var request = $"{message.Request.Method} {message.Request.Uri.Path}";
        var isWrite = message.Request.Method != RequestMethod.Get && message.Request.Method != RequestMethod.Head;
        for (var m = Current.Value; m is not null; m = m.Outer)
            m.Increment(request, isWrite);
    }

    public sealed class Measurement : IDisposable
    {
        private long _count;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _writes = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _all = new();
        internal Measurement(Measurement? outer) => Outer = outer;
        internal Measurement? Outer { get; }
        public long Requests => Interlocked.Read(ref _count);

        /// <summary>The requests that changed storage, as <c>METHOD path</c> (the path names the table or queue).</summary>
        public IReadOnlyCollection<string> Writes => _writes;

        /// <summary>Every request, as <c>METHOD path</c>.</summary>
        public IReadOnlyCollection<string> All => _all;

        /// <summary>The requests whose path does not contain <paramref name="table"/> (e.g. leave out a local stand-in).</summary>
        public long RequestsOutside(string table) => _all.Count(r => !r.Contains(table, StringComparison.Ordinal));

        internal void Increment(string request, bool isWrite)
        {
            Interlocked.Increment(ref _count);
            _all.Enqueue(request);
            if (isWrite) _writes.Enqueue(request);
        }
        public void Dispose() => Current.Value = Outer;
    }
}
