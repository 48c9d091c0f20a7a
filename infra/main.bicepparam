// A development environment: Azure-managed sender domain, small scale. Copy it for another environment.
// Used by `az deployment group create --parameters infra/main.bicepparam` and by `azd up` (azure.yaml).
using 'main.bicep'

param environmentName = 'dev'
param location = 'westeurope'
param productIds = [
  'einvoicing'
  'payments'
]
param dpoMailbox = 'dpo@example.eu'
// Your company's name: end-users and customers read it in every DSR email. Set it before the first deployment.
param processorDisplayName = 'Privacy Office (dev)'
param senderDomain = ''
param senderName = 'Privacy Office (dev)'
// Change only to get a new Key Vault after deleting the resource group (docs/deploy.md).
param keyVaultNameSeed = '1'
param instanceMemoryMB = 2048
param maximumInstanceCount = 10
