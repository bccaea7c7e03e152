import { fixedClock } from '../helpers/fixed-clock';
import { ConflictError, StorageError } from '../../bot/errors';
import { CosmosRecordStore } from '../../bot/storage/cosmos-record-store';
import { startLocalCosmos, type LocalCosmos } from '../helpers/cosmos-server';
import { clientVia, startCosmosFaultProxy, type CosmosFaultProxy } from '../helpers/cosmos-fault-proxy';

/** Row 9: transient Cosmos failures are retried, and a write whose response was lost is recognised as done. */
describe('CosmosRecordStore under transient failures', () => {
  let cosmos: LocalCosmos;
  let proxy: CosmosFaultProxy;
  let store: CosmosRecordStore;
  let counter = 0;
  const clock = fixedClock('2026-03-02T10:00:00Z');
  const databaseId = `retry-${process.pid}`;
  const docs = (method: string) => (m: string, url: string) => m === method && url.includes('/docs');
  const key = (prefix: string) => {
    counter += 1;
    return { kind: 'concern' as const, partitionKey: 'service', id: `${prefix}-${counter}` };
  };
  const storedConcerns = async () => {
    const { resources } = await cosmos.client.database(databaseId).container('records').items.readAll<{ recordId: string }>().fetchAll();
    return resources;
  };

  beforeAll(async () => {
    cosmos = await startLocalCosmos();
    proxy = await startCosmosFaultProxy(cosmos.endpoint, { throttle: 0, unavailable: 0, resetAfterCommit: 0 }, 1);
    store = await CosmosRecordStore.connect(clientVia(proxy).database(databaseId), clock, {
      createContainers: true,
      backoff: { deadlineMs: 2000, baseDelayMs: 5, maxDelayMs: 50 },
    });
  });
  // a fault a test forced and did not use up must not reach the next test
  afterEach(() => proxy.clearForced());
  afterAll(async () => {
    await proxy.stop();
    await cosmos.stop();
  });

  it('retries a create answered 503, and writes it once', async () => {
    const k = key('c503');
    proxy.failNext('unavailable', docs('POST'), 2);
    const result = await store.create(k, { status: 'open' });
    expect(result.created).toBe(true);
    expect((await storedConcerns()).filter((d) => d.recordId === k.id)).toHaveLength(1);
  });

  it('a create whose connection dropped after the server committed it reports created, with one record', async () => {
    const k = key('creset');
    proxy.failNext('resetAfterCommit', docs('POST'));
    const result = await store.create(k, { status: 'open' });
    // the retry met a 409 for its own write: this call did create it (so a manager card is still posted)
    expect(result).toMatchObject({ created: true, record: { data: { status: 'open' } } });
    expect((await storedConcerns()).filter((d) => d.recordId === k.id)).toHaveLength(1);
  });

  it("a create meeting someone else's record still reports created: false", async () => {
    const k = key('cother');
    await store.create(k, { by: 'first' });
    proxy.failNext('resetAfterCommit', docs('POST'));
    const result = await store.create(k, { by: 'second' });
    expect(result).toMatchObject({ created: false, record: { data: { by: 'first' } } });
  });

  it('a replace whose connection dropped after it committed succeeds instead of reporting a conflict', async () => {
    const k = key('rreset');
    const { record } = await store.create(k, { places: 1 });
    proxy.failNext('resetAfterCommit', docs('PUT'));
    const replaced = await store.replace(record, { places: 2 });
    expect(replaced.data).toEqual({ places: 2 });
    expect((await store.get(k))?.data).toEqual({ places: 2 });
  });

  it('a replace losing to a genuine concurrent change is still a conflict, even after a retry', async () => {
    const k = key('rrace');
    const { record } = await store.create(k, { places: 1 });
    await store.replace(record, { places: 5 }); // someone else's change
    proxy.failNext('unavailable', docs('PUT'));
    await expect(store.replace(record, { places: 2 })).rejects.toBeInstanceOf(ConflictError);
    expect((await store.get(k))?.data).toEqual({ places: 5 });
  });

  it('a delete whose connection dropped after it committed counts as deleted, with or without an etag', async () => {
    const plain = key('dreset');
    await store.create(plain, { a: 1 });
    proxy.failNext('resetAfterCommit', docs('DELETE'));
    expect(await store.delete(plain)).toBe(true);
    const guarded = key('dreset-etag');
    const { record } = await store.create(guarded, { a: 1 });
    proxy.failNext('resetAfterCommit', docs('DELETE'));
    expect(await store.delete(guarded, record.etag)).toBe(true);
    expect(await store.get(guarded)).toBeUndefined();
  });

  it('retries reads, queries and upserts answered 503 or dropped', async () => {
    const k = key('reads');
    await store.create(k, { a: 1 });
    proxy.failNext('unavailable', docs('GET'), 3);
    expect((await store.get(k))?.data).toEqual({ a: 1 });
    proxy.failNext('unavailable', docs('POST'), 2); // queries are POSTs to /docs
    expect((await store.list('concern', { partitionKey: 'service' })).length).toBeGreaterThan(0);
    proxy.failNext('resetAfterCommit', docs('POST'));
    await store.upsert({ kind: 'bot-state', partitionKey: 'p', id: 'state-1' }, { n: 1 });
    expect((await store.get({ kind: 'bot-state', partitionKey: 'p', id: 'state-1' }))?.data).toEqual({ n: 1 });
  });

  it('gives up at the deadline with a StorageError when the service stays unavailable', async () => {
    const k = key('down');
    const before = proxy.counts.unavailable;
    proxy.failNext('unavailable', docs('POST'), 1000);
    const started = Date.now();
    await expect(store.create(k, { a: 1 })).rejects.toBeInstanceOf(StorageError);
    const elapsed = Date.now() - started;
    const attempts = proxy.counts.unavailable - before;
    console.log(`deadline 2000 ms: gave up after ${elapsed} ms and ${attempts} attempts`);
    expect(attempts).toBeGreaterThan(3);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(4000);
  });

  it('readiness writes and reads back a health record (a store refusing writes is not ready)', async () => {
    await store.ping();
    const { resources } = await cosmos.client.database(databaseId).container('bot-state').items.readAll<{ kind: string; ttl?: number }>().fetchAll();
    const health = resources.filter((d) => d.kind === 'health');
    expect(health).toHaveLength(1);
    expect(health[0]?.ttl).toBe(3600);
    proxy.failNext('unavailable', (method) => method === 'POST' || method === 'PUT', 1000);
    await expect(store.ping()).rejects.toBeInstanceOf(StorageError);
  });
});
