namespace PrivacyFunctions.SubProcessors;

public sealed record TransferView(string Mechanism, string Reference);

/// <summary>A register entry on the wire.</summary>
public sealed record SubProcessorView(
    string Id, string Name, string LegalEntity, string Website, string Purpose, IReadOnlyList<string> DataCategories,
    IReadOnlyList<string> Locations, TransferView? Transfer, IReadOnlyList<string> Products, string? Since)
{
    public static SubProcessorView From(SubProcessor e) => new(e.Id, e.Name, e.LegalEntity, e.Website, e.Purpose, e.DataCategories,
        e.Locations, e.Transfer is { } t ? new TransferView(t.Mechanism, t.Reference) : null, e.Products,
        e.Since?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}

public sealed record RegisterView(IReadOnlyList<SubProcessorView> SubProcessors);

/// <summary>A change on the public wire: what, when, its status and its field-level diff (no customer is named).</summary>
public sealed record ChangeView(
    string ChangeId, string Action, string Status, string SubProcessorId, string? Replaces, string Summary,
    DateTimeOffset AnnouncedAt, DateTimeOffset EffectiveAt, DateTimeOffset? WithdrawnAt, string? WithdrawalReason,
    SubProcessorView SubProcessor, IReadOnlyList<FieldChange> Diff)
{
    public static ChangeView From(SubProcessorChange c) => new(c.ChangeId, c.Action.ToWire(), c.Status.ToWire(), c.Subject.Id,
        c.Action == ChangeAction.Replace ? c.Previous!.Id : null, c.Summary, c.AnnouncedAt, c.EffectiveAt, c.WithdrawnAt, c.WithdrawalReason,
        SubProcessorView.From(c.Subject), c.Diff);
}

public sealed record ChangePage(IReadOnlyList<ChangeView> Items, string? ContinuationToken);

public sealed record ObjectionView(
    string ObjectionId, string ChangeId, string CustomerId, string Channel, DateTimeOffset ReceivedAt, string Summary, string Status,
    DateTimeOffset RecordedAt, DateTimeOffset? ResolvedAt, string? ResolutionNote)
{
    public static ObjectionView From(Objection o) => new(o.ObjectionId, o.ChangeId, o.CustomerId, o.Channel, o.ReceivedAt, o.Summary,
        o.Status.ToWire(), o.RecordedAt, o.ResolvedAt, o.ResolutionNote);
}

public sealed record ObjectionPage(IReadOnlyList<ObjectionView> Items, string? ContinuationToken);
