// Foster Carer Assistant on Azure: App Service (Node 20) + Azure Bot (user-assigned managed identity, Teams and
// Direct Line channels) + Cosmos DB (serverless, keyless). App settings are named exactly as bot/config.ts reads them.
targetScope = 'resourceGroup'

@description('Short name used for every resource, e.g. cp-fostering')
@minLength(3)
@maxLength(20)
param name string

@description('Azure region, e.g. uksouth')
param location string = resourceGroup().location

@description('The council\'s Microsoft 365 (Entra) tenant id: only this tenant may use the bot in Teams')
param tenantId string = subscription().tenantId

@description('Entra object ids of fostering managers (comma-separated)')
param managerIds string = ''

@description('Entra object ids of recruitment officers (comma-separated)')
param recruitmentOfficerIds string = ''

@description('Entra object ids of association representatives (comma-separated)')
param associationRepIds string = ''

@description('Entra object ids of content editors (comma-separated)')
param contentEditorIds string = ''

@description('Entra object ids of administrators (comma-separated)')
param adminIds string = ''

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { name: name, location: location }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: { name: name, location: location, principalId: identity.outputs.principalId }
}

module app 'modules/app-service.bicep' = {
  name: 'app'
  params: {
    name: name
    location: location
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    tenantId: tenantId
    cosmosEndpoint: cosmos.outputs.COSMOS_ENDPOINT
    cosmosDatabaseId: cosmos.outputs.COSMOS_DATABASE_ID
    managerIds: managerIds
    recruitmentOfficerIds: recruitmentOfficerIds
    associationRepIds: associationRepIds
    contentEditorIds: contentEditorIds
    adminIds: adminIds
  }
}

module bot 'modules/bot-service.bicep' = {
  name: 'bot'
  params: {
    name: name
    identityClientId: identity.outputs.clientId
    identityId: identity.outputs.id
    tenantId: tenantId
    endpoint: 'https://${app.outputs.hostName}/api/messages'
  }
}

output MicrosoftAppId string = identity.outputs.clientId
output BOT_DOMAIN string = app.outputs.hostName
output COSMOS_ENDPOINT string = cosmos.outputs.COSMOS_ENDPOINT
