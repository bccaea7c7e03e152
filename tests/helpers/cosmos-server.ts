import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { CosmosClient } from '@azure/cosmos';
import cosmosServer from '@vercel/cosmosdb-server';
import type { Clock } from '../../bot/clock';
import { CosmosRecordStore } from '../../bot/storage/cosmos-record-store';

export interface LocalCosmos {
  readonly endpoint: string;
  readonly client: CosmosClient;
  /** A store on a fresh, uniquely named database, so tests never see each other's data. */
  newStore(clock: Clock): Promise<CosmosRecordStore>;
  stop(): Promise<void>;
}

let databaseCounter = 0;

/** A real Cosmos DB HTTP API on loopback (@vercel/cosmosdb-server): in memory, never throttles, ignores TTL. */
export async function startLocalCosmos(): Promise<LocalCosmos> {
  const server = cosmosServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `https://127.0.0.1:${port}`;
  // test only: the server's certificate is self-signed
  const client = new CosmosClient({ endpoint, key: 'test-key', agent: new https.Agent({ rejectUnauthorized: false }) });
  return {
    endpoint,
    client,
    newStore: async (clock) => {
      databaseCounter += 1;
      const database = client.database(`test-${process.pid}-${databaseCounter}`);
      return CosmosRecordStore.connect(database, clock, { createContainers: true });
    },
    stop: async () => {
      client.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
