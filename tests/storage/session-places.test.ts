import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { CosmosClient } from '@azure/cosmos';
import { fixedClock } from '../helpers/fixed-clock';
import { CosmosRecordStore } from '../../bot/storage/cosmos-record-store';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import { startLocalCosmos, type LocalCosmos } from '../helpers/cosmos-server';
import { describeSessionPlaces } from './session-places.contract';

const clock = fixedClock('2026-03-02T10:00:00Z');

// two handles on one file: two service processes sharing the embedded store
describeSessionPlaces('SQLite (two handles on one file)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fca-places-'));
  return [SqliteRecordStore.open(dir, clock), SqliteRecordStore.open(dir, clock)];
});

let cosmos: LocalCosmos;
beforeAll(async () => {
  cosmos = await startLocalCosmos();
});
afterAll(async () => {
  await cosmos.stop();
});

let databases = 0;
// two CosmosClients on one database: two service instances on one Cosmos account
describeSessionPlaces('Cosmos DB (cosmosdb-server, two clients)', async () => {
  databases += 1;
  const id = `places-${process.pid}-${databases}`;
  const other = new CosmosClient({ endpoint: cosmos.endpoint, key: 'test-key', agent: new https.Agent({ rejectUnauthorized: false }) });
  const first = await CosmosRecordStore.connect(cosmos.client.database(id), clock, { createContainers: true });
  const second = await CosmosRecordStore.connect(other.database(id), clock, { createContainers: false });
  return [first, second];
});
