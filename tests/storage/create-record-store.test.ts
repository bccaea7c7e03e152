import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../../bot/clock';
import { loadConfig } from '../../bot/config';
import { createRecordStore } from '../../bot/storage/create-record-store';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';

/** The Cosmos DB and Azure identity SDKs are loaded only for Cosmos (issue 10: a faster local start); both paths work. */
describe('createRecordStore', () => {
  it('opens SQLite in the data folder by default', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fca-store-'));
    try {
      const store = await createRecordStore(loadConfig({ DATA_DIR: dataDir }), systemClock);
      expect(store).toBeInstanceOf(SqliteRecordStore);
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('loads the Cosmos SDKs when Cosmos is configured and tries the account', async () => {
    const config = loadConfig({
      STORAGE: 'cosmos',
      COSMOS_ENDPOINT: 'https://127.0.0.1:1/',
      COSMOS_KEY: 'dGVzdC1rZXk=',
      COSMOS_MAX_RETRIES: '0',
      COSMOS_OPERATION_DEADLINE_MS: '300',
    });
    // the SDK's own error for the refused connection: it was loaded, built a client and made a request
    await expect(createRecordStore(config, systemClock)).rejects.toMatchObject({ name: 'RestError' });
  });
});
