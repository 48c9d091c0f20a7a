using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using PrivacyFunctions;

FunctionsApplication.CreateBuilder(args).ConfigurePrivacyFunctions().Build().Run();
