// The one user-assigned identity every connection of the app uses (storage, Service Bus, ACS Email,
// Key Vault references, Application Insights). A user-assigned identity exists before the app does,
// so its role assignments are in place when the app first starts.

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
