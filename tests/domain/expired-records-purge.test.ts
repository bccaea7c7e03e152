import { fixedClock } from '../helpers/fixed-clock';
import { ExpiredRecordsPurge } from '../../bot/domain/expired-records-purge';
import { Leases } from '../../bot/domain/leases';
import { createCapturingLogger } from '../helpers/capturing-logger';
import type { RecordStore } from '../../bot/storage/record-store';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';

describe('the scheduled purge of expired records', () => {
  it('runs on one instance per period, and again in the next period', async () => {
    const clock = fixedClock('2026-03-03T10:30:00Z');
    const records = SqliteRecordStore.open(':memory:', clock);
    const purge = (instanceId: string) =>
      new ExpiredRecordsPurge({ records, leases: new Leases(records), clock, instanceId, everyMinutes: 60, logger: createCapturingLogger() });
    const [a, b] = [purge('instance-a'), purge('instance-b')];
    await records.create({ kind: 'directline-activity', partitionKey: 'c', id: '1' }, { text: 'x' });
    clock.advance(24 * 3600 + 60);
    let purged = 0;
    const spy = jest.spyOn(records, 'purgeExpired');
    purged += await a.runOnce();
    purged += await b.runOnce();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(purged).toBe(1);
    clock.advance(3600);
    await b.runOnce();
    expect(spy).toHaveBeenCalledTimes(2);
    await records.close();
  });

  it('does nothing, and takes no lease, on a store that expires records itself (Cosmos DB)', async () => {
    const clock = fixedClock('2026-03-03T10:30:00Z');
    const sqlite = SqliteRecordStore.open(':memory:', clock);
    const selfExpiring: RecordStore = Object.assign(Object.create(sqlite) as RecordStore, { purgeExpired: undefined });
    const purge = new ExpiredRecordsPurge({
      records: selfExpiring,
      leases: new Leases(selfExpiring),
      clock,
      instanceId: 'a',
      everyMinutes: 60,
      logger: createCapturingLogger(),
    });
    expect(await purge.runOnce()).toBe(0);
    expect(await sqlite.list('lease')).toEqual([]);
    await sqlite.close();
  });
});
