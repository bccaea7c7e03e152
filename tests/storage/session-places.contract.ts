import { DateTime } from 'luxon';
import { SERVICE_ZONE } from '../../bot/clock';
import type { InformationSession, RecruitmentContent } from '../../bot/content/recruitment-content';
import { InformationSessionPlaces } from '../../bot/domain/enquiries/information-session-places';
import type { RecordStore } from '../../bot/storage/record-store';
import { SessionPlaces } from '../../bot/domain/training/session-places';

/** An hour-long session starting at `start` (Europe/London). */
const session = (id: string, kind: InformationSession['kind'], start: string, capacity: number): InformationSession => ({
  id,
  kind,
  start,
  end: DateTime.fromISO(start, { zone: SERVICE_ZONE }).plus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"),
  where: 'Online (Microsoft Teams)',
  online: true,
  capacity,
  example: false,
});

/** Listed out of date order, with one session past, one of the other kind, and places of 1 to 3. */
const RECRUITMENT: RecruitmentContent = {
  sessions: [
    session('info-2027-03-10', 'information-session', '2027-03-10T18:30', 2),
    session('info-2027-01-13', 'information-session', '2027-01-13T18:30', 30),
    session('info-2027-02-10', 'information-session', '2027-02-10T12:30', 1),
    session('talk-2027-01-23', 'talk-to-a-carer', '2027-01-23T10:00', 8),
    session('info-2027-02-24', 'information-session', '2027-02-24T18:30', 3),
  ],
  interests: [
    { id: 'short-term', label: 'Short-term fostering', connectedPerson: false },
    { id: 'not-sure', label: 'Not sure yet', connectedPerson: false },
  ],
  heardFrom: [
    { id: 'search', label: 'An internet search' },
    { id: 'other', label: 'Somewhere else' },
  ],
};

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

  describe(`information-session places on ${name}`, () => {
    let a: RecordStore;
    let b: RecordStore;
    beforeEach(async () => {
      [a, b] = await makeStores();
    });
    afterEach(async () => {
      await a.close();
      await b.close();
    });

    it("gives the last place to exactly one of two enquirers taking it at the same moment; the other is told 'full' and nothing is written for them", async () => {
      const first = new SessionPlaces(a);
      expect(await first.take('info-1', 'enquiry-0', 2)).toBe('booked');
      const outcomes = await Promise.all([first.take('info-1', 'enquiry-1', 2), new SessionPlaces(b).take('info-1', 'enquiry-2', 2)]);
      expect([...outcomes].sort()).toEqual(['booked', 'full']);
      const winner = outcomes[0] === 'booked' ? 'enquiry-1' : 'enquiry-2';
      expect([...(await new SessionPlaces(b).holders('info-1'))].sort()).toEqual(['enquiry-0', winner]);
      expect(await first.snapshot('info-1')).toEqual({ booked: 2, waiting: 0, capacity: 2 });
      expect(await first.stateOf('info-1', winner === 'enquiry-1' ? 'enquiry-2' : 'enquiry-1')).toBe('none');
    });

    it('never oversells under a burst of concurrent takes: 12 on 5 places gives 5 booked and 7 full', async () => {
      const places = [new SessionPlaces(a), new SessionPlaces(b)];
      const holders = Array.from({ length: 12 }, (_, i) => `enquiry-${i}`);
      const outcomes = await Promise.all(holders.map((holder, i) => places[i % 2]!.take('burst', holder, 5)));
      expect(outcomes.filter((o) => o === 'booked')).toHaveLength(5);
      expect(outcomes.filter((o) => o === 'full')).toHaveLength(7);
      expect(await places[1]!.snapshot('burst')).toEqual({ booked: 5, waiting: 0, capacity: 5 });
      // those told 'booked' are exactly those holding a place
      const told = holders.filter((_, i) => outcomes[i] === 'booked').sort();
      expect([...(await places[0]!.holders('burst'))].sort()).toEqual(told);
    });

    it("answers 'already-booked' to a repeat, and a released place can be taken again", async () => {
      const places = new SessionPlaces(a);
      const other = new SessionPlaces(b);
      expect(await places.take('info-2', 'enquiry-1', 1)).toBe('booked');
      expect(await other.take('info-2', 'enquiry-1', 1)).toBe('already-booked');
      expect(await other.take('info-2', 'enquiry-2', 1)).toBe('full');
      expect(await other.release('info-2', 'enquiry-1', 1)).toBe(true);
      expect(await places.snapshot('info-2')).toEqual({ booked: 0, waiting: 0, capacity: 1 });
      expect(await places.take('info-2', 'enquiry-2', 1)).toBe('booked');
      expect(await other.holders('info-2')).toEqual(['enquiry-2']);
    });

    it("books to the session's capacity as the content gives it now, when the team enlarged or shrank it", async () => {
      const places = new SessionPlaces(a);
      expect(await places.take('info-4', 'enquiry-1', 2)).toBe('booked');
      expect(await places.take('info-4', 'enquiry-2', 2)).toBe('booked');
      expect(await places.take('info-4', 'enquiry-3', 2)).toBe('full');
      // the team made the session bigger: the place offered can be taken
      expect(await new SessionPlaces(b).take('info-4', 'enquiry-3', 3)).toBe('booked');
      // and smaller: a full session takes no one else, whatever size it once was
      expect(await places.take('info-4', 'enquiry-4', 1)).toBe('full');
      expect(await places.holders('info-4')).toEqual(['enquiry-1', 'enquiry-2', 'enquiry-3']);
    });

    it('answers false to releasing a place not held, and changes nothing', async () => {
      const places = new SessionPlaces(a);
      expect(await places.take('info-3', 'enquiry-1', 2)).toBe('booked');
      expect(await new SessionPlaces(b).release('info-3', 'enquiry-9', 2)).toBe(false);
      expect(await new SessionPlaces(b).release('never-taken', 'enquiry-1', 2)).toBe(false);
      expect(await places.holders('info-3')).toEqual(['enquiry-1']);
    });

    it('offers only upcoming sessions of the kind asked for that still have a place, soonest first, seen from the other instance', async () => {
      const now = DateTime.fromISO('2027-01-20T10:00', { zone: SERVICE_ZONE });
      const here = new InformationSessionPlaces(RECRUITMENT, a);
      const there = new InformationSessionPlaces(RECRUITMENT, b);
      expect(await here.take('info-2027-02-10', 'enquiry-1')).toBe('booked');
      expect(await there.take('info-2027-02-10', 'enquiry-2')).toBe('full');
      expect(await here.take('info-2027-02-24', 'enquiry-3')).toBe('booked');
      expect(await here.take('no-such-session', 'enquiry-4')).toBe('unknown-session');
      expect(await there.taken('info-2027-02-10')).toBe(1);
      const offers = await there.withPlaces('information-session', now);
      expect(offers.map((o) => [o.session.id, o.placesLeft])).toEqual([
        ['info-2027-02-24', 2],
        ['info-2027-03-10', 2],
      ]);
      expect((await there.withPlaces('talk-to-a-carer', now)).map((o) => o.session.id)).toEqual(['talk-2027-01-23']);
      // once its place is given back, the full session is offered again
      expect(await there.release('info-2027-02-10', 'enquiry-1')).toBe(true);
      expect((await here.withPlaces('information-session', now)).map((o) => o.session.id)).toEqual(['info-2027-02-10', 'info-2027-02-24', 'info-2027-03-10']);
    });
  });
}
