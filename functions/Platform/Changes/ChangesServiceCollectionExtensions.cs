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
        return services;
    }

    /// <summary>Registers an aggregate kind: the kind itself, where its audit chain lives, and the sweep's recovery of its effects.</summary>
    public static IServiceCollection AddAggregate<TKind, TState>(this IServiceCollection services)
        where TKind : AggregateKind<TState>, new()
    {
        var kind = new TKind();
        services.AddSingleton(kind);
        services.AddSingleton<AggregateKind<TState>>(kind);
        services.AddSingleton(kind.AuditLocation);
        services.AddSingleton<IDueHandler>(sp => new AggregateEffectsRecovery<TState>(sp.GetRequiredService<AggregateChanges>(), kind));
        return services;
    }
}
