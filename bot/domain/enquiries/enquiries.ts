import type { DateTime } from 'luxon';
import { z } from 'zod';
import { ConflictError } from '../../errors';
import type { Logger } from '../../logger';
import type { RecordStore, StoredRecord } from '../../storage/record-store';
import { TypedRecords, type SchemaMatches } from '../../storage/typed-records';
import { addWorkingDays } from '../working-days';
import { referenceFor } from '../references';
import { withoutUndefined } from '../without-undefined';

/** What the enquirer asked for first: the three things the public page offers. */
export const ENQUIRY_WANTS = ['call-back', 'information-session', 'talk-to-a-carer'] as const;
export type EnquiryWant = (typeof ENQUIRY_WANTS)[number];

/**
 * The recruitment funnel, in order (the council's recruitment table: enquiry → initial visit → application →
 * Skills to Foster → Form F assessment → approved). `closed` sits outside it: a closed enquiry keeps the furthest
 * stage it reached, so the funnel still counts it there.
 */
export const FUNNEL_STAGES = ['enquiry', 'contacted', 'initial-visit', 'application', 'skills-to-foster', 'assessment', 'approved'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** How a contact attempt went; only `spoke` and `left-message` count as the first contact made. */
export const CONTACT_OUTCOMES = ['spoke', 'left-message', 'no-reply', 'wrong-details'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Why an officer closed an enquiry; `approved` is set by the approval itself, never chosen. */
export const CLOSE_REASONS = ['not-suitable-now', 'went-to-an-agency', 'no-reply-after-3-attempts', 'withdrew', 'approved'] as const;
export const CHOSEN_CLOSE_REASONS = ['not-suitable-now', 'went-to-an-agency', 'no-reply-after-3-attempts', 'withdrew'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const BEST_TIMES = ['weekday-daytime', 'weekday-evening', 'weekend', 'any-time'] as const;
export type BestTime = (typeof BEST_TIMES)[number];

export const AGE_GROUPS = ['under-5', '5-to-10', '11-and-over', 'brothers-and-sisters', 'not-sure'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** What a recruitment officer can do to an enquiry (each a card button); `refresh` only shows it again. */
export const ENQUIRY_VERBS = [
  'refresh',
  'assign-to-me',
  'contacted',
  'initial-visit',
  'application',
  'skills-to-foster',
  'assessment',
  'approved',
  'session-attended',
  'close',
  /** Erasure on the enquirer's request (by phone, say): the desk deletes the record, it is not an update. */
  'erase',
] as const;
export type EnquiryVerb = (typeof ENQUIRY_VERBS)[number];

/** The stage each stage verb records. */
export const STAGE_OF_VERB: Readonly<Partial<Record<EnquiryVerb, FunnelStage>>> = {
  'initial-visit': 'initial-visit',
  application: 'application',
  'skills-to-foster': 'skills-to-foster',
  assessment: 'assessment',
  approved: 'approved',
};

export const enquirySchema = z.object({
  reference: z.string(),
  wants: z.enum(ENQUIRY_WANTS),
  /** One-way key of the enquirer's web user (never shown): "what's happening with my enquiry?" on the same browser. */
  enquirerKey: z.string(),
  channel: z.string(),
  firstName: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
  /** One of the service's areas, or a postcode district ("PE29"): never a full address. */
  area: z.string(),
  bestTime: z.enum(BEST_TIMES),
  /** A type-of-fostering id from content/recruitment.yaml, or "not-sure". */
  interest: z.string(),
  ages: z.enum(AGE_GROUPS),
  connectedPerson: z.boolean(),
  /** Their question for the team, with personal details masked. */
  question: z.string().optional(),
  /** A heard-from id from content/recruitment.yaml. */
  heardFrom: z.string(),
  /** The information session they hold a place on. */
  sessionId: z.string().optional(),
  sessionAttended: z.boolean().optional(),
  raisedAt: z.string(),
  /** YYYY-MM-DD (Europe/London): first contact is due by then. */
  contactBy: z.string(),
  stage: z.enum(FUNNEL_STAGES),
  /** When each stage was reached (UTC ISO). */
  reached: z.partialRecord(z.enum(FUNNEL_STAGES), z.string()),
  assignedTo: z.string().optional(),
  /** Contact attempts made so far, whatever their outcome. */
  attempts: z.number().int().min(0),
  lastContactOutcome: z.enum(CONTACT_OUTCOMES).optional(),
  closed: z.object({ reason: z.enum(CLOSE_REASONS), at: z.string() }).optional(),
  lastAnnounced: z.string().optional(),
  teamCardId: z.string().optional(),
  history: z.array(z.object({ at: z.string(), by: z.string(), action: z.string() })).readonly(),
});

export type Enquiry = z.infer<typeof enquirySchema>;
true satisfies SchemaMatches<typeof enquirySchema, Enquiry>;

export type NewEnquiry = Omit<Enquiry, 'reference' | 'contactBy' | 'stage' | 'reached' | 'attempts' | 'history'>;

export type OfficerAction =
  | { readonly verb: 'assign-to-me' }
  | { readonly verb: 'contacted'; readonly outcome: ContactOutcome }
  | { readonly verb: 'initial-visit' | 'application' | 'skills-to-foster' | 'assessment' | 'approved' }
  | { readonly verb: 'session-attended' }
  | { readonly verb: 'close'; readonly reason: (typeof CHOSEN_CLOSE_REASONS)[number] };

export type EnquiryActionResult =
  | { readonly applied: true; readonly enquiry: StoredRecord<Enquiry> }
  /** Someone else changed it first, or it is closed: nothing was written; here is the current state. */
  | { readonly applied: false; readonly enquiry: StoredRecord<Enquiry>; readonly reason: 'changed' | 'closed' }
  | { readonly applied: false; readonly reason: 'not-found' };

/** First contact is made once someone has spoken to the enquirer or left them a message. */
export const firstContactMade = (enquiry: Enquiry): boolean => enquiry.reached.contacted !== undefined;

/**
 * Enquiries from prospective carers (kind `enquiry`, partition the service id): created once per originating
 * activity, changed only with ETags, checked against `enquirySchema` on every read.
 */
export class Enquiries {
  private readonly records: TypedRecords<Enquiry>;

  constructor(
    records: RecordStore,
    private readonly serviceId: string,
    private readonly options: { readonly contactWithinWorkingDays: number; readonly bankHolidays: readonly string[] },
    logger?: Logger,
  ) {
    this.records = new TypedRecords(records, 'enquiry', enquirySchema, logger);
  }

  /** `id` comes from the activity that completed the enquiry, so a redelivery creates nothing new. */
  async raise(id: string, enquiry: NewEnquiry, now: DateTime): Promise<{ record: StoredRecord<Enquiry>; created: boolean }> {
    const full: Enquiry = {
      ...enquiry,
      reference: referenceFor('EQ', id),
      contactBy: addWorkingDays(now, this.options.contactWithinWorkingDays, this.options.bankHolidays),
      stage: 'enquiry',
      reached: { enquiry: enquiry.raisedAt },
      attempts: 0,
      history: [{ at: enquiry.raisedAt, by: 'enquirer', action: 'raised' }],
    };
    const result = await this.records.create(this.key(id), withoutUndefined(full));
    return { record: result.record, created: result.created };
  }

  async get(id: string): Promise<StoredRecord<Enquiry> | undefined> {
    return this.records.get(this.key(id));
  }

  /** Every enquiry still kept (closed ones until their retention ends), oldest first. */
  async all(): Promise<StoredRecord<Enquiry>[]> {
    return this.records.list({ partitionKey: this.serviceId });
  }

  async open(): Promise<StoredRecord<Enquiry>[]> {
    return (await this.all()).filter((e) => e.data.closed === undefined);
  }

  /** The enquiries made from one web user (the same browser), newest first. */
  async ofEnquirer(enquirerKey: string): Promise<StoredRecord<Enquiry>[]> {
    const mine = await this.records.list({ partitionKey: this.serviceId, where: { enquirerKey } });
    return mine.reverse();
  }

  /** Open enquiries whose first contact is past its date. */
  overdue(enquiries: readonly StoredRecord<Enquiry>[], today: string): StoredRecord<Enquiry>[] {
    return enquiries.filter((e) => e.data.closed === undefined && !firstContactMade(e.data) && e.data.contactBy < today);
  }

  /** Applies an officer's action to the version they saw (`etag`); a stale version is refused with the current state. */
  async act(id: string, etag: string, action: OfficerAction, by: string, nowIso: string): Promise<EnquiryActionResult> {
    const current = await this.get(id);
    if (current === undefined) return { applied: false, reason: 'not-found' };
    if (current.etag !== etag) return { applied: false, enquiry: current, reason: 'changed' };
    if (current.data.closed !== undefined) return { applied: false, enquiry: current, reason: 'closed' };
    try {
      return { applied: true, enquiry: await this.records.replace(current, withoutUndefined(apply(current.data, action, by, nowIso))) };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const latest = await this.get(id);
      return latest === undefined ? { applied: false, reason: 'not-found' } : { applied: false, enquiry: latest, reason: 'changed' };
    }
  }

  async markAnnounced(record: StoredRecord<Enquiry>, date: string): Promise<void> {
    await this.annotate(record, { lastAnnounced: date });
  }

  async setTeamCard(record: StoredRecord<Enquiry>, teamCardId: string): Promise<void> {
    await this.annotate(record, { teamCardId });
  }

  /** Erasure on request: the enquiry is deleted for good. Resolves false when there was nothing to delete. */
  async erase(id: string): Promise<boolean> {
    return this.records.delete(this.key(id));
  }

  private async annotate(record: StoredRecord<Enquiry>, change: Partial<Enquiry>): Promise<void> {
    try {
      await this.records.replace(record, { ...record.data, ...change });
    } catch (error) {
      // an officer acted on it meanwhile: their update stands, the note is not worth a retry
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  private key(id: string) {
    return { partitionKey: this.serviceId, id };
  }
}

const stageIndex = (stage: FunnelStage) => FUNNEL_STAGES.indexOf(stage);

/** Moves to `stage` and records when, never backwards; earlier stages skipped over are marked reached at the same time. */
function reach(enquiry: Enquiry, stage: FunnelStage, at: string): Pick<Enquiry, 'stage' | 'reached'> {
  const reached = { ...enquiry.reached };
  for (const earlier of FUNNEL_STAGES.slice(0, stageIndex(stage) + 1)) reached[earlier] ??= at;
  return { stage: stageIndex(stage) > stageIndex(enquiry.stage) ? stage : enquiry.stage, reached };
}

function apply(enquiry: Enquiry, action: OfficerAction, by: string, at: string): Enquiry {
  const history = [...enquiry.history, { at, by, action: action.verb === 'contacted' ? `contacted:${action.outcome}` : action.verb }];
  switch (action.verb) {
    case 'assign-to-me':
      return { ...enquiry, assignedTo: by, history };
    case 'contacted': {
      const made = action.outcome === 'spoke' || action.outcome === 'left-message';
      return {
        ...enquiry,
        ...(made ? reach(enquiry, 'contacted', at) : {}),
        assignedTo: enquiry.assignedTo ?? by,
        attempts: enquiry.attempts + 1,
        lastContactOutcome: action.outcome,
        history,
      };
    }
    case 'session-attended':
      return { ...enquiry, sessionAttended: true, history };
    case 'close':
      return { ...enquiry, closed: { reason: action.reason, at }, history };
    case 'approved':
      // approval is the end of the front door: the enquiry closes, and its retention period starts
      return { ...enquiry, ...reach(enquiry, 'approved', at), closed: { reason: 'approved', at }, history };
    default:
      return { ...enquiry, ...reach(enquiry, action.verb, at), assignedTo: enquiry.assignedTo ?? by, history };
  }
}
