import type { DateTime } from 'luxon';
import {
  informationSessionLabel,
  upcomingSessions,
  type InformationSession,
  type RecruitmentContent,
  type SessionKind,
} from '../../content/recruitment-content';
import type { Logger } from '../../logger';
import type { RecordStore } from '../../storage/record-store';
import { SessionPlaces } from '../training/session-places';

export interface SessionOffer {
  readonly session: InformationSession;
  readonly label: string;
  readonly placesLeft: number;
}

/**
 * Places on information sessions and "talk to a foster carer" drop-ins, held by enquiry id. The same ETag-checked
 * places as training sessions (bot/domain/training/session-places.ts), so a session is never oversold, on either
 * store and across instances; a full session has no waiting list: the enquirer is offered the next one or a call back.
 */
export class InformationSessionPlaces {
  private readonly places: SessionPlaces;

  constructor(
    private readonly content: RecruitmentContent,
    records: RecordStore,
    logger?: Logger,
  ) {
    this.places = new SessionPlaces(records, logger);
  }

  find(sessionId: string): InformationSession | undefined {
    return this.content.sessions.find((s) => s.id === sessionId);
  }

  /** Upcoming sessions of a kind that still have a place, soonest first. */
  async withPlaces(kind: SessionKind, now: DateTime): Promise<SessionOffer[]> {
    const out: SessionOffer[] = [];
    for (const session of upcomingSessions(this.content, kind, now)) {
      // a session whose stored places cannot be read is left out (logged where read), not shown as empty
      const booked = await this.places.unlessCorrupt(async () => (await this.places.snapshot(session.id))?.booked ?? 0);
      if (booked === undefined) continue;
      const placesLeft = session.capacity - booked;
      if (placesLeft > 0) out.push({ session, label: informationSessionLabel(session), placesLeft });
    }
    return out;
  }

  async take(sessionId: string, enquiryId: string): Promise<'booked' | 'already-booked' | 'full' | 'unknown-session'> {
    const session = this.find(sessionId);
    if (session === undefined) return 'unknown-session';
    return this.places.take(sessionId, enquiryId, session.capacity);
  }

  async release(sessionId: string, enquiryId: string): Promise<boolean> {
    const session = this.find(sessionId);
    return session === undefined ? false : this.places.release(sessionId, enquiryId, session.capacity);
  }

  /** How many places are taken on a session. */
  async taken(sessionId: string): Promise<number> {
    return (await this.places.holders(sessionId)).length;
  }
}
