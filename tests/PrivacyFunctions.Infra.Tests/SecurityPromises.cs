using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using PrivacyFunctions.Infra.Tests.Bicep;

namespace PrivacyFunctions.Infra.Tests;

/// <summary>
/// The infrastructure's security promises (docs/deploy.md), each a check that lists its violations in a set of template resources.
/// They run against the compiled template and the dev snapshot, and against deliberately broken copies
/// (<see cref="SecurityPromiseTests"/>) to show that each one can fail.
/// </summary>
public static partial class SecurityPromises
{
    /// <summary>Built-in roles the app's identity may hold; anything broader (Owner, Contributor, …) is a violation.</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedRoles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"] = "Azure Service Bus Data Sender",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
        ["09976791-48a7-449e-bb21-39d1a415f350"] = "Communication and Email Service Owner",
    };

    /// <summary>Azure regions inside the European Union (not the UK, Switzerland or Norway).</summary>
    public static readonly IReadOnlySet<string> EuRegions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "westeurope", "northeurope", "francecentral", "francesouth", "germanywestcentral", "germanynorth",
        "swedencentral", "swedensouth", "italynorth", "polandcentral", "spaincentral", "austriaeast",
        "belgiumcentral", "denmarkeast",
    };

    public static readonly IReadOnlyDictionary<string, Func<ArmResources, IEnumerable<string>>> All =
        new Dictionary<string, Func<ArmResources, IEnumerable<string>>>
        {
            [nameof(StorageIsKeylessAndTls12)] = StorageIsKeylessAndTls12,
            [nameof(FunctionAppIsHttpsOnlyWithoutBasicAuth)] = FunctionAppIsHttpsOnlyWithoutBasicAuth,
            [nameof(ServiceBusIsKeyless)] = ServiceBusIsKeyless,
            [nameof(TopicDetectsDuplicatesForADay)] = TopicDetectsDuplicatesForADay,
            [nameof(RoleAssignmentsAreLeastPrivilege)] = RoleAssignmentsAreLeastPrivilege,
            [nameof(NoKeyOrConnectionStringInAppSettings)] = NoKeyOrConnectionStringInAppSettings,
            [nameof(KeyVaultIsRbacWithPurgeProtection)] = KeyVaultIsRbacWithPurgeProtection,
            [nameof(ResourcesStayInTheEu)] = ResourcesStayInTheEu,
        };

    public static IEnumerable<string> StorageIsKeylessAndTls12(ArmResources resources)
    {
        var accounts = resources.OfType("Microsoft.Storage/storageAccounts").ToList();
        if (accounts.Count == 0) yield return "no storage account";
        foreach (var account in accounts)
        {
            if (account.Flag("properties.allowSharedKeyAccess") != false) yield return $"{account.Name}: allowSharedKeyAccess is not false";
            if (account.Text("properties.minimumTlsVersion") != "TLS1_2") yield return $"{account.Name}: minimumTlsVersion is not TLS1_2";
            if (account.Flag("properties.allowBlobPublicAccess") != false) yield return $"{account.Name}: allowBlobPublicAccess is not false";
            if (account.Flag("properties.supportsHttpsTrafficOnly") != true) yield return $"{account.Name}: supportsHttpsTrafficOnly is not true";
        }
    }

    public static IEnumerable<string> FunctionAppIsHttpsOnlyWithoutBasicAuth(ArmResources resources)
    {
        var sites = resources.OfType("Microsoft.Web/sites").ToList();
        if (sites.Count == 0) yield return "no function app";
        foreach (var site in sites)
        {
            if (site.Flag("properties.httpsOnly") != true) yield return $"{site.Name}: httpsOnly is not true";
            if (site.Text("properties.siteConfig.minTlsVersion") != "1.2") yield return $"{site.Name}: minTlsVersion is not 1.2";
            if (site.Text("properties.siteConfig.ftpsState") != "Disabled") yield return $"{site.Name}: ftpsState is not Disabled";
            if (site.Text("identity.type") != "UserAssigned") yield return $"{site.Name}: identity is not user-assigned only";
        }
        var policies = resources.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        foreach (var kind in new[] { "ftp", "scm" })
        {
            if (!policies.Any(p => Regex.IsMatch(p.Name, $@"(/|'){kind}'?\)?\]?$")))
                yield return $"no basicPublishingCredentialsPolicies/{kind} resource";
        }
        foreach (var policy in policies.Where(p => p.Flag("properties.allow") != false))
            yield return $"{policy.Name}: basic publishing credentials allowed";
    }

    public static IEnumerable<string> ServiceBusIsKeyless(ArmResources resources)
    {
        var namespaces = resources.OfType("Microsoft.ServiceBus/namespaces").ToList();
        if (namespaces.Count == 0) yield return "no Service Bus namespace";
        foreach (var ns in namespaces.Where(n => n.Flag("properties.disableLocalAuth") != true))
            yield return $"{ns.Name}: disableLocalAuth is not true";
        foreach (var rule in resources.OfType("Microsoft.ServiceBus/namespaces/AuthorizationRules")
                     .Concat(resources.OfType("Microsoft.ServiceBus/namespaces/topics/authorizationRules")))
            yield return $"{rule.Name}: SAS authorization rule declared";
    }

    public static IEnumerable<string> TopicDetectsDuplicatesForADay(ArmResources resources)
    {
        var topics = resources.OfType("Microsoft.ServiceBus/namespaces/topics").ToList();
        if (topics.Count == 0) yield return "no Service Bus topic";
        foreach (var topic in topics)
        {
            if (topic.Flag("properties.requiresDuplicateDetection") != true)
                yield return $"{topic.Name}: requiresDuplicateDetection is not true";
            var window = topic.Text("properties.duplicateDetectionHistoryTimeWindow");
            if (window is null || XmlConvert.ToTimeSpan(window) < TimeSpan.FromDays(1))
                yield return $"{topic.Name}: duplicate detection window '{window}' is under one day";
        }
    }

    public static IEnumerable<string> RoleAssignmentsAreLeastPrivilege(ArmResources resources)
    {
        var assignments = resources.OfType("Microsoft.Authorization/roleAssignments").ToList();
        if (assignments.Count == 0) yield return "no role assignment";
        foreach (var assignment in assignments)
        {
            var roleDefinitionId = assignment.Text("properties.roleDefinitionId") ?? "";
            var role = RoleDefinitionGuid().Match(roleDefinitionId);
            if (!role.Success)
            {
                yield return $"{assignment.Name}: role definition '{roleDefinitionId}' is not a literal built-in role";
                continue;
            }
            var roleId = role.Groups["id"].Value;
            if (!AllowedRoles.ContainsKey(roleId))
                yield return $"{assignment.Name}: role {roleId} is not an allowed least-privilege role";
            // Named guid(scope, principal, role): stable across redeployments, unique per scope, principal and role.
            var principal = (assignment.RawText("properties.principalId") ?? "").Trim('[', ']');
            if (!assignment.Name.StartsWith("[guid(", StringComparison.Ordinal) || !assignment.Name.Contains(roleId, StringComparison.OrdinalIgnoreCase)
                || principal.Length == 0 || !assignment.Name.Contains(principal, StringComparison.Ordinal))
                yield return $"{assignment.Name}: not named guid(scope, principal, role)";
            if (assignment.Text("properties.principalType") != "ServicePrincipal")
                yield return $"{assignment.Name}: principalType is not ServicePrincipal";
        }
    }

    /// <summary>
    /// No storage or Service Bus key, SAS or connection string reaches the app: the template never calls a
    /// list* function (listKeys, listConnectionStrings, …), and no app setting looks like a key or connection string.
    /// The Application Insights connection string is allowed: it holds no secret, and local auth is off.
    /// </summary>
    public static IEnumerable<string> NoKeyOrConnectionStringInAppSettings(ArmResources resources)
    {
        foreach (var resource in resources.All)
        {
            // A module's deployment is checked on the values it passes in; its template's resources come on their own.
            var text = resource.Type == "Microsoft.Resources/deployments"
                ? resource.Body["properties"]?["parameters"]?.ToJsonString() ?? ""
                : resource.Body.ToJsonString();
            if (ListFunction().Match(text) is { Success: true } call)
                yield return $"{resource.Name}: calls {call.Value}";
            foreach (var marker in SecretMarkers.Where(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)))
                yield return $"{resource.Name}: contains '{marker}'";
        }
        var appSettings = resources.OfType("Microsoft.Web/sites/config").Where(c => c.Name.Contains("appsettings", StringComparison.Ordinal)).ToList();
        if (appSettings.Count == 0) yield return "no appsettings resource";
        foreach (var settings in appSettings.Select(c => c.Value("properties")).OfType<JsonObject>())
        {
            foreach (var name in settings.Select(s => s.Key).Where(IsKeyOrConnectionStringSetting))
                yield return $"{name}: a key or connection string setting";
        }
    }

    private static bool IsKeyOrConnectionStringSetting(string name) =>
        name.Equals("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase)
        || (name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && name != "APPLICATIONINSIGHTS_CONNECTION_STRING")
        || name.EndsWith("__connectionString", StringComparison.OrdinalIgnoreCase)
        || name.Contains("AccessKey", StringComparison.OrdinalIgnoreCase)
        || name.Contains("AccountKey", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<string> KeyVaultIsRbacWithPurgeProtection(ArmResources resources)
    {
        var vaults = resources.OfType("Microsoft.KeyVault/vaults").ToList();
        if (vaults.Count == 0) yield return "no Key Vault";
        foreach (var vault in vaults)
        {
            if (vault.Flag("properties.enableRbacAuthorization") != true) yield return $"{vault.Name}: not in RBAC mode";
            if (vault.Flag("properties.enableSoftDelete") != true) yield return $"{vault.Name}: soft delete off";
            if (vault.Flag("properties.enablePurgeProtection") != true) yield return $"{vault.Name}: purge protection off";
            if (vault.Value("properties.accessPolicies") is JsonArray { Count: > 0 }) yield return $"{vault.Name}: has access policies";
        }
    }

    /// <summary>Regional resources in EU regions only; global ACS resources keep their data in Europe.</summary>
    public static IEnumerable<string> ResourcesStayInTheEu(ArmResources resources)
    {
        foreach (var resource in resources.All)
        {
            var location = resource.Text("location");
            if (location is null || location.StartsWith('[')) continue; // follows the location parameter (checked on its own)
            if (location == "global")
            {
                if (resource.Type.StartsWith("Microsoft.Communication/", StringComparison.OrdinalIgnoreCase)
                    && resource.Value("properties.dataLocation") is not null && resource.Text("properties.dataLocation") != "Europe")
                    yield return $"{resource.Name}: dataLocation is not Europe";
                continue;
            }
            if (!EuRegions.Contains(location)) yield return $"{resource.Name}: location {location} is outside the EU";
        }
        foreach (var acs in resources.All.Where(r => r.Type is "Microsoft.Communication/communicationServices" or "Microsoft.Communication/emailServices"))
        {
            if (acs.Text("properties.dataLocation") != "Europe") yield return $"{acs.Name}: dataLocation is not Europe";
        }
    }

    private static readonly string[] SecretMarkers =
    [
        "AccountKey=", "SharedAccessKey", "SharedAccessSignature", "DefaultEndpointsProtocol", "Endpoint=sb://",
        "accesskey=", "primaryKey", "secondaryKey", "primaryConnectionString",
    ];

    [GeneratedRegex(@"roleDefinitions(/|',\s*')(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})('\))?\]?$")]
    private static partial Regex RoleDefinitionGuid();

    [GeneratedRegex(@"\blist[A-Za-z]*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();
}
