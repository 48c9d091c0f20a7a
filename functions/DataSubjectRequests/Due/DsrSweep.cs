using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.DataSubjectRequests.Due;

/// <summary>The DSR sweep: the one due sweep (<see cref="DueSweep"/>) run over the <c>dsr</c> family.</summary>
public sealed class DsrSweep(DueSweep sweep)
{
    /// <returns>How many due hints were handled (acted on or found settled).</returns>
    public async Task<int> RunAsync(CancellationToken ct) => (await sweep.RunAsync(DsrDueKinds.Family, ct)).Handled;
}
