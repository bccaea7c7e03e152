import { fixedClock } from '../helpers/fixed-clock';
import { CONTAINERS, RECORD_KINDS } from '../../bot/storage/data-inventory';
import { CosmosRecordStore } from '../../bot/storage/cosmos-record-store';
import { startLocalCosmos, type LocalCosmos } from '../helpers/cosmos-server';
import { describeRecordStoreContract } from './record-store.contract';

let cosmos: LocalCosmos;
beforeAll(async () => {
  cosmos = await startLocalCosmos();
});
afterAll(async () => {
  await cosmos.stop();
});

describeRecordStoreContract('CosmosRecordStore (cosmosdb-server on loopback)', (clock) => cosmos.newStore(clock));

describe('CosmosRecordStore containers', () => {
  it('creates every container partitioned on /pk with its defaultTtl (COS-10)', async () => {
    await cosmos.newStore(fixedClock('2026-03-02T10:00:00Z'));
    const database = cosmos.client.database(`test-${process.pid}-verify`);
    await CosmosRecordStore.connect(database, fixedClock('2026-03-02T10:00:00Z'), { createContainers: true });
    const specs = Object.values(CONTAINERS);
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) {
      const { resource } = await database.container(spec.id).read();
      expect(resource?.defaultTtl).toBe(spec.defaultTtlSeconds);
      expect(resource?.partitionKey?.paths).toEqual(['/pk']);
    }
  });

  it('refuses to start against containers that are missing when it may not create them', async () => {
    const database = cosmos.client.database(`test-${process.pid}-absent`);
    await cosmos.client.databases.createIfNotExists({ id: database.id });
    await expect(CosmosRecordStore.connect(database, fixedClock('2026-03-02T10:00:00Z'), { createContainers: false })).rejects.toThrow();
  });

  it('refuses a container without defaultTtl', async () => {
    const database = cosmos.client.database(`test-${process.pid}-nottl`);
    await cosmos.client.databases.createIfNotExists({ id: database.id });
    for (const spec of Object.values(CONTAINERS)) {
      await database.containers.createIfNotExists({ id: spec.id, partitionKey: { paths: ['/pk'] } });
    }
    await expect(CosmosRecordStore.connect(database, fixedClock('2026-03-02T10:00:00Z'), { createContainers: false })).rejects.toThrow(/defaultTtl/);
  });

  it('stamps a per-item ttl on kinds that live shorter than their container', async () => {
    const database = cosmos.client.database(`test-${process.pid}-item-ttl`);
    const store = await CosmosRecordStore.connect(database, fixedClock('2026-03-02T10:00:00Z'), { createContainers: true });
    await store.create({ kind: 'lease', partitionKey: 'job', id: 'l1' }, { holder: 'a' });
    await store.create({ kind: 'concern', partitionKey: 'service', id: 'c1' }, { status: 'open' });
    const { resources } = await database.container('records').items.readAll<{ kind: string; ttl?: number }>().fetchAll();
    expect(resources.map((r) => r.kind).sort()).toEqual(['concern', 'lease']);
    expect(resources.find((r) => r.kind === 'lease')?.ttl).toBe(RECORD_KINDS.lease.ttlSeconds);
    expect(resources.find((r) => r.kind === 'concern')).not.toHaveProperty('ttl');
  });

  it("stamps the deployment's own retention period on a kind it sets (ENQUIRY_RETENTION_DAYS)", async () => {
    const database = cosmos.client.database(`test-${process.pid}-retention`);
    const store = await CosmosRecordStore.connect(database, fixedClock('2026-03-02T10:00:00Z'), {
      createContainers: true,
      retention: { enquiry: 30 * 24 * 60 * 60 },
    });
    await store.create({ kind: 'enquiry', partitionKey: 'service', id: 'e1' }, { stage: 'enquiry' });
    await store.create({ kind: 'lease', partitionKey: 'job', id: 'l1' }, { holder: 'a' });
    const { resources } = await database.container('records').items.readAll<{ kind: string; ttl?: number }>().fetchAll();
    expect(resources.find((r) => r.kind === 'enquiry')?.ttl).toBe(30 * 24 * 60 * 60);
    expect(resources.find((r) => r.kind === 'lease')?.ttl).toBe(RECORD_KINDS.lease.ttlSeconds);
  });
});
