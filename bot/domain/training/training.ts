import { DateTime } from 'luxon';
import { z } from 'zod';
import { SERVICE_ZONE } from '../../clock';
import type { Course, CourseSession, TrainingCatalogue } from '../../content/training-catalogue';
import { sessionLabelOf } from '../../content/session-label';
import type { Logger } from '../../logger';
import { deterministicId, type RecordStore } from '../../storage/record-store';
import { TypedRecords } from '../../storage/typed-records';
import { normaliseForRules } from '../../understanding/normalise';
import { SessionPlaces, type BookingOutcome, type Offer } from './session-places';

/** How long a freed place is held for the next carer in line. */
export const OFFER_HOURS = 24;

export type TrainingRequest = 'book' | 'cancel' | 'list' | 'interest';

/** What a carer wants from a training message: deterministic, like every other classification. */
export function trainingRequestOf(text: string): TrainingRequest {
  const t = normaliseForRules(text);
  if (/\b(cancel\w*|cant make|can t make|cannot make|take me off|no longer (come|attend|make)|wont be able to)\b/.test(t)) return 'cancel';
  if (/\b(my bookings|what (courses|training|sessions)\b.{0,20}\bbooked|booked (on|onto)|am i booked)\b/.test(t)) return 'list';
  if (
    /\b(none of|no) (the )?.{0,40}\bdates\b|\bregister (my |an )?interest\b|\bexpress (an )?interest\b|\b(day|date)s? (i|we) (cant|cannot) (do|make)\b/.test(t)
  )
    return 'interest';
  return 'book';
}

export interface SessionView {
  readonly course: Course;
  readonly session: CourseSession;
  /** "Tue 3 March, 10:00–15:00, Huntingdon" */
  readonly label: string;
}

export type BookResult = BookingOutcome | 'past' | 'unknown-session';

/** "None of these dates suit me" for one course (kind `booking`, partition `interest-<course id>`). */
export const interestSchema = z.object({ courseId: z.string(), carer: z.string(), at: z.string() }).readonly();
type Interest = z.infer<typeof interestSchema>;

/** A carer's training-reminder preference (kind `booking`, partition `preferences`). */
export const reminderPreferenceSchema = z.object({ remindersOff: z.boolean() }).readonly();
type ReminderPreference = z.infer<typeof reminderPreferenceSchema>;

/** Sessions as people read them: local Europe/London times, whatever the daylight-saving offset. */
export function sessionLabel(session: CourseSession): string {
  return sessionLabelOf(session.start, session.end, session.venue);
}

/**
 * The training side of the service: finding courses, booking places, cancelling, registering interest. Stored
 * places, preferences and interest are checked on read. What is about one session or one carer (`book`, `cancel`,
 * `acceptOffer`, `placesOf`, `remindersOn`) throws STORAGE_CORRUPT_DOCUMENT for a document that does not match; what
 * goes through many (`passOnLapsedOffers`, `startingOn`, `bookingsOf`, `interestIn`) leaves it out and logs it, so
 * one bad session does not stop the reminders, offers or bookings list for every other.
 */
export class Training {
  private readonly places: SessionPlaces;
  private readonly interest: TypedRecords<Interest>;
  private readonly preferences: TypedRecords<ReminderPreference>;

  constructor(
    private readonly catalogue: TrainingCatalogue,
    records: RecordStore,
    logger?: Logger,
  ) {
    this.places = new SessionPlaces(records, logger);
    this.interest = new TypedRecords(records, 'booking', interestSchema, logger);
    this.preferences = new TypedRecords(records, 'booking', reminderPreferenceSchema, logger);
  }

  get courses(): readonly Course[] {
    return this.catalogue.courses;
  }

  /** Courses whose match words appear in the message, best first. */
  findCourses(text: string): Course[] {
    const t = ` ${normaliseForRules(text)} `;
    return this.catalogue.courses
      .map((course) => ({ course, hits: course.match.filter((m) => t.includes(` ${normaliseForRules(m)} `)).length }))
      .filter((c) => c.hits > 0)
      .sort((a, b) => b.hits - a.hits)
      .map((c) => c.course);
  }

  upcoming(course: Course, now: DateTime): SessionView[] {
    return course.sessions
      .filter((s) => DateTime.fromISO(s.start, { zone: SERVICE_ZONE }) > now)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((session) => ({ course, session, label: sessionLabel(session) }));
  }

  find(sessionId: string): SessionView | undefined {
    for (const course of this.catalogue.courses) {
      const session = course.sessions.find((s) => s.id === sessionId);
      if (session !== undefined) return { course, session, label: sessionLabel(session) };
    }
    return undefined;
  }

  async book(carer: string, sessionId: string, now: DateTime): Promise<BookResult> {
    const view = this.find(sessionId);
    if (view === undefined) return 'unknown-session';
    if (DateTime.fromISO(view.session.start, { zone: SERVICE_ZONE }) <= now) return 'past';
    return this.places.book(sessionId, carer, view.session.capacity);
  }

  /**
   * After `book` or `cancel` failed (the store gave up, perhaps after the write committed): the carer's place as it is
   * actually stored, so they are told the truth; 'unknown' when the store cannot be asked either.
   */
  async placeAfterFailure(carer: string, sessionId: string): Promise<'booked' | 'waiting' | 'none' | 'unknown'> {
    try {
      const state = await this.places.stateOf(sessionId, carer);
      // a held offer is not a booking: the carer still has to take it up
      return state === 'offered' ? 'none' : state;
    } catch {
      return 'unknown';
    }
  }

  /**
   * The places held on a session for the next carers in line. After a cancel whose answer was lost, these are announced
   * again: a notice per (session, carer, hold) goes once, so one already sent is not sent twice.
   */
  async heldOffers(sessionId: string): Promise<readonly Offer[]> {
    return this.places.offers(sessionId);
  }

  /** A freed place is held for the next carer in line for OFFER_HOURS; the offer is returned so they can be told. */
  async cancel(carer: string, sessionId: string, now: DateTime): Promise<{ cancelled: boolean; offer?: Offer }> {
    const view = this.find(sessionId);
    if (view === undefined) return { cancelled: false };
    return this.places.cancel(sessionId, carer, view.session.capacity, this.offerUntil(now, view.session));
  }

  async acceptOffer(carer: string, sessionId: string, now: DateTime): Promise<'booked' | 'expired'> {
    const view = this.find(sessionId);
    if (view === undefined) return 'expired';
    return this.places.accept(sessionId, carer, view.session.capacity, now.toUTC().toISO() ?? '');
  }

  /** Lapsed offers on upcoming sessions pass to the next in line. */
  async passOnLapsedOffers(now: DateTime): Promise<(Offer & { readonly sessionId: string })[]> {
    const made: (Offer & { sessionId: string })[] = [];
    for (const course of this.catalogue.courses) {
      for (const view of this.upcoming(course, now)) {
        const offers = await this.places.unlessCorrupt(() =>
          this.places.passOnLapsedOffers(view.session.id, view.session.capacity, now.toUTC().toISO() ?? '', this.offerUntil(now, view.session)),
        );
        made.push(...(offers ?? []).map((o) => ({ ...o, sessionId: view.session.id })));
      }
    }
    return made;
  }

  /** Carers holding a place on sessions that start on `date` (YYYY-MM-DD, London). */
  async startingOn(date: string): Promise<{ view: SessionView; carers: readonly string[] }[]> {
    const out: { view: SessionView; carers: readonly string[] }[] = [];
    for (const course of this.catalogue.courses) {
      for (const session of course.sessions.filter((s) => s.start.startsWith(date))) {
        const carers = await this.places.unlessCorrupt(() => this.places.holders(session.id));
        if (carers !== undefined) out.push({ view: { course, session, label: sessionLabel(session) }, carers });
      }
    }
    return out;
  }

  async placesOf(sessionId: string): Promise<{ booked: number; waiting: number; capacity: number } | undefined> {
    return this.places.snapshot(sessionId);
  }

  async setReminders(carer: string, on: boolean): Promise<void> {
    await this.preferences.upsert({ partitionKey: 'preferences', id: deterministicId('reminders', carer) }, { remindersOff: !on });
  }

  async remindersOn(carer: string): Promise<boolean> {
    const pref = await this.preferences.get({ partitionKey: 'preferences', id: deterministicId('reminders', carer) });
    return pref?.data.remindersOff !== true;
  }

  private offerUntil(now: DateTime, session: CourseSession): string {
    const start = DateTime.fromISO(session.start, { zone: SERVICE_ZONE });
    const until = DateTime.min(now.plus({ hours: OFFER_HOURS }), start.minus({ hours: 1 }));
    return until.toUTC().toISO() ?? '';
  }

  /** The carer's upcoming places and waiting-list entries. */
  async bookingsOf(carer: string, now: DateTime): Promise<(SessionView & { readonly waiting: boolean })[]> {
    const out: (SessionView & { waiting: boolean })[] = [];
    for (const course of this.catalogue.courses) {
      for (const view of this.upcoming(course, now)) {
        const state = await this.places.unlessCorrupt(() => this.places.stateOf(view.session.id, carer));
        if (state === 'booked' || state === 'waiting') out.push({ ...view, waiting: state === 'waiting' });
      }
    }
    return out;
  }

  /** "None of these dates suit me": recorded per course for the training team's planning. */
  async registerInterest(carer: string, courseId: string, at: string): Promise<void> {
    await this.interest.upsert({ partitionKey: `interest-${courseId}`, id: deterministicId('interest', courseId, carer) }, { courseId, carer, at });
  }

  async interestIn(courseId: string): Promise<number> {
    return (await this.interest.list({ partitionKey: `interest-${courseId}` })).length;
  }
}
