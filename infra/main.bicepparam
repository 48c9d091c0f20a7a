// A development environment: Azure-managed sender domain, small scale.
using 'main.bicep'

param environmentName = 'dev'
param location = 'westeurope'
param productIds = [
  'einvoicing'
  'payments'
]
param dpoMailbox = 'dpo@example.eu'
param senderDomain = ''
param senderName = 'Privacy Office (dev)'
param instanceMemoryMB = 2048
param maximumInstanceCount = 10
