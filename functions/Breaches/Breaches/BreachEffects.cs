using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.Breaches;

/// <summary>Start a breach's fan-out of notice <see cref="Tag"/> (its first page message).</summary>
public sealed record StartBreachNotices(string BreachId, string Tag) : IEffect
{
    public string OnceKey => $"breach.notices.{Tag}";
}

public sealed class StartBreachNoticesHandler(BreachNoticeQueue queue) : IEffectHandler<StartBreachNotices>
{
    public Task PerformAsync(StartBreachNotices effect, EffectContext context, CancellationToken ct) =>
        queue.EnqueueAsync(BreachNoticePage.First(effect.BreachId, effect.Tag), null, ct);
}

/// <summary>An alert to the DPO office about a breach (its text fixed when decided; the DPO may read facts, logs never do).</summary>
public sealed record AlertDpoOfBreach(string AlertKind, string ItemKey, string Subject, string Text) : IEffect
{
    public string OnceKey => $"breach.alert.{AlertKind}.{ItemKey}";
}

public sealed class AlertDpoOfBreachHandler(DpoAlerts alerts) : IEffectHandler<AlertDpoOfBreach>
{
    public Task PerformAsync(AlertDpoOfBreach effect, EffectContext context, CancellationToken ct) =>
        alerts.RaiseAsync(effect.AlertKind, effect.ItemKey, effect.Subject, effect.Text, ct);
}
