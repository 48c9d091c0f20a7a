// Integration events: one topic, one subscription per product. Local (SAS key) auth is off; the app
// sends with its identity and may only send, and only to this topic.

param name string
param location string
param tags object
param identityPrincipalId string
param topicName string

@description('Product ids; each gets a subscription receiving the events addressed to it and the broadcasts.')
param productIds string[]


var serviceBusDataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    // The app derives each MessageId from the event, so an event re-sent within this window (the Standard
    // tier's maximum) is dropped instead of reaching a product twice.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P7D'
    defaultMessageTimeToLive: 'P14D'
    enableBatchedOperations: true
    supportOrdering: false
  }
}

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for productId in productIds: {
    parent: topic
    name: productId
    properties: {
      maxDeliveryCount: 10
      lockDuration: 'PT1M'
      defaultMessageTimeToLive: 'P14D'
      deadLetteringOnMessageExpiration: true
      deadLetteringOnFilterEvaluationExceptions: true
    }
  }
]

// A targeted event carries the application property productId; a broadcast carries none.
// The service creates every subscription with a catch-all '$Default' rule that ARM cannot delete; declaring a
// rule of the same name replaces it, so '$Default' becomes the product's own filter.
@batchSize(1)
resource productRules 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = [
  for (productId, i) in productIds: {
    parent: subscriptions[i]
    name: '$Default'
    properties: {
      filterType: 'SqlFilter'
      sqlFilter: {
        sqlExpression: 'productId = \'${replace(productId, '\'', '\'\'')}\''
      }
    }
  }
]

// Serialised after the product rules: Service Bus answers 409 Conflict to concurrent changes of one subscription.
@batchSize(1)
resource broadcastRules 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = [
  for (productId, i) in productIds: {
    parent: subscriptions[i]
    name: 'broadcast'
    properties: {
      filterType: 'SqlFilter'
      sqlFilter: {
        sqlExpression: 'productId IS NULL'
      }
    }
    dependsOn: [productRules]
  }
]

resource topicSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, identityPrincipalId, serviceBusDataSender)
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// serviceBusEndpoint is https://<name>.servicebus.windows.net:443/ (the suffix differs in sovereign clouds).
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
output topicName string = topic.name
