using Microsoft.Extensions.DependencyInjection;

namespace PrivacyFunctions.Customers;

public static class CustomersServiceCollectionExtensions
{
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<CustomerDirectory>();
        return services;
    }
}
