using PrivacyFunctions.Platform.Changes;
using PrivacyFunctions.Platform.Email;

namespace PrivacyFunctions.SubProcessors;

/// <summary>Start a change's fan-out (<see cref="NoticeKeys.Announcement"/> or <see cref="NoticeKeys.Withdrawal"/>): its first page message.</summary>
public sealed record StartNotices(string ChangeId, string Notice) : IEffect
{
    public string OnceKey => $"subprocessor.notices.{Notice}";
}

public sealed class StartNoticesHandler(NoticeQueue queue) : IEffectHandler<StartNotices>
{
    public Task PerformAsync(StartNotices effect, EffectContext context, CancellationToken cancellationToken) =>
        queue.EnqueueAsync(NoticePage.First(effect.ChangeId, effect.Notice), null, cancellationToken);
}

/// <summary>Make the register reflect the change that has just become effective.</summary>
public sealed record ApplyToRegister(string ChangeId) : IEffect
{
    public string OnceKey => "subprocessor.register";
}

public sealed class ApplyToRegisterHandler(RegisterStore register) : IEffectHandler<ApplyToRegister>
{
    public Task PerformAsync(ApplyToRegister effect, EffectContext context, CancellationToken cancellationToken) =>
        register.ApplyAsync(context.StateAs<SubProcessorChange>(), cancellationToken);
}

/// <summary>An alert to the DPO office about a change or an objection, its text fixed when decided (ids and dates only).</summary>
public sealed record AlertDpo(string AlertKind, string ItemKey, string Subject, string Text) : IEffect
{
    public string OnceKey => $"subprocessor.alert.{AlertKind}";
}

public sealed class AlertDpoHandler(DpoAlerts alerts) : IEffectHandler<AlertDpo>
{
    public Task PerformAsync(AlertDpo effect, EffectContext context, CancellationToken cancellationToken) =>
        alerts.RaiseAsync(effect.AlertKind, effect.ItemKey, effect.Subject, effect.Text, cancellationToken);
}
