using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyFunctions.Platform.Audit;

namespace PrivacyFunctions.Platform.Changes;

public static class ChangesServiceCollectionExtensions
{
    public static IServiceCollection AddAggregateChanges(this IServiceCollection services)
    {
        services.TryAddSingleton<EffectRegistry>();
        services.TryAddSingleton<AggregateChanges>();
        return services;
    }

    /// <summary>Registers an aggregate kind: the kind itself and where its audit chain lives.</summary>
    public static IServiceCollection AddAggregate<TKind, TState>(this IServiceCollection services)
        where TKind : AggregateKind<TState>, new()
    {
        var kind = new TKind();
        services.AddSingleton(kind);
        services.AddSingleton<AggregateKind<TState>>(kind);
        services.AddSingleton(kind.AuditLocation);
        return services;
    }
}
