import { ConflictError, StorageError } from '../errors';
import type { RecordStore, StoredRecord } from '../storage/record-store';

/** Who holds a place on one training session, and who is waiting. One record per session, changed only with ETags. */
interface Places {
  readonly capacity: number;
  readonly booked: readonly string[];
  readonly waiting: readonly string[];
}

export type BookingOutcome = 'booked' | 'already-booked' | 'waiting-list' | 'already-waiting';

const MAX_ATTEMPTS = 20;

/**
 * Places on training sessions. Every change is a replace with the ETag of the version read, so two carers racing for
 * the last place cannot both get it, on either store and across instances (COS-6); the loser is re-read and told
 * the truth (waiting list).
 */
export class SessionPlaces {
  constructor(private readonly records: RecordStore) {}

  async book(sessionId: string, carer: string, capacity: number): Promise<BookingOutcome> {
    return this.change(sessionId, capacity, (places) => {
      if (places.booked.includes(carer)) return { outcome: 'already-booked' };
      if (places.waiting.includes(carer)) return { outcome: 'already-waiting' };
      if (places.booked.length < places.capacity) return { outcome: 'booked', next: { ...places, booked: [...places.booked, carer] } };
      return { outcome: 'waiting-list', next: { ...places, waiting: [...places.waiting, carer] } };
    });
  }

  /** Frees the carer's place (or waiting-list entry). Returns who is next on the waiting list, to be offered it. */
  async cancel(sessionId: string, carer: string, capacity: number): Promise<{ cancelled: boolean; nextInLine?: string }> {
    let nextInLine: string | undefined;
    const outcome = await this.change(sessionId, capacity, (places) => {
      if (!places.booked.includes(carer) && !places.waiting.includes(carer)) return { outcome: 'not-booked' as const };
      const wasBooked = places.booked.includes(carer);
      nextInLine = wasBooked ? places.waiting[0] : undefined;
      return { outcome: 'cancelled' as const, next: { ...places, booked: places.booked.filter((c) => c !== carer), waiting: places.waiting.filter((c) => c !== carer) } };
    });
    return { cancelled: outcome === 'cancelled', nextInLine };
  }

  async stateOf(sessionId: string, carer: string): Promise<'booked' | 'waiting' | 'none'> {
    const record = await this.records.get<Places>(this.key(sessionId));
    if (record?.data.booked.includes(carer) === true) return 'booked';
    return record?.data.waiting.includes(carer) === true ? 'waiting' : 'none';
  }

  async snapshot(sessionId: string): Promise<{ booked: number; waiting: number; capacity: number } | undefined> {
    const record = await this.records.get<Places>(this.key(sessionId));
    return record === undefined ? undefined : { booked: record.data.booked.length, waiting: record.data.waiting.length, capacity: record.data.capacity };
  }

  private async change<O extends string>(
    sessionId: string,
    capacity: number,
    decide: (places: Places) => { outcome: O; next?: Places },
  ): Promise<O> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.current(sessionId, capacity);
      const { outcome, next } = decide(current.data);
      if (next === undefined) return outcome;
      try {
        await this.records.replace(current, next);
        return outcome;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        // someone else changed the session first: read it again and decide again
      }
    }
    throw new StorageError(`session ${sessionId}: too many concurrent changes`);
  }

  private async current(sessionId: string, capacity: number): Promise<StoredRecord<Places>> {
    const existing = await this.records.get<Places>(this.key(sessionId));
    if (existing !== undefined) return existing;
    return (await this.records.create<Places>(this.key(sessionId), { capacity, booked: [], waiting: [] })).record;
  }

  private key(sessionId: string) {
    return { kind: 'booking' as const, partitionKey: sessionId, id: 'places' };
  }
}
