using System.Text.Json;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>
/// Something a change causes outside its aggregate (an integration event, an email), decided with the change and
/// performed after it is stored. Its data is fixed when the decision is made. <see cref="OnceKey"/> names this
/// effect within its aggregate's whole life (e.g. <c>dsr.forwarded</c>, <c>breach.update.3</c>): a handler uses it
/// as (or in) the idempotency key of what it does, so performing an effect again after a crash does nothing twice.
/// </summary>
public interface IEffect
{
    string OnceKey { get; }
}

/// <summary>Performs one kind of effect, idempotently. Register with <c>AddEffect&lt;TEffect, THandler&gt;(name)</c>.</summary>
public interface IEffectHandler<in TEffect> where TEffect : IEffect
{
    Task PerformAsync(TEffect effect, EffectContext context, CancellationToken cancellationToken);
}

/// <summary>
/// The change an effect came from: its aggregate, who caused it, when, the state it produced, and the effect's
/// <see cref="OnceKey"/> — put it (with the aggregate id) in the idempotency key of what the handler does.
/// </summary>
public sealed record EffectContext(string AggregateType, string AggregateId, string Actor, DateTimeOffset At, object State)
{
    public string OnceKey { get; init; } = "";

    public TState StateAs<TState>() => (TState)State;
}

/// <summary>An effect as stored with its aggregate until performed: its registered name and its data.</summary>
public sealed record PendingEffect(string Type, JsonElement Data);
