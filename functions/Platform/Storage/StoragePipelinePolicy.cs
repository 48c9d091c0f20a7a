using Azure.Core.Pipeline;

namespace PrivacyFunctions.Platform.Storage;

/// <summary>
/// A policy added to every table and queue client's pipeline (per retry). The request counter is one; tests
/// register others to inject storage faults — a crash between two steps of a flow — without mocking storage.
/// </summary>
public abstract class StoragePipelinePolicy : HttpPipelinePolicy;
