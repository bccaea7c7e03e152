import { fixedClock } from '../helpers/fixed-clock';
import { ConflictError } from '../../bot/errors';
import type { RecordKey, RecordStore } from '../../bot/storage/record-store';
import { BotStateStorage } from '../../bot/storage/bot-state-storage';

type Factory = (clock: ReturnType<typeof fixedClock>) => Promise<RecordStore>;

const concernKey = (id: string, partitionKey = 'service-1'): RecordKey => ({ kind: 'concern', partitionKey, id });

/** One contract, run against every RecordStore implementation, with no per-implementation branches. */
export function describeRecordStoreContract(name: string, makeStore: Factory): void {
  describe(`${name} satisfies the RecordStore contract`, () => {
    let store: RecordStore;
    let clock: ReturnType<typeof fixedClock>;

    beforeEach(async () => {
      clock = fixedClock('2026-03-02T10:00:00Z');
      store = await makeStore(clock);
    });

    afterEach(async () => {
      await store.close();
    });

    it('returns undefined for an unknown id', async () => {
      expect(await store.get(concernKey('no-such-id'))).toBeUndefined();
    });

    it('creates a record and reads it back with an etag and UTC timestamps', async () => {
      const result = await store.create(concernKey('c1'), { status: 'open', reason: 'money' });
      expect(result.created).toBe(true);
      const read = await store.get<{ status: string }>(concernKey('c1'));
      expect(read).toMatchObject({ kind: 'concern', partitionKey: 'service-1', id: 'c1', data: { status: 'open', reason: 'money' } });
      expect(read?.etag).toEqual(result.record.etag);
      expect(read?.etag.length).toBeGreaterThan(0);
      expect(read?.createdAt).toBe('2026-03-02T10:00:00.000Z');
    });

    it('reports a second create of the same id without overwriting it', async () => {
      await store.create(concernKey('dup'), { status: 'open', version: 1 });
      const second = await store.create(concernKey('dup'), { status: 'open', version: 2 });
      expect(second.created).toBe(false);
      expect(second.record.data).toEqual({ status: 'open', version: 1 });
      expect((await store.get(concernKey('dup')))?.data).toEqual({ status: 'open', version: 1 });
    });

    it('keeps the same id in different partitions apart', async () => {
      await store.create(concernKey('same', 'service-1'), { n: 1 });
      await store.create(concernKey('same', 'service-2'), { n: 2 });
      expect((await store.get(concernKey('same', 'service-1')))?.data).toEqual({ n: 1 });
      expect((await store.get(concernKey('same', 'service-2')))?.data).toEqual({ n: 2 });
    });

    it('replaces with the current etag and issues a new one', async () => {
      const { record } = await store.create(concernKey('r1'), { status: 'open' });
      const replaced = await store.replace(record, { status: 'closed' });
      expect(replaced.etag).not.toEqual(record.etag);
      expect((await store.get(concernKey('r1')))?.data).toEqual({ status: 'closed' });
    });

    it('rejects a replace made from a stale read with a ConflictError (no lost update)', async () => {
      const { record } = await store.create(concernKey('r2'), { status: 'open' });
      await store.replace(record, { status: 'acknowledged' });
      await expect(store.replace(record, { status: 'closed' })).rejects.toBeInstanceOf(ConflictError);
      expect((await store.get(concernKey('r2')))?.data).toEqual({ status: 'acknowledged' });
    });

    it('lets exactly one of two concurrent replaces from the same read win', async () => {
      const { record } = await store.create(concernKey('race'), { owner: 'nobody' });
      const outcomes = await Promise.allSettled([store.replace(record, { owner: 'manager-a' }), store.replace(record, { owner: 'manager-b' })]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.reason).toBeInstanceOf(ConflictError);
    });

    it('rejects a replace of a record deleted since it was read', async () => {
      const { record } = await store.create(concernKey('gone'), { status: 'open' });
      expect(await store.delete(concernKey('gone'))).toBe(true);
      await expect(store.replace(record, { status: 'closed' })).rejects.toBeInstanceOf(ConflictError);
      expect(await store.get(concernKey('gone'))).toBeUndefined();
    });

    it('upserts unconditionally', async () => {
      await store.upsert(concernKey('u1'), { v: 1 });
      await store.upsert(concernKey('u1'), { v: 2 });
      expect((await store.get(concernKey('u1')))?.data).toEqual({ v: 2 });
    });

    it('deletes, reports a missing record as nothing deleted, and honours an etag', async () => {
      const { record } = await store.create(concernKey('d1'), { v: 1 });
      await store.replace(record, { v: 2 });
      await expect(store.delete(concernKey('d1'), record.etag)).rejects.toBeInstanceOf(ConflictError);
      expect(await store.delete(concernKey('d1'))).toBe(true);
      expect(await store.delete(concernKey('d1'))).toBe(false);
    });

    it('lists by kind, partition and field equality, oldest first', async () => {
      await store.create(concernKey('l1'), { status: 'open', urgent: true, score: 3 });
      clock.advance(60);
      await store.create(concernKey('l2'), { status: 'closed', urgent: false, score: 3 });
      clock.advance(60);
      await store.create(concernKey('l3', 'service-2'), { status: 'open', urgent: true, score: 1 });
      await store.create({ kind: 'feedback', partitionKey: 'service-1', id: 'f1' }, { status: 'open' });

      const open = await store.list('concern', { where: { status: 'open' } });
      expect(open.map((r) => r.id)).toEqual(['l1', 'l3']);
      const inService = await store.list('concern', { partitionKey: 'service-1' });
      expect(inService.map((r) => r.id)).toEqual(['l1', 'l2']);
      const urgentScored = await store.list('concern', { where: { urgent: true, score: 3 } });
      expect(urgentScored.map((r) => r.id)).toEqual(['l1']);
      const recent = await store.list('concern', { createdSince: '2026-03-02T10:01:00.000Z' });
      expect(recent.map((r) => r.id)).toEqual(['l2', 'l3']);
      expect(await store.list('concern', { limit: 1 })).toHaveLength(1);
    });

    it('treats a query value as data, never as query text (COS-12)', async () => {
      await store.create(concernKey('q1'), { status: 'open' });
      expect(await store.list('concern', { where: { status: "open' OR 1=1 --" } })).toEqual([]);
      await expect(store.list('concern', { where: { 'status = status OR 1': 'x' } })).rejects.toThrow(/query field/);
    });

    it('refuses ids that could not be stored on every backend', async () => {
      await expect(store.create(concernKey('has/slash'), {})).rejects.toThrow(/record id/);
      await expect(store.create(concernKey('x'.repeat(201)), {})).rejects.toThrow(/record id/);
    });

    describe('bot state on top of it (botbuilder Storage semantics, COS-8)', () => {
      let state: BotStateStorage;
      beforeEach(() => {
        state = new BotStateStorage(store);
      });

      it('returns nothing for an unknown key', async () => {
        expect(await state.read(['unknown'])).toEqual({});
      });

      it('round-trips a 300-character key and keys with / ? # \\ *', async () => {
        const keys = ['k'.repeat(300), 'msteams/conversations/a:1?x=#y\\z*w', '!@#$%^&*()~/\\><,.?\';"`~'];
        for (const [index, key] of keys.entries()) {
          await state.write({ [key]: { index, nested: { list: [1, 2] } } });
        }
        const read = await state.read(keys);
        keys.forEach((key, index) => expect(read[key]).toMatchObject({ index, nested: { list: [1, 2] } }));
      });

      it('rejects a write with a stale eTag and lets "*" overwrite', async () => {
        await state.write({ key: { v: 1 } });
        const first = (await state.read(['key'])).key as { eTag: string };
        await state.write({ key: { v: 2, eTag: first.eTag } });
        await expect(state.write({ key: { v: 3, eTag: first.eTag } })).rejects.toBeInstanceOf(ConflictError);
        await state.write({ key: { v: 4, eTag: '*' } });
        expect((await state.read(['key'])).key).toMatchObject({ v: 4 });
      });

      it('deletes, and deleting an unknown key is not an error', async () => {
        await state.write({ key: { v: 1 } });
        await state.delete(['key', 'never-written']);
        expect(await state.read(['key'])).toEqual({});
      });
    });
  });
}
