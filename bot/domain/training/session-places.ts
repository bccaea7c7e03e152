import { z } from 'zod';
import { ConflictError, StorageError } from '../../errors';
import type { Logger } from '../../logger';
import type { RecordStore, StoredRecord } from '../../storage/record-store';
import { CorruptDocumentError, TypedRecords } from '../../storage/typed-records';

export const offerSchema = z
  .object({
    carer: z.string(),
    /** UTC ISO instant the held place is released. */
    until: z.string(),
  })
  .readonly();
export type Offer = z.infer<typeof offerSchema>;

/** Who holds a place on one training session, and who is waiting. One record per session, changed only with ETags. */
export const placesSchema = z
  .object({
    capacity: z.number(),
    booked: z.array(z.string()).readonly(),
    waiting: z.array(z.string()).readonly(),
    /** Places freed by a cancellation and held for the next carer in line until they accept or the offer lapses. */
    offers: z.array(offerSchema).readonly().optional(),
  })
  .readonly();
type Places = z.infer<typeof placesSchema>;

const taken = (places: Places) => places.booked.length + (places.offers ?? []).length;

export type BookingOutcome = 'booked' | 'already-booked' | 'waiting-list' | 'already-waiting';

const MAX_ATTEMPTS = 20;
const CONFLICT_PAUSE_BASE_MS = 10;
const CONFLICT_PAUSE_MAX_MS = 200;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Places on training sessions. Every change is a replace with the ETag of the version read, so two carers racing for
 * the last place cannot both get it, on either store and across instances (COS-6); the loser is re-read and told
 * the truth (waiting list). A stored session that does not match `placesSchema` throws STORAGE_CORRUPT_DOCUMENT on
 * every read, so no booking is decided on a wrong shape.
 */
export class SessionPlaces {
  private readonly records: TypedRecords<Places>;

  constructor(records: RecordStore, logger?: Logger) {
    this.records = new TypedRecords(records, 'booking', placesSchema, logger);
  }

  async book(sessionId: string, carer: string, capacity: number): Promise<BookingOutcome> {
    // what this call has tried to write: a write that lost a race may still be the one that committed (its answer
    // lost, then overwritten by the next carer's change), so finding the carer there afterwards is this call's doing
    let tried: 'booked' | 'waiting-list' | undefined;
    return this.change(sessionId, capacity, (places) => {
      if (places.booked.includes(carer)) return { outcome: tried === 'booked' ? 'booked' : 'already-booked' };
      if (places.waiting.includes(carer)) return { outcome: tried === 'waiting-list' ? 'waiting-list' : 'already-waiting' };
      tried = (places.offers ?? []).some((o) => o.carer === carer) || taken(places) < places.capacity ? 'booked' : 'waiting-list';
      if ((places.offers ?? []).some((o) => o.carer === carer))
        return { outcome: 'booked', next: { ...places, booked: [...places.booked, carer], offers: (places.offers ?? []).filter((o) => o.carer !== carer) } };
      if (taken(places) < places.capacity) return { outcome: 'booked', next: { ...places, booked: [...places.booked, carer] } };
      return { outcome: 'waiting-list', next: { ...places, waiting: [...places.waiting, carer] } };
    });
  }

  /** A place when one is free, else 'full' and nothing written: no waiting list (information sessions offer the next date). */
  async take(sessionId: string, holder: string, capacity: number): Promise<'booked' | 'already-booked' | 'full'> {
    let tried = false;
    return this.change(sessionId, capacity, (places) => {
      // a write that lost its answer may have committed: finding the holder after our own attempt is our booking
      if (places.booked.includes(holder)) return { outcome: tried ? 'booked' : 'already-booked' };
      if (taken(places) >= places.capacity) return { outcome: 'full' };
      tried = true;
      return { outcome: 'booked', next: { ...places, booked: [...places.booked, holder] } };
    });
  }

  /** Gives a taken place back (no one is waiting to be offered it). */
  async release(sessionId: string, holder: string, capacity: number): Promise<boolean> {
    const outcome = await this.change(sessionId, capacity, (places) =>
      places.booked.includes(holder)
        ? { outcome: 'released' as const, next: { ...places, booked: places.booked.filter((h) => h !== holder) } }
        : { outcome: 'not-held' as const },
    );
    return outcome === 'released';
  }

  /**
   * Frees the carer's place (or waiting-list entry). A freed place is held for the next carer in line until
   * `offerUntil`; the offer is returned so they can be told.
   */
  async cancel(sessionId: string, carer: string, capacity: number, offerUntil: string): Promise<{ cancelled: boolean; offer?: Offer }> {
    let offer: Offer | undefined;
    const outcome = await this.change(sessionId, capacity, (places) => {
      offer = undefined;
      if (!places.booked.includes(carer) && !places.waiting.includes(carer)) return { outcome: 'not-booked' as const };
      const remaining = { ...places, booked: places.booked.filter((c) => c !== carer), waiting: places.waiting.filter((c) => c !== carer) };
      const next = places.booked.includes(carer) ? remaining.waiting[0] : undefined;
      if (next === undefined) return { outcome: 'cancelled' as const, next: remaining };
      offer = { carer: next, until: offerUntil };
      return { outcome: 'cancelled' as const, next: { ...remaining, waiting: remaining.waiting.slice(1), offers: [...(remaining.offers ?? []), offer] } };
    });
    return { cancelled: outcome === 'cancelled', offer };
  }

  /** Takes up a held place. 'expired' when the offer lapsed (the place went to the next in line). */
  async accept(sessionId: string, carer: string, capacity: number, nowIso: string): Promise<'booked' | 'expired'> {
    return this.change(sessionId, capacity, (places) => {
      const offer = (places.offers ?? []).find((o) => o.carer === carer);
      if (offer === undefined || offer.until < nowIso) return { outcome: 'expired' as const };
      return {
        outcome: 'booked' as const,
        next: { ...places, booked: [...places.booked, carer], offers: (places.offers ?? []).filter((o) => o.carer !== carer) },
      };
    });
  }

  /** Lapsed offers pass to the next carer in line; returns the new offers made. */
  async passOnLapsedOffers(sessionId: string, capacity: number, nowIso: string, offerUntil: string): Promise<Offer[]> {
    let made: Offer[] = [];
    await this.change(sessionId, capacity, (places) => {
      made = [];
      const lapsed = (places.offers ?? []).filter((o) => o.until < nowIso);
      if (lapsed.length === 0) return { outcome: 'unchanged' as const };
      const live = (places.offers ?? []).filter((o) => o.until >= nowIso);
      made = places.waiting.slice(0, lapsed.length).map((c) => ({ carer: c, until: offerUntil }));
      return { outcome: 'passed' as const, next: { ...places, waiting: places.waiting.slice(made.length), offers: [...live, ...made] } };
    });
    return made;
  }

  /** Places held for carers further down the list, until they take them up or the hold lapses. */
  async offers(sessionId: string): Promise<readonly Offer[]> {
    return (await this.records.get(this.key(sessionId)))?.data.offers ?? [];
  }

  async holders(sessionId: string): Promise<readonly string[]> {
    return (await this.records.get(this.key(sessionId)))?.data.booked ?? [];
  }

  async stateOf(sessionId: string, carer: string): Promise<'booked' | 'offered' | 'waiting' | 'none'> {
    const record = await this.records.get(this.key(sessionId));
    if (record?.data.booked.includes(carer) === true) return 'booked';
    if (record?.data.offers?.some((o) => o.carer === carer) === true) return 'offered';
    return record?.data.waiting.includes(carer) === true ? 'waiting' : 'none';
  }

  async snapshot(sessionId: string): Promise<{ booked: number; waiting: number; capacity: number } | undefined> {
    const record = await this.records.get(this.key(sessionId));
    return record === undefined ? undefined : { booked: taken(record.data), waiting: record.data.waiting.length, capacity: record.data.capacity };
  }

  /**
   * For callers going through many sessions (a job, a carer's bookings): runs `read`, and when the session's stored
   * places do not match the schema (logged where it was read) resolves `undefined`, so the other sessions go on.
   */
  async unlessCorrupt<R>(read: () => Promise<R>): Promise<R | undefined> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof CorruptDocumentError)) throw error;
      return undefined;
    }
  }

  private async change<O extends string>(sessionId: string, capacity: number, decide: (places: Places) => { outcome: O; next?: Places }): Promise<O> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.current(sessionId, capacity);
      // the capacity is the content's as it is now: a session the team enlarged (or shrank) is booked to its new size
      const { outcome, next } = decide({ ...current.data, capacity });
      if (next === undefined) return outcome;
      try {
        await this.records.replace(current, next);
        return outcome;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        // someone else changed the session first: read it again and decide again, after a jittered pause so that
        // many carers racing for one session do not all re-read and collide again in step
        await pause(Math.random() * Math.min(CONFLICT_PAUSE_MAX_MS, CONFLICT_PAUSE_BASE_MS * 2 ** attempt));
      }
    }
    throw new StorageError(`session ${sessionId}: too many concurrent changes`);
  }

  private async current(sessionId: string, capacity: number): Promise<StoredRecord<Places>> {
    const existing = await this.records.get(this.key(sessionId));
    if (existing !== undefined) return existing;
    return (await this.records.create(this.key(sessionId), { capacity, booked: [], waiting: [] })).record;
  }

  private key(sessionId: string) {
    return { partitionKey: sessionId, id: 'places' };
  }
}
