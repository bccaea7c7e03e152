import { ProactiveAddressSchema, type ProactiveAddress } from '../../proactive/address';
import type { DateTime } from 'luxon';
import { z } from 'zod';
import { ConflictError } from '../../errors';
import type { Logger } from '../../logger';
import type { RecordStore, StoredRecord } from '../../storage/record-store';
import { TypedRecords, type SchemaMatches } from '../../storage/typed-records';
import { addWorkingDays } from '../working-days';
import { referenceFor } from '../references';
import { withoutUndefined } from '../without-undefined';
import { carerContactSchema, type CarerContact } from '../contact-details/web-contacts';

export type ConcernKind = 'retention' | 'allegation-support';
/** Ids only: what a person sees for each is in bot/messages.ts (`messages.labels`). */
export const RETENTION_REASON_IDS = ['money', 'social-worker-support', 'health', 'family', 'allegation', 'training-or-paperwork', 'other'] as const;
export type RetentionReason = (typeof RETENTION_REASON_IDS)[number];
export const CONTACT_METHOD_IDS = ['teams', 'phone', 'email', 'visit'] as const;
export type ContactMethod = (typeof CONTACT_METHOD_IDS)[number];
export const URGENCY_IDS = ['today', 'this-week', 'no-rush'] as const;
export type Urgency = (typeof URGENCY_IDS)[number];
export const OUTCOME_IDS = ['stayed', 'resigned', 'transferred', 'other'] as const;
export type Outcome = (typeof OUTCOME_IDS)[number];
export type ConcernStatus = 'open' | 'acknowledged' | 'contacted' | 'closed';

/** A concern routed to managers: the minimum they need to reach the carer and follow it up. Never logged. */
export interface Concern {
  readonly kind: ConcernKind;
  readonly reference: string;
  readonly status: ConcernStatus;
  /**
   * How to message the carer later (a conversation-reference audience key), the name the channel gave, and, from a
   * web carer the council does not know, the contact details they gave (or that they gave none).
   */
  readonly carer: { readonly audience: ProactiveAddress; readonly displayName?: string; readonly channel: string; readonly contact?: CarerContact };
  readonly reason?: RetentionReason;
  readonly contactMethod?: ContactMethod;
  /** Phone number or e-mail address, only when the carer chose phone or e-mail. */
  readonly contactDetail?: string;
  readonly contactTime?: string;
  readonly urgency?: Urgency;
  readonly callbackRequested?: boolean;
  readonly involveSupervisingSocialWorker?: boolean;
  readonly raisedAt: string;
  /** YYYY-MM-DD (Europe/London): a manager should make contact by then. */
  readonly contactBy: string;
  readonly assignedTo?: string;
  readonly contactMadeAt?: string;
  readonly visitDate?: string;
  readonly actionPlan?: string;
  readonly outcome?: Outcome;
  readonly closedAt?: string;
  /** The date the overdue reminder last mentioned it. */
  readonly lastAnnounced?: string;
  /** The card posted to the managers' channel, updated in place when a manager acts. */
  readonly teamCardId?: string;
  readonly history: readonly { readonly at: string; readonly by: string; readonly action: string }[];
}

/**
 * What a stored concern must look like to be read. `Concern` stays the interface above (callers and the coming
 * address type name it); the check below keeps the two the same.
 */
export const concernSchema = z.object({
  kind: z.enum(['retention', 'allegation-support']),
  reference: z.string(),
  status: z.enum(['open', 'acknowledged', 'contacted', 'closed']),
  carer: z.object({ audience: ProactiveAddressSchema, displayName: z.string().optional(), channel: z.string(), contact: carerContactSchema.optional() }),
  reason: z.enum(RETENTION_REASON_IDS).optional(),
  contactMethod: z.enum(CONTACT_METHOD_IDS).optional(),
  contactDetail: z.string().optional(),
  contactTime: z.string().optional(),
  urgency: z.enum(URGENCY_IDS).optional(),
  callbackRequested: z.boolean().optional(),
  involveSupervisingSocialWorker: z.boolean().optional(),
  raisedAt: z.string(),
  contactBy: z.string(),
  assignedTo: z.string().optional(),
  contactMadeAt: z.string().optional(),
  visitDate: z.string().optional(),
  actionPlan: z.string().optional(),
  outcome: z.enum(OUTCOME_IDS).optional(),
  closedAt: z.string().optional(),
  lastAnnounced: z.string().optional(),
  teamCardId: z.string().optional(),
  history: z.array(z.object({ at: z.string(), by: z.string(), action: z.string() })).readonly(),
});
true satisfies SchemaMatches<typeof concernSchema, Concern>;

export type NewConcern = Omit<Concern, 'reference' | 'status' | 'contactBy' | 'history'>;

/** What a manager can do to a concern (each a card button); `refresh` only shows it again. */
export const CONCERN_VERBS = ['refresh', 'acknowledge', 'assign-to-me', 'record-contact', 'record-visit', 'action-plan', 'close'] as const;
export type ConcernVerb = (typeof CONCERN_VERBS)[number];

export type ManagerAction =
  | { readonly verb: 'acknowledge' }
  | { readonly verb: 'assign-to-me' }
  | { readonly verb: 'record-contact' }
  | { readonly verb: 'record-visit'; readonly visitDate: string }
  | { readonly verb: 'action-plan'; readonly note: string }
  | { readonly verb: 'close'; readonly outcome: Outcome; readonly note?: string };

export type ActionResult =
  | { readonly applied: true; readonly concern: StoredRecord<Concern> }
  /** Someone else changed it first: nothing was written; here is the current state. */
  | { readonly applied: false; readonly concern: StoredRecord<Concern>; readonly reason: 'changed' | 'closed' }
  /** There is no such concern (it expired, or the id on the card is not one of ours). */
  | { readonly applied: false; readonly reason: 'not-found' };

/**
 * Retention concerns and allegation-support requests: created once per activity, updated only with ETags. Every read
 * is checked against `concernSchema`: `get` (and so `act`) throws STORAGE_CORRUPT_DOCUMENT for a document that does
 * not match; `open` leaves such a document out and logs it, so managers still see every other open concern.
 */
export class Concerns {
  private readonly records: TypedRecords<Concern>;

  constructor(
    records: RecordStore,
    private readonly serviceId: string,
    private readonly options: { readonly contactWithinWorkingDays: number; readonly bankHolidays: readonly string[] },
    logger?: Logger,
  ) {
    this.records = new TypedRecords(records, 'concern', concernSchema, logger);
  }

  /** `id` comes from the activity that started the request, so a redelivered activity creates nothing new. */
  async raise(id: string, concern: NewConcern, now: DateTime): Promise<{ record: StoredRecord<Concern>; created: boolean }> {
    const full: Concern = {
      ...concern,
      reference: referenceFor(concern.kind === 'retention' ? 'RC' : 'AS', id),
      status: 'open',
      contactBy: addWorkingDays(now, this.options.contactWithinWorkingDays, this.options.bankHolidays),
      history: [{ at: concern.raisedAt, by: 'carer', action: 'raised' }],
    };
    const result = await this.records.create(this.key(id), withoutUndefined(full));
    return { record: result.record, created: result.created };
  }

  async get(id: string): Promise<StoredRecord<Concern> | undefined> {
    return this.records.get(this.key(id));
  }

  async open(): Promise<StoredRecord<Concern>[]> {
    const all = await this.records.list({ partitionKey: this.serviceId });
    return all.filter((c) => c.data.status !== 'closed');
  }

  overdue(concerns: readonly StoredRecord<Concern>[], today: string): StoredRecord<Concern>[] {
    return concerns.filter((c) => c.data.status === 'open' || c.data.status === 'acknowledged').filter((c) => c.data.contactBy < today);
  }

  /**
   * Applies a manager's action to the version they saw (`etag`). A stale version is not retried blindly: the manager
   * is shown the current state, so no one's update is lost or silently overwritten.
   */
  async act(id: string, etag: string, action: ManagerAction, by: string, nowIso: string): Promise<ActionResult> {
    const current = await this.get(id);
    if (current === undefined) return { applied: false, reason: 'not-found' };
    if (current.etag !== etag) return { applied: false, concern: current, reason: 'changed' };
    if (current.data.status === 'closed') return { applied: false, concern: current, reason: 'closed' };
    const next = apply(current.data, action, by, nowIso);
    try {
      return { applied: true, concern: await this.records.replace(current, withoutUndefined(next)) };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const latest = await this.get(id);
      if (latest === undefined) return { applied: false, reason: 'not-found' };
      return { applied: false, concern: latest, reason: 'changed' };
    }
  }

  async markAnnounced(record: StoredRecord<Concern>, date: string): Promise<void> {
    await this.annotate(record, { lastAnnounced: date });
  }

  async setTeamCard(record: StoredRecord<Concern>, teamCardId: string): Promise<void> {
    await this.annotate(record, { teamCardId });
  }

  private async annotate(record: StoredRecord<Concern>, change: Partial<Concern>): Promise<void> {
    try {
      await this.records.replace(record, { ...record.data, ...change });
    } catch (error) {
      // a manager acted on it meanwhile: their update stands, the reminder note is not worth a retry
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  private key(id: string) {
    return { partitionKey: this.serviceId, id };
  }
}

function apply(concern: Concern, action: ManagerAction, by: string, at: string): Concern {
  const history = [...concern.history, { at, by, action: action.verb }];
  switch (action.verb) {
    case 'acknowledge':
      return { ...concern, status: concern.status === 'open' ? 'acknowledged' : concern.status, history };
    case 'assign-to-me':
      return { ...concern, assignedTo: by, status: concern.status === 'open' ? 'acknowledged' : concern.status, history };
    case 'record-contact':
      return { ...concern, contactMadeAt: at, status: 'contacted', history };
    case 'record-visit':
      return { ...concern, visitDate: action.visitDate, status: 'contacted', contactMadeAt: concern.contactMadeAt ?? at, history };
    case 'action-plan':
      return { ...concern, actionPlan: action.note, history };
    case 'close':
      return { ...concern, status: 'closed', outcome: action.outcome, closedAt: at, actionPlan: action.note ?? concern.actionPlan, history };
  }
}
