import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { RecordStore } from './record-store';
import { SqliteRecordStore } from './sqlite-record-store';

/**
 * Builds the configured store: SQLite in the data directory by default, Cosmos DB when configured. The Cosmos and
 * Azure identity SDKs are loaded only for Cosmos: on SQLite they would add a second or two to every local start.
 */
export async function createRecordStore(config: Config, clock: Clock, logger?: Logger): Promise<RecordStore> {
  const storage = config.storage;
  if (storage.kind === 'sqlite') return SqliteRecordStore.open(storage.dataDir, clock, { lockWaitMs: storage.lockWaitMs, retention: config.retention });

  /* eslint-disable @typescript-eslint/no-require-imports */
  const { CosmosClient } = require('@azure/cosmos') as typeof import('@azure/cosmos');
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  const { CosmosRecordStore } = require('./cosmos-record-store') as typeof import('./cosmos-record-store');
  /* eslint-enable @typescript-eslint/no-require-imports */

  // one CosmosClient per process (COS-7), with retry limits set explicitly rather than left to defaults
  const client = new CosmosClient({
    endpoint: storage.endpoint,
    ...(storage.key === undefined ? { aadCredentials: new DefaultAzureCredential() } : { key: storage.key }),
    connectionPolicy: {
      // a single request never outlives the operation's deadline (the store aborts it then anyway)
      requestTimeout: storage.operationDeadlineMs,
      retryOptions: {
        maxRetryAttemptCount: storage.maxRetries,
        maxWaitTimeInSeconds: storage.maxWaitSeconds,
        fixedRetryIntervalInMilliseconds: 0,
      },
    },
  });
  return CosmosRecordStore.connect(client.database(storage.databaseId), clock, {
    createContainers: storage.createContainers,
    retention: config.retention,
    backoff: { deadlineMs: storage.operationDeadlineMs },
    onRetry: (event) => logger?.info('storage retry', { code: 'STORAGE_RETRY', status: event.code, attempt: event.attempt, delayMs: event.delayMs }),
  });
}
