// Azure Communication Services Email. The app calls the ACS Email REST API with its identity (Entra ID);
// the resource's access keys are disabled. Data at rest stays in Europe.

param communicationServiceName string
param emailServiceName string
param tags object
param identityPrincipalId string

@description('The customer\'s own sender domain (e.g. notices.example.eu), verified by DNS after deployment; empty for an Azure-managed domain (dev).')
param customerDomain string = ''

@description('True once the customer domain\'s DNS records are verified: ACS refuses to link an unverified domain.')
param customerDomainVerified bool = false

@description('Local part of the sender address.')
param senderUsername string = 'DoNotReply'

@description('Where ACS keeps data at rest; Europe for the EU data-residency promise.')
@allowed(['Europe'])
param dataLocation string = 'Europe'

var useCustomerDomain = !empty(customerDomain)
var canLink = !useCustomerDomain || customerDomainVerified

// Communication and Email Service Owner: the built-in role ACS documents for sending email with Entra ID,
// assigned on the Communication Services resource only.
var communicationAndEmailServiceOwner = '09976791-48a7-449e-bb21-39d1a415f350'

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource domain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: useCustomerDomain ? customerDomain : 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: useCustomerDomain ? 'CustomerManaged' : 'AzureManaged'
    // Open/click tracking would record what data subjects and customers do with a legal notice; we don't.
    userEngagementTracking: 'Disabled'
  }
}

resource sender 'Microsoft.Communication/emailServices/domains/senderUsernames@2023-04-01' = {
  parent: domain
  name: toLower(senderUsername)
  properties: {
    username: senderUsername
    displayName: senderUsername
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: canLink ? [domain.id] : []
  }
}

resource emailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, identityPrincipalId, communicationAndEmailServiceOwner)
  scope: communicationService
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', communicationAndEmailServiceOwner)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = '${sender.properties.username}@${domain.properties.mailFromSenderDomain}'
@description('DNS records (domain, SPF, DKIM, DKIM2, DMARC) to publish for a customer domain before verifying it.')
output customerDomainVerificationRecords object = useCustomerDomain ? domain.properties.verificationRecords : {}
