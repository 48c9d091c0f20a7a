// The app's storage account: its state (tables), its internal work queues, the Functions host's own blobs and
// the Flex Consumption deployment package. Reached only with Entra ID: shared-key access is off, so no account
// key or connection string exists anywhere in the app's settings.

param name string
param location string
param tags object
param identityPrincipalId string

@description('Blob container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

@allowed(['Standard_LRS', 'Standard_ZRS'])
param skuName string = 'Standard_LRS'

// Every table and queue the app uses (functions/Platform/Storage/StorageNames.cs), created up front so the app
// never needs the right to create them. Poison queues are where the Functions host moves a message after
// maxDequeueCount failures; the app alerts the DPO from them, so they exist from the start.
var tables = [
  'Customers'
  'DueIndex'
  'AuditTrail'
  'EmailDeliveries'
  'IntegrationEvents'
  'WebhookReplays'
  'DataSubjectRequests'
  'SubProcessors'
  'SubProcessorObjections'
  'SubProcessorSubscribers'
  'Breaches'
  'Retention'
]
var queues = [
  'email-deliveries'
  'email-deliveries-poison'
  'dsr-forwarding'
  'dsr-forwarding-poison'
  'subprocessor-notices'
  'subprocessor-notices-poison'
  'breach-notices'
  'breach-notices-poison'
  'effects-checks'
  'effects-checks-poison'
]

// The Functions host keeps locks, timer schedules and function keys in these two containers; with the deployment
// package container they are all the blob data the app owns, so Blob Data Owner is granted on them alone.
var hostContainers = [
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
]
var ownedContainers = concat([deploymentContainerName], hostContainers)

var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for container in ownedContainers: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource appQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [
  for queue in queues: {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource appTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (container, i) in ownedContainers: {
    name: guid(containers[i].id, identityPrincipalId, storageBlobDataOwner)
    scope: containers[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identityPrincipalId, storageQueueDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identityPrincipalId, storageTableDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
