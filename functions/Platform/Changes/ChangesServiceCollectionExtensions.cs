using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyFunctions.Platform.Audit;
using PrivacyFunctions.Platform.Due;

namespace PrivacyFunctions.Platform.Changes;

public static class ChangesServiceCollectionExtensions
{
    public static IServiceCollection AddAggregateChanges(this IServiceCollection services)
    {
        services.TryAddSingleton<EffectRegistry>();
        services.TryAddSingleton<AggregateChanges>();
        services.TryAddSingleton(EffectsCheckTiming.Default);
        services.TryAddSingleton<EffectsCheckQueue>();
        services.TryAddSingleton<EffectsChecks>();
        return services;
    }

    /// <summary>Registers an aggregate kind: the kind itself, where its audit chain lives, and the recovery of its effects (checks and sweep).</summary>
    public static IServiceCollection AddAggregate<TKind, TState>(this IServiceCollection services)
        where TKind : AggregateKind<TState>, new()
    {
        var kind = new TKind();
        services.AddSingleton(kind);
        services.AddSingleton<AggregateKind<TState>>(kind);
        services.AddSingleton(kind.AuditLocation);
        services.AddSingleton(sp => new AggregateEffectsRecovery<TState>(sp.GetRequiredService<AggregateChanges>(), kind));
        services.AddSingleton<IDueHandler>(sp => sp.GetRequiredService<AggregateEffectsRecovery<TState>>());
        services.AddSingleton<IAggregateRecovery>(sp => sp.GetRequiredService<AggregateEffectsRecovery<TState>>());
        return services;
    }
}
