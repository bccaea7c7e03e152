import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../helpers/fixed-clock';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import { describeRecordStoreContract } from './record-store.contract';

describeRecordStoreContract('SqliteRecordStore', async (clock) => SqliteRecordStore.open(':memory:', clock));

describe('SqliteRecordStore on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fca-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps data across a restart (durable default)', async () => {
    const clock = fixedClock('2026-03-02T10:00:00Z');
    const first = SqliteRecordStore.open(dir, clock);
    await first.create({ kind: 'concern', partitionKey: 's', id: 'kept' }, { status: 'open' });
    await first.close();
    const second = SqliteRecordStore.open(dir, clock);
    expect((await second.get({ kind: 'concern', partitionKey: 's', id: 'kept' }))?.data).toEqual({ status: 'open' });
    await second.close();
  });

  it("hides and purges records once their kind's time to live has passed", async () => {
    const clock = fixedClock('2026-03-02T10:00:00Z');
    const store = SqliteRecordStore.open(dir, clock);
    await store.create({ kind: 'lease', partitionKey: 'job', id: 'l' }, { holder: 'a' }); // leases live 2 days
    clock.advance(2 * 24 * 3600 - 1);
    expect(await store.get({ kind: 'lease', partitionKey: 'job', id: 'l' })).toBeDefined();
    clock.advance(2);
    expect(await store.get({ kind: 'lease', partitionKey: 'job', id: 'l' })).toBeUndefined();
    expect(await store.purgeExpired()).toBe(1);
    // an expired id can be created again
    expect((await store.create({ kind: 'lease', partitionKey: 'job', id: 'l' }, { holder: 'b' })).created).toBe(true);
    await store.close();
  });

  it("lets two processes' handles on one file see each other's writes and conflicts", async () => {
    const clock = fixedClock('2026-03-02T10:00:00Z');
    const a = SqliteRecordStore.open(dir, clock);
    const b = SqliteRecordStore.open(dir, clock);
    const { record } = await a.create({ kind: 'concern', partitionKey: 's', id: 'shared' }, { v: 1 });
    const seenByB = await b.get({ kind: 'concern', partitionKey: 's', id: 'shared' });
    expect(seenByB?.data).toEqual({ v: 1 });
    await b.replace(seenByB!, { v: 2 });
    await expect(a.replace(record, { v: 3 })).rejects.toThrow(/changed or deleted/);
    await a.close();
    await b.close();
  });
});
