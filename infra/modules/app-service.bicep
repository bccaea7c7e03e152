@description('Short name used for every resource')
param name string
param location string
param identityId string
param identityClientId string
param tenantId string
param cosmosEndpoint string
param cosmosDatabaseId string
param managerIds string
param recruitmentOfficerIds string
param associationRepIds string
param contentEditorIds string
param adminIds string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: { name: 'P0v3', capacity: 2 }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-app'
  location: location
  kind: 'app,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/bot/index.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      healthCheckPath: '/readyz'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'PORT', value: '8080' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identityClientId }
        { name: 'MicrosoftAppTenantId', value: tenantId }
        { name: 'ALLOWED_TENANT_IDS', value: tenantId }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'STORAGE', value: 'cosmos' }
        { name: 'COSMOS_ENDPOINT', value: cosmosEndpoint }
        { name: 'COSMOS_DATABASE_ID', value: cosmosDatabaseId }
        { name: 'MANAGER_IDS', value: managerIds }
        { name: 'RECRUITMENT_OFFICER_IDS', value: recruitmentOfficerIds }
        { name: 'ASSOCIATION_REP_IDS', value: associationRepIds }
        { name: 'CONTENT_EDITOR_IDS', value: contentEditorIds }
        { name: 'ADMIN_IDS', value: adminIds }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
      ]
    }
  }
}

output hostName string = site.properties.defaultHostName
