import type { RecordStore } from '../../bot/storage/record-store';
import { SessionPlaces } from '../../bot/domain/session-places';

/** Capacity can never be oversold (COS-6): run against every store, and against two handles on one store. */
export function describeSessionPlaces(name: string, makeStores: () => Promise<[RecordStore, RecordStore]>): void {
  describe(`training places on ${name}`, () => {
    let a: RecordStore;
    let b: RecordStore;
    beforeEach(async () => {
      [a, b] = await makeStores();
    });
    afterEach(async () => {
      await a.close();
      await b.close();
    });

    it('gives the last place to exactly one of two carers booking at the same moment; the other goes on the waiting list', async () => {
      const first = new SessionPlaces(a);
      await first.book('s1', 'carer-0', 2);
      const outcomes = await Promise.all([first.book('s1', 'carer-1', 2), new SessionPlaces(b).book('s1', 'carer-2', 2)]);
      expect(outcomes.sort()).toEqual(['booked', 'waiting-list']);
      expect(await first.snapshot('s1')).toEqual({ booked: 2, waiting: 1, capacity: 2 });
    });

    it('never oversells under a burst of concurrent bookings', async () => {
      const places = [new SessionPlaces(a), new SessionPlaces(b)];
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => places[i % 2]!.book('burst', `carer-${i}`, 5)));
      expect(outcomes.filter((o) => o === 'booked')).toHaveLength(5);
      expect(outcomes.filter((o) => o === 'waiting-list')).toHaveLength(7);
      expect(await places[0]!.snapshot('burst')).toEqual({ booked: 5, waiting: 7, capacity: 5 });
    });

    it('refuses a second booking by the same carer and frees the place on cancel, naming who is next in line', async () => {
      const places = new SessionPlaces(a);
      expect(await places.book('s2', 'carer-1', 1)).toBe('booked');
      expect(await places.book('s2', 'carer-1', 1)).toBe('already-booked');
      expect(await places.book('s2', 'carer-2', 1)).toBe('waiting-list');
      expect(await places.cancel('s2', 'carer-1', 1)).toEqual({ cancelled: true, nextInLine: 'carer-2' });
      expect(await places.cancel('s2', 'carer-1', 1)).toEqual({ cancelled: false, nextInLine: undefined });
    });
  });
}
