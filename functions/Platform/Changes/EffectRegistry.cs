using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>
/// One registered effect type: its stored name, its record type, how to perform it, and whether it is
/// <paramref name="Replayable"/>: performing it again touches no storage and is harmless to its receiver (an
/// integration event under its deterministic id). A change whose effects are all replayable is not cleared after
/// they are performed: the next change's transaction replaces them, and whoever touches the aggregate before that
/// performs them again (docs/architecture.md, "Replayable effects").
/// </summary>
public sealed record EffectRegistration(string Name, Type EffectType, Func<IServiceProvider, IEffect, EffectContext, CancellationToken, Task> Perform, bool Replayable = false);

/// <summary>
/// Every effect type the app knows, by its stored name (fixed, so a pending effect written by one version is
/// performed by the next). Stores effects as <see cref="PendingEffect"/>s and performs them with their handlers.
/// </summary>
public sealed class EffectRegistry(IEnumerable<EffectRegistration> registrations, IServiceProvider services)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, EffectRegistration> _byName = registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);
    private readonly Dictionary<Type, EffectRegistration> _byType = registrations.ToDictionary(r => r.EffectType);

    public PendingEffect ToPending(IEffect effect) =>
        _byType.TryGetValue(effect.GetType(), out var registration)
            ? new PendingEffect(registration.Name, JsonSerializer.SerializeToElement(effect, effect.GetType(), Json))
            : throw new InvalidOperationException($"The effect {effect.GetType().Name} is not registered (AddEffect).");

    public IEffect FromPending(PendingEffect pending) =>
        _byName.TryGetValue(pending.Type, out var registration)
            ? (IEffect)(pending.Data.Deserialize(registration.EffectType, Json)
                ?? throw new InvalidOperationException($"The pending effect {pending.Type} has no data."))
            : throw new InvalidOperationException($"No handler is registered for the effect '{pending.Type}'.");

    /// <summary>True when every one of <paramref name="pending"/> may be performed again at no storage cost (see <see cref="EffectRegistration"/>).</summary>
    public bool AllReplayable(IReadOnlyList<PendingEffect> pending) =>
        pending.All(p => _byName.TryGetValue(p.Type, out var registration) && registration.Replayable);

    public Task PerformAsync(IEffect effect, EffectContext context, CancellationToken cancellationToken) =>
        _byType[effect.GetType()].Perform(services, effect, context, cancellationToken);

    public static string Serialize(IReadOnlyList<PendingEffect> effects) => JsonSerializer.Serialize(effects, Json);

    public static IReadOnlyList<PendingEffect> Deserialize(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonSerializer.Deserialize<PendingEffect[]>(text, Json) ?? [];
}

public static class EffectServiceCollectionExtensions
{
    /// <summary>
    /// Registers an effect record under its stored <paramref name="name"/> with the handler that performs it;
    /// <paramref name="replayable"/> only for an effect that touches no storage and whose repeat its receiver ignores.
    /// </summary>
    public static IServiceCollection AddEffect<TEffect, THandler>(this IServiceCollection services, string name, bool replayable = false)
        where TEffect : IEffect where THandler : class, IEffectHandler<TEffect>
    {
        services.AddSingleton<THandler>();
        services.AddSingleton(new EffectRegistration(name, typeof(TEffect),
            (sp, effect, context, ct) => sp.GetRequiredService<THandler>().PerformAsync((TEffect)effect, context, ct), replayable));
        return services;
    }
}
