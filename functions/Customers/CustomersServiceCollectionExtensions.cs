using Microsoft.Extensions.DependencyInjection;
using PrivacyFunctions.Platform.Changes;

namespace PrivacyFunctions.Customers;

public static class CustomersServiceCollectionExtensions
{
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddAggregate<CustomerKind, Customer>();
        services.AddSingleton<CustomerDirectory>();
        services.AddEffect<RefreshCustomerCopies, RefreshCustomerCopiesHandler>("customer.refresh-copies");
        services.AddSingleton<CustomerEnding>(); // needs the DSR pieces (AddDataSubjectRequests)
        return services;
    }
}
