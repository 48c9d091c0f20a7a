using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PrivacyFunctions.Platform.Changes;

/// <summary>One registered effect type: its stored name, its record type and how to perform it.</summary>
public sealed record EffectRegistration(string Name, Type EffectType, Func<IServiceProvider, IEffect, EffectContext, CancellationToken, Task> Perform);

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

    public Task PerformAsync(IEffect effect, EffectContext context, CancellationToken cancellationToken) =>
        _byType[effect.GetType()].Perform(services, effect, context, cancellationToken);

    public static string Serialize(IReadOnlyList<PendingEffect> effects) => JsonSerializer.Serialize(effects, Json);

    public static IReadOnlyList<PendingEffect> Deserialize(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonSerializer.Deserialize<PendingEffect[]>(text, Json) ?? [];
}

public static class EffectServiceCollectionExtensions
{
    /// <summary>Registers an effect record under its stored <paramref name="name"/> with the handler that performs it.</summary>
    public static IServiceCollection AddEffect<TEffect, THandler>(this IServiceCollection services, string name)
        where TEffect : IEffect where THandler : class, IEffectHandler<TEffect>
    {
        services.AddSingleton<THandler>();
        services.AddSingleton(new EffectRegistration(name, typeof(TEffect),
            (sp, effect, context, ct) => sp.GetRequiredService<THandler>().PerformAsync((TEffect)effect, context, ct)));
        return services;
    }
}
