// Containers, partition keys and time-to-live mirror bot/storage/data-inventory.ts (a test keeps them in step).
@description('Short name used for every resource')
param name string
param location string
@description('Principal that gets data-plane read/write (the app\'s managed identity)')
param principalId string

var databaseId = 'foster-carer-assistant'
var day = 86400
var containers = [
  { id: 'bot-state', ttl: 30 * day }
  { id: 'conversations', ttl: 400 * day }
  { id: 'records', ttl: 400 * day }
  { id: 'audit', ttl: 730 * day }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: '${name}-cosmos'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [{ locationName: location, failoverPriority: 0 }]
    capabilities: [{ name: 'EnableServerless' }]
    backupPolicy: { type: 'Continuous', continuousModeProperties: { tier: 'Continuous7Days' } }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseId
  properties: { resource: { id: databaseId } }
}

resource containerResources 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for c in containers: {
    parent: database
    name: c.id
    properties: {
      resource: {
        id: c.id
        partitionKey: { paths: ['/pk'], kind: 'Hash', version: 2 }
        defaultTtl: c.ttl
      }
    }
  }
]

// Cosmos DB Built-in Data Contributor: data plane only; the app cannot create or delete containers
resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, principalId, 'data-contributor')
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: principalId
    scope: account.id
  }
}

output COSMOS_ENDPOINT string = account.properties.documentEndpoint
output COSMOS_DATABASE_ID string = databaseId
