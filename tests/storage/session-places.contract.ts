import type { RecordStore } from '../../bot/storage/record-store';
import { SessionPlaces } from '../../bot/domain/training/session-places';

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

    it('refuses a second booking, and holds a cancelled place for the next carer in line until the offer lapses', async () => {
      const places = new SessionPlaces(a);
      expect(await places.book('s2', 'carer-1', 1)).toBe('booked');
      expect(await places.book('s2', 'carer-1', 1)).toBe('already-booked');
      expect(await places.book('s2', 'carer-2', 1)).toBe('waiting-list');
      expect(await places.book('s2', 'carer-3', 1)).toBe('waiting-list');
      const until = '2027-03-01T12:00:00.000Z';
      expect(await places.cancel('s2', 'carer-1', 1, until)).toEqual({ cancelled: true, offer: { carer: 'carer-2', until } });
      expect(await places.cancel('s2', 'carer-1', 1, until)).toEqual({ cancelled: false, offer: undefined });
      // the held place is not up for grabs
      expect(await places.book('s2', 'carer-4', 1)).toBe('waiting-list');
      // carer-2 lets it lapse: it passes to carer-3, who accepts in time
      expect(await places.accept('s2', 'carer-2', 1, '2027-03-01T13:00:00.000Z')).toBe('expired');
      expect(await places.passOnLapsedOffers('s2', 1, '2027-03-01T13:00:00.000Z', '2027-03-02T13:00:00.000Z')).toEqual([
        { carer: 'carer-3', until: '2027-03-02T13:00:00.000Z' },
      ]);
      expect(await places.accept('s2', 'carer-3', 1, '2027-03-02T09:00:00.000Z')).toBe('booked');
      expect(await places.stateOf('s2', 'carer-3')).toBe('booked');
      expect(await places.snapshot('s2')).toEqual({ booked: 1, waiting: 1, capacity: 1 });
    });
  });
}
