using System.Text.Json.Nodes;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Retention;

/// <summary>The rules of a disposition as pure deciders: record, choose (or default), command, confirm, certify, follow up.</summary>
public static class DispositionDecisions
{
    public static Decision<Disposition> Record(Disposition d, DateTimeOffset now)
    {
        List<DueItem> hints = [new(RetentionDueKinds.ChoiceDeadline, d.DispositionId, d.ChoiceDeadline), new(RetentionDueKinds.Dispose, d.DispositionId, d.EndsAt)];
        foreach (var before in new[] { TimeSpan.FromDays(14), TimeSpan.FromDays(3) })
            if (d.ChoiceDeadline - before > now) hints.Add(new DueItem(RetentionDueKinds.ChoiceReminder, d.DispositionId, d.ChoiceDeadline - before));
        return Decision<Disposition>.Change(d,
            [new AuditRecord("retention.termination-recorded", new { d.CustomerId, d.Products, d.EndsAt, d.ChoiceDeadline, d.Source })],
            [RetentionEvents.Of(RetentionEvents.TerminationRecorded, $"retention/{d.DispositionId}", d.DispositionId, now, new JsonObject
            {
                ["dispositionId"] = d.DispositionId, ["customerId"] = d.CustomerId, ["endsAt"] = d.EndsAt, ["choiceDeadline"] = d.ChoiceDeadline,
                ["products"] = new JsonArray(d.Products.Select(p => (JsonNode)p).ToArray()),
            }), new MailCustomer(d.DispositionId, "choice")]) with { Hints = hints };
    }

    /// <summary>The customer's choice, before the deadline; the same choice again is a repeat. At or after the end date, the commands go at once.</summary>
    public static Decision<Disposition> Choose(Stored<Disposition>? stored, DispositionChoice choice, DateTimeOffset now, IReadOnlyList<LegalHold> holds, TimeSpan confirmWithin)
    {
        if (stored is null) return Decision<Disposition>.NotFound;
        var d = stored.State;
        if (d.Choice is { } made)
            return !made.ByDefault && made.Kind == choice.Kind && made.ReturnContact == choice.ReturnContact && made.ReturnFormat == choice.ReturnFormat
                ? Decision<Disposition>.Unchanged
                : Decision<Disposition>.Refuse(made.ByDefault ? "The choice deadline passed: the DPA's default was applied." : "A choice was already made.");
        if (now >= d.ChoiceDeadline) return Decision<Disposition>.Refuse($"The choice deadline passed at {d.ChoiceDeadline:u}.");
        return Chosen(d, choice, now, holds, confirmWithin);
    }

    /// <summary>At the choice deadline with no choice: the DPA's default applies, recorded as such.</summary>
    public static Decision<Disposition> ApplyDefault(Stored<Disposition>? stored, string defaultKind, DateTimeOffset now, IReadOnlyList<LegalHold> holds, TimeSpan confirmWithin)
    {
        if (stored is null || stored.State.Choice is not null || now < stored.State.ChoiceDeadline) return Decision<Disposition>.Unchanged;
        return Chosen(stored.State, new DispositionChoice(defaultKind, null, null, now, ByDefault: true), now, holds, confirmWithin);
    }

    private static Decision<Disposition> Chosen(Disposition d, DispositionChoice choice, DateTimeOffset now, IReadOnlyList<LegalHold> holds, TimeSpan confirmWithin)
    {
        var chosen = d with { Choice = choice, Status = DispositionStatus.Chosen };
        var chosenEvent = RetentionEvents.Of(RetentionEvents.DispositionChosen, $"retention/{d.DispositionId}", d.DispositionId, now,
            new JsonObject { ["dispositionId"] = d.DispositionId, ["customerId"] = d.CustomerId, ["choice"] = choice.Kind, ["byDefault"] = choice.ByDefault });
        var audit = new AuditRecord("retention.disposition-chosen", new { choice.Kind, choice.ByDefault, returnContactGiven = choice.ReturnContact is not null, choice.ReturnFormat });
        if (now < d.EndsAt)
            return Decision<Disposition>.Change(chosen, [audit], [chosenEvent]);
        var commanded = Commanded(chosen, now, holds, confirmWithin);
        return commanded with { Audit = [audit, .. commanded.Audit], Effects = [chosenEvent, .. commanded.Effects] };
    }

    /// <summary>At the disposition date with a choice: each product gets its purge (or return) command, holds kept back.</summary>
    public static Decision<Disposition> Command(Stored<Disposition>? stored, DateTimeOffset now, IReadOnlyList<LegalHold> holds, TimeSpan confirmWithin) =>
        stored is { State: { Status: DispositionStatus.Chosen } d } && now >= d.EndsAt ? Commanded(d, now, holds, confirmWithin) : Decision<Disposition>.Unchanged;

    private static Decision<Disposition> Commanded(Disposition d, DateTimeOffset now, IReadOnlyList<LegalHold> holds, TimeSpan confirmWithin)
    {
        var kind = d.Choice!.Kind == "return" ? "return" : "purge";
        var commands = d.Products.Order(StringComparer.Ordinal).Select(p => new ProductCommand(p, kind, 0, null,
            holds.Where(h => h.Status == HoldStatus.Active && h.Covers(p)).Select(h => new HeldBack(h.HoldId, h.Basis, h.Categories, h.Until)).ToArray(), now)).ToArray();
        var next = d with { Status = DispositionStatus.Commanded, CommandList = commands };
        return Decision<Disposition>.Change(next,
            [new AuditRecord("retention.commands-sent", new { kind, products = d.Products, held = commands.Sum(c => c.Held.Count) })],
            commands.Select(c => (IEffect)RetentionEvents.Command(next, c, now)).ToArray()) with
        {
            Hints = [new DueItem(RetentionDueKinds.ConfirmCheck, d.DispositionId, now + confirmWithin)],
        };
    }

    /// <summary>
    /// A product's confirmation of its open command (a repeat is counted once; a product not asked, a round not open or
    /// another outcome is refused). When its round is complete, the certificate is issued and emailed; after the last one
    /// — no hold keeps anything back any more — the customer's own copy is erased.
    /// </summary>
    public static Decision<Disposition> Confirm(Stored<Disposition>? stored, string productId, int? round, ProductConfirmation confirmation,
        DateTimeOffset now, IReadOnlyDictionary<string, LegalHold> holds)
    {
        if (stored is null) return Decision<Disposition>.NotFound;
        var d = stored.State;
        var open = d.Commands.Where(c => c.ProductId == productId && (round is null || c.Round == round)).OrderBy(c => c.Confirmation is null ? 0 : 1).ThenByDescending(c => c.Round).FirstOrDefault();
        if (open is null) return Decision<Disposition>.Refuse(NotAsked);
        if (open.Confirmation is { } done)
            return done.Outcome == confirmation.Outcome && done.CompletedAt == confirmation.CompletedAt && done.Categories.SequenceEqual(confirmation.Categories) && done.Kept.SequenceEqual(confirmation.Kept)
                ? Decision<Disposition>.Unchanged : Decision<Disposition>.Refuse("This product already confirmed this command, with other content.");
        if (confirmation.Outcome != open.Outcome) return Decision<Disposition>.Refuse($"The product was asked to {open.Kind}; its confirmation must say '{open.Outcome}'.");
        foreach (var kept in confirmation.Kept)
            if (open.Held.All(h => h.HoldId != kept.HoldId || !h.Categories.Contains(kept.Category)))
                return Decision<Disposition>.Refuse($"Category '{kept.Category}' was not to be kept under hold '{kept.HoldId}' by this command.");
        var commands = d.Commands.Select(c => c == open ? c with { Confirmation = confirmation } : c).ToArray();
        var next = d with { CommandList = commands };
        List<IEffect> effects = [RetentionEvents.Of(RetentionEvents.ProductConfirmed, $"retention/{d.DispositionId}", $"{d.DispositionId}.{productId}.{open.Round}", now,
            new JsonObject { ["dispositionId"] = d.DispositionId, ["customerId"] = d.CustomerId, ["round"] = open.Round, ["outcome"] = confirmation.Outcome }, productId)];
        List<AuditRecord> audit = [new("retention.product-confirmed", new { productId, open.Round, confirmation.Outcome, categories = confirmation.Categories.Count, kept = confirmation.Kept.Count })];
        if (next.RoundConfirmed(open.Round))
        {
            var certificate = CertificateDocument.Issue(next, open.Round, holds, now);
            next = next with { Status = DispositionStatus.Certified, CertificateList = [.. d.Certificates, certificate] };
            audit.Add(new AuditRecord("retention.certificate-issued", new { certificate.CertificateId, certificate.Digest }));
            effects.Add(RetentionEvents.Of(RetentionEvents.CertificateIssued, $"retention/{d.DispositionId}", certificate.CertificateId, now,
                new JsonObject { ["dispositionId"] = d.DispositionId, ["customerId"] = d.CustomerId, ["certificateId"] = certificate.CertificateId, ["digest"] = certificate.Digest }));
            effects.Add(new MailCustomer(d.DispositionId, $"certificate-{open.Round}", certificate.CertificateId));
            // The last certificate of a whole contract: nothing is kept back under a hold any more.
            if (next.WholeContract && next.Complete) effects.Add(new EndCustomer(d.CustomerId));
        }
        return Decision<Disposition>.Change(next, audit, effects);
    }

    public const string NotAsked = "not-asked";

    /// <summary>A hold ended after the purge: each product that kept its categories back gets a follow-up purge of exactly them.</summary>
    public static Decision<Disposition> FollowUp(Stored<Disposition>? stored, LegalHold hold, DateTimeOffset now, IReadOnlyList<LegalHold> stillActive, TimeSpan confirmWithin)
    {
        if (stored is null || stored.State.Choice?.Kind == "return") return Decision<Disposition>.Unchanged;
        var d = stored.State;
        var round = d.LastRound + 1;
        var targets = d.Commands.Where(c => c.Kind == "purge" && c.Held.Any(h => h.HoldId == hold.HoldId)).Select(c => c.ProductId).Distinct()
            .Where(p => !d.Commands.Any(c => c.ProductId == p && c.FollowsHold == hold.HoldId)).ToArray();
        if (targets.Length == 0) return Decision<Disposition>.Unchanged;
        var commands = targets.Order(StringComparer.Ordinal).Select(p => new ProductCommand(p, "purge", round, hold.Categories,
            stillActive.Where(h => h.Covers(p) && h.HoldId != hold.HoldId).Select(h => new HeldBack(h.HoldId, h.Basis, h.Categories.Intersect(hold.Categories).ToArray(), h.Until))
                .Where(h => h.Categories.Count > 0).ToArray(), now, FollowsHold: hold.HoldId)).ToArray();
        var next = d with { Status = DispositionStatus.Commanded, CommandList = [.. d.Commands, .. commands] };
        return Decision<Disposition>.Change(next,
            [new AuditRecord("retention.follow-up-purge", new { hold.HoldId, round, products = targets, hold.Categories })],
            commands.Select(c => (IEffect)RetentionEvents.Command(next, c, now)).ToArray()) with
        {
            Hints = [new DueItem(RetentionDueKinds.ConfirmCheck, d.DispositionId, now + confirmWithin)],
        };
    }
}
