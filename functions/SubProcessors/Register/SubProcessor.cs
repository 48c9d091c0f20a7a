namespace PrivacyFunctions.SubProcessors;

/// <summary>
/// One entry of the public sub-processor register (GDPR Art. 28(2), (4)): who, what for, which data, where, for which
/// products, since when. A location outside the EEA needs a transfer safeguard (GDPR Chapter V: adequacy, SCC, BCR).
/// </summary>
public sealed record SubProcessor(
    string Id,
    string Name,
    string LegalEntity,
    string Website,
    string Purpose,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<string> Locations,
    TransferSafeguard? Transfer,
    IReadOnlyList<string> Products,
    DateOnly? Since)
{
    /// <summary>The locations outside the EEA (each needs <see cref="Transfer"/>).</summary>
    public IEnumerable<string> LocationsOutsideEea => Locations.Where(l => !Countries.IsEea(l));
}

/// <summary>The safeguard for a transfer outside the EEA: <c>adequacy</c> (Art. 45), <c>scc</c> (Art. 46(2)(c)) or <c>bcr</c> (Art. 47), with its reference.</summary>
public sealed record TransferSafeguard(string Mechanism, string Reference)
{
    public static readonly string[] Mechanisms = ["adequacy", "scc", "bcr"];
}
