/** The least a production start needs (managed identity, Cosmos DB, one tenant): tests add or remove one setting. */
export const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: 'tenant-1',
  COSMOS_ENDPOINT: 'https://fostering.documents.azure.com:443/',
  ALLOWED_TENANT_IDS: 'tenant-1',
} as const;
