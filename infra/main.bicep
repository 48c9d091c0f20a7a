// PrivacyFunctions in one resource group: the Function App and everything it needs, connected through one
// user-assigned identity with least-privilege roles — no keys or connection strings anywhere. See docs/deploy.md.

targetScope = 'resourceGroup'

@description('Short environment name used in resource names, e.g. dev, test, prod.')
@minLength(2)
@maxLength(8)
param environmentName string

// Data residency: "If your company is located in the EU, your data will be hosted in the EU." Only EU regions
// where Flex Consumption is offered. (ACS Email is a global resource; its data location is pinned to Europe.)
@description('Azure region of every regional resource. EU regions only.')
@allowed([
  'westeurope'
  'northeurope'
  'francecentral'
  'germanywestcentral'
  'swedencentral'
  'italynorth'
  'polandcentral'
  'spaincentral'
])
param location string

@description('Ids of the products that hold customer data (letters and digits): each gets a Service Bus subscription and a webhook secret in Key Vault.')
@minLength(1)
param productIds string[]

@description('The DPO office mailbox: receives objections, escalations and delivery-failure alerts.')
param dpoMailbox string

@description('The customer\'s sender domain, verified by DNS after deployment; empty uses an Azure-managed domain (dev).')
param senderDomain string = ''

@description('Set to true and redeploy once the sender domain\'s DNS records are verified; then ACS links it and can send from it.')
param senderDomainVerified bool = false

@description('Display name of the notices\' sender.')
param senderName string = 'Privacy Office'

@description('Your company\'s name as end-users and customers see it in every DSR email (the processor). Set it in the parameter file; the default is only a neutral placeholder.')
@minLength(1)
@maxLength(200)
param processorDisplayName string = 'Privacy Office'

// Key Vault names are global and, with purge protection, a deleted vault keeps its name for 90 days: after the
// resource group is deleted, a new deployment with the same seed would collide with the soft-deleted vault.
@description('Part of the Key Vault\'s name. Keep it for the life of an environment; after deleting the resource group either recover the old vault (az keyvault recover) or change the seed to get a new vault (docs/deploy.md).')
@minLength(1)
@maxLength(20)
param keyVaultNameSeed string = '1'

@description('Memory of one Flex Consumption instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Upper bound on Flex Consumption instances (also bounds the cost of a flood of requests).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

param tags object = {}

var token = uniqueString(resourceGroup().id, environmentName)
var allTags = union(tags, {
  application: 'privacy-functions'
  environment: environmentName
})
var topicName = 'integration-events'
var linksSigningKeySecretName = 'links-signing-key'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-privacy-${environmentName}-${token}'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-privacy-${environmentName}-${token}'
    applicationInsightsName: 'appi-privacy-${environmentName}-${token}'
    location: location
    tags: allTags
    identityPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('stprivacy${environmentName}${token}', 24)
    location: location
    tags: allTags
    identityPrincipalId: identity.outputs.principalId
    deploymentContainerName: 'app-package'
  }
}

module serviceBus 'modules/serviceBus.bicep' = {
  name: 'serviceBus'
  params: {
    name: 'sb-privacy-${environmentName}-${token}'
    location: location
    tags: allTags
    identityPrincipalId: identity.outputs.principalId
    topicName: topicName
    productIds: productIds
  }
}

module email 'modules/email.bicep' = {
  name: 'email'
  params: {
    communicationServiceName: 'acs-privacy-${environmentName}-${token}'
    emailServiceName: 'ecs-privacy-${environmentName}-${token}'
    tags: allTags
    identityPrincipalId: identity.outputs.principalId
    customerDomain: senderDomain
    customerDomainVerified: senderDomainVerified
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    name: take('kv-${environmentName}-${uniqueString(resourceGroup().id, environmentName, 'key-vault', keyVaultNameSeed)}', 24)
    location: location
    tags: allTags
    identityPrincipalId: identity.outputs.principalId
  }
}

// `:` in configuration is `__` in app settings. Products__<id>__WebhookSecret come from Key Vault below.
var platformSettings = {
  AZURE_FUNCTIONS_ENVIRONMENT: 'Production'
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
  IntegrationEvents__Transport: 'ServiceBus'
  IntegrationEvents__TopicName: serviceBus.outputs.topicName
  ServiceBus__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
  ServiceBus__credential: 'managedidentity'
  ServiceBus__clientId: identity.outputs.clientId
  Email__Transport: 'Acs'
  Email__Acs__Endpoint: email.outputs.endpoint
  Email__Acs__ClientId: identity.outputs.clientId
  Email__SenderAddress: email.outputs.senderAddress
  Email__SenderName: senderName
  Email__DpoMailbox: dpoMailbox
  Processor__DisplayName: processorDisplayName
  Dsr__SweepSchedule: '0 */15 * * * *'
  SubProcessors__SweepSchedule: '0 */15 * * * *'
  Breach__SweepSchedule: '0 */5 * * * *'
  Retention__SweepSchedule: '0 */15 * * * *'
  Housekeeping__SweepSchedule: '0 0 3 * * *'
  Links__SigningKey: keyVaultReference(keyVault.outputs.name, linksSigningKeySecretName)
}

var productSettings = toObject(
  productIds,
  id => 'Products__${id}__WebhookSecret',
  id => keyVaultReference(keyVault.outputs.name, webhookSecretName(id))
)

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  params: {
    planName: 'asp-privacy-${environmentName}-${token}'
    appName: 'func-privacy-${environmentName}-${token}'
    location: location
    tags: allTags
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: union(platformSettings, productSettings)
  }
}

func keyVaultReference(vaultName string, secretName string) string =>
  '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'

func webhookSecretName(productId string) string => 'webhook-secret-${productId}'

output appName string = functionApp.outputs.name
output appUrl string = functionApp.outputs.url
output topicName string = serviceBus.outputs.topicName
output senderAddress string = email.outputs.senderAddress
output senderDomainVerificationRecords object = email.outputs.customerDomainVerificationRecords
output keyVaultName string = keyVault.outputs.name
output secretNames string[] = concat([linksSigningKeySecretName], map(productIds, id => webhookSecretName(id)))
