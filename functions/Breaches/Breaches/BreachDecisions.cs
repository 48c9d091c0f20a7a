using System.Globalization;
using System.Text.Json.Nodes;
using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Breaches;

/// <summary>The rules of a breach's life as pure deciders: open, correct the facts, assess, notify, update, close.</summary>
public static class BreachDecisions
{
    public static Decision<Breach> Open(Breach breach, DateTimeOffset now, BreachOptions options) =>
        Decision<Breach>.Change(breach,
            [new AuditRecord("breach.reported", new { breach.Source, breach.AwareAt, detectedAt = breach.Facts.DetectedAt, reportedCustomers = breach.ReportedCustomers?.Count ?? 0 })],
            [
                BreachEvents.Of(BreachEvents.Reported, breach, "reported", now),
                new AlertDpoOfBreach("breach-reported", breach.BreachId, $"Personal-data breach reported: {breach.BreachId}",
                    $"A suspected personal-data breach was reported by {breach.Source} at {now:u}: \"{breach.Facts.Title}\" (detected {breach.Facts.DetectedAt:u}).\n\n" +
                    $"Assess it by {breach.AwareAt + options.AssessWithin:u} and, if notifiable, notify the affected customers by {breach.AwareAt + options.NotifyWithin:u} " +
                    $"(Art. 33(2): without undue delay). GET /api/breaches/{breach.BreachId}; POST /api/breaches/{breach.BreachId}/assessment."),
            ]) with
        {
            Hints =
            [
                new DueItem(BreachDueKinds.AssessSla, breach.BreachId, breach.AwareAt + options.AssessWithin),
                new DueItem(BreachDueKinds.NotifySla, breach.BreachId, breach.AwareAt + options.NotifyWithin),
            ],
        };

    public static Decision<Breach> CorrectFacts(Stored<Breach>? stored, BreachFacts facts, long expectedVersion)
    {
        if (stored is null) return Decision<Breach>.NotFound;
        if (stored.Version != expectedVersion) return Decision<Breach>.Refuse(Stale);
        if (stored.State.Status == BreachStatus.Closed) return Decision<Breach>.Refuse("The breach is closed; its facts are final.");
        if (stored.State.Facts == facts) return Decision<Breach>.Unchanged;
        var changed = FactFields(stored.State.Facts, facts);
        return Decision<Breach>.Change(stored.State with { Facts = facts },
            [new AuditRecord("breach.facts-corrected", new { fields = changed, missing = facts.Missing() })]);
    }

    public const string Stale = "stale";

    public static Decision<Breach> Assess(Stored<Breach>? stored, Assessment assessment)
    {
        if (stored is null) return Decision<Breach>.NotFound;
        var breach = stored.State;
        if (breach.Status != BreachStatus.Triage)
            return breach.Assessment is { } done && Same(done, assessment) ? Decision<Breach>.Unchanged
                : Decision<Breach>.Refuse($"The breach was already assessed ({breach.Status.ToWire()}).");
        var assessed = breach with { Status = assessment.Notifiable ? BreachStatus.Notifiable : BreachStatus.NotNotifiable, Assessment = assessment };
        return Decision<Breach>.Change(assessed,
            [new AuditRecord("breach.assessed", new { notifiable = assessment.Notifiable, scope = assessment.Scope?.Kind, customers = assessment.Scope?.Customers.Count, products = assessment.Scope?.Products })],
            [BreachEvents.Of(BreachEvents.Assessed, assessed, "assessed", assessment.AssessedAt, new JsonObject { ["notifiable"] = assessment.Notifiable })]);
    }

    /// <summary>
    /// The initial notice to every affected customer. Art. 33(3) content is required, unless <paramref name="phased"/>:
    /// then it goes out as an initial phased notice listing what is still being established (Art. 33(4)).
    /// </summary>
    public static Decision<Breach> Notify(Stored<Breach>? stored, bool phased, DateTimeOffset now, BreachOptions options)
    {
        if (stored is null) return Decision<Breach>.NotFound;
        var breach = stored.State;
        if (breach.InitialSent) return Decision<Breach>.Unchanged;
        if (breach.Status != BreachStatus.Notifiable)
            return Decision<Breach>.Refuse(breach.Status == BreachStatus.Triage
                ? "The breach is not assessed yet: assess it as notifiable first."
                : $"The breach is {breach.Status.ToWire()}: there is nothing to notify.");
        var missing = breach.Facts.Missing();
        if (missing.Count > 0 && !phased) return Decision<Breach>.Refuse(Incomplete);
        var notice = new SentNotice(0, NoticeKind.Initial, now, missing);
        var notified = breach with { Sent = [notice] };
        return Decision<Breach>.Change(notified,
            [new AuditRecord("breach.notice-decided", new { kind = "initial", phased = missing.Count > 0, missing })],
            [new StartBreachNotices(breach.BreachId, BreachNoticeKeys.Tag(notice)),
             BreachEvents.Of(BreachEvents.Notified, notified, "initial", now, new JsonObject { ["phased"] = missing.Count > 0 })]) with
        {
            Hints =
            [
                new DueItem(BreachDueKinds.Renotify, breach.BreachId, now + options.RenotifyAfter),
                new DueItem(BreachDueKinds.Escalate, breach.BreachId, now + options.EscalateAfter),
            ],
            Rows = [BreachNoticeSnapshots.Row(breach.BreachId, notice, new NoticeSnapshot(null, breach.Facts))],
        };
    }

    public const string Incomplete = "incomplete";

    /// <summary>Phased updates per breach (Art. 33(4)); each is a numbered notice to every notified customer.</summary>
    public const int MaxUpdates = 99;

    /// <summary>A numbered phased update (Art. 33(4)) to every notified customer, with the facts as they are now.</summary>
    public static Decision<Breach> Update(Stored<Breach>? stored, string text, DateTimeOffset now)
    {
        if (stored is null) return Decision<Breach>.NotFound;
        var breach = stored.State;
        if (breach.Status == BreachStatus.Closed) return Decision<Breach>.Refuse("The breach is closed: no further updates.");
        if (!breach.InitialSent) return Decision<Breach>.Refuse("No customer has been notified yet: send the notice first.");
        var number = breach.Notices.Count(n => n.Kind == NoticeKind.Update) + 1;
        if (number > MaxUpdates) return Decision<Breach>.Refuse($"A breach takes at most {MaxUpdates} updates; close it and open a new one for a new incident.");
        var notice = new SentNotice(number, NoticeKind.Update, now, breach.Facts.Missing());
        var updated = breach with { Sent = [.. breach.Notices, notice] };
        return Decision<Breach>.Change(updated,
            [new AuditRecord("breach.notice-decided", new { kind = "update", number, missing = notice.Missing })],
            [new StartBreachNotices(breach.BreachId, BreachNoticeKeys.Tag(notice)),
             BreachEvents.Of(BreachEvents.Updated, updated, $"update-{number.ToString(CultureInfo.InvariantCulture)}", now, new JsonObject { ["number"] = number })]) with
        {
            Rows = [BreachNoticeSnapshots.Row(breach.BreachId, notice, new NoticeSnapshot(text, breach.Facts))],
        };
    }

    /// <summary>Closes the breach with a summary; if customers were notified they are told (the closure notice).</summary>
    public static Decision<Breach> Close(Stored<Breach>? stored, string summary, DateTimeOffset now)
    {
        if (stored is null) return Decision<Breach>.NotFound;
        var breach = stored.State;
        if (breach.Status == BreachStatus.Closed)
            return breach.ClosureSummary == summary ? Decision<Breach>.Unchanged : Decision<Breach>.Refuse("The breach is already closed.");
        if (breach.Status == BreachStatus.Triage) return Decision<Breach>.Refuse("The breach is not assessed yet: assess it first (both outcomes stay in the register).");
        var closure = new SentNotice(0, NoticeKind.Closure, now, breach.Facts.Missing());
        var closed = breach with { Status = BreachStatus.Closed, ClosedAt = now, ClosureSummary = summary, Sent = breach.InitialSent ? [.. breach.Notices, closure] : breach.Notices };
        List<IEffect> effects = [BreachEvents.Of(BreachEvents.Closed, closed, "closed", now)];
        if (breach.InitialSent) effects.Insert(0, new StartBreachNotices(breach.BreachId, BreachNoticeKeys.Tag(closure)));
        return Decision<Breach>.Change(closed, [new AuditRecord("breach.closed", new { notified = breach.InitialSent })], effects) with
        {
            Rows = breach.InitialSent ? [BreachNoticeSnapshots.Row(breach.BreachId, closure, new NoticeSnapshot(summary, breach.Facts))] : [],
        };
    }

    private static bool Same(Assessment a, Assessment b) =>
        a.Notifiable == b.Notifiable && a.Reason == b.Reason
        && (a.Scope, b.Scope) switch
        {
            (null, null) => true,
            ({ } x, { } y) => x.Kind == y.Kind && x.Customers.SequenceEqual(y.Customers) && x.Products.SequenceEqual(y.Products),
            _ => false,
        };

    private static string[] FactFields(BreachFacts before, BreachFacts after) =>
        new (string, object?, object?)[]
        {
            ("title", before.Title, after.Title), ("detectedAt", before.DetectedAt, after.DetectedAt), ("nature", before.Nature, after.Nature),
            ("dataSubjectCategories", Join(before.DataSubjectCategories), Join(after.DataSubjectCategories)),
            ("dataSubjectsApprox", before.DataSubjectsApprox, after.DataSubjectsApprox),
            ("recordCategories", Join(before.RecordCategories), Join(after.RecordCategories)), ("recordsApprox", before.RecordsApprox, after.RecordsApprox),
            ("contactPoint", before.ContactPoint, after.ContactPoint), ("likelyConsequences", before.LikelyConsequences, after.LikelyConsequences),
            ("measures", before.Measures, after.Measures), ("systems", Join(before.Systems), Join(after.Systems)), ("products", Join(before.Products), Join(after.Products)),
        }.Where(f => !Equals(f.Item2, f.Item3)).Select(f => f.Item1).ToArray();

    private static string? Join(IReadOnlyList<string>? items) => items is null ? null : string.Join("\u001f", items);
}
