import { ProactiveAddressSchema, type ProactiveAddress } from '../../proactive/address';
import { z } from 'zod';
import { ConflictError } from '../../errors';
import type { Logger } from '../../logger';
import { normaliseForRules } from '../../understanding/normalise';
import type { RecordStore, StoredRecord } from '../../storage/record-store';
import { TypedRecords, type SchemaMatches } from '../../storage/typed-records';
import { referenceFor } from '../references';
import { carerContactSchema, type CarerContact } from '../contact-details/web-contacts';

/** Ids only: what a person sees for each is in bot/messages.ts (`messages.labels`). */
export const TRANSPORT_PROBLEM_IDS = ['no-show', 'late', 'no-car-seat', 'cancelled', 'other'] as const;
export type TransportProblem = (typeof TRANSPORT_PROBLEM_IDS)[number];
export const JOURNEY_IDS = ['school', 'contact', 'health', 'other'] as const;
export type Journey = (typeof JOURNEY_IDS)[number];
export const WHEN_IDS = ['today', 'yesterday', 'this-week', 'earlier'] as const;
export type When = (typeof WHEN_IDS)[number];

interface RequestBase {
  readonly reference: string;
  readonly status: 'open' | 'closed';
  /** As on a concern: the web carer's given contact details (or that they gave none) when the council does not know them. */
  readonly carer: { readonly audience: ProactiveAddress; readonly displayName?: string; readonly channel: string; readonly contact?: CarerContact };
  readonly raisedAt: string;
  readonly closedAt?: string;
  readonly closedBy?: string;
  readonly note?: string;
}

export interface TransportReport extends RequestBase {
  readonly type: 'transport-report';
  readonly problem: TransportProblem;
  readonly journey: Journey;
  readonly when: When;
  readonly childWaitingNow: boolean;
  /** Counted for the association's feedback-theme report. */
  readonly theme: 'transport-reliability';
}

export interface MentorRequest extends RequestBase {
  readonly type: 'mentor-request';
  readonly mode: 'find-a-mentor' | 'offer-to-mentor';
  readonly area: string;
  readonly fosteringType: string;
  readonly language?: string;
}

export type ServiceRequest = TransportReport | MentorRequest;
type NewRequest<T extends ServiceRequest> = Omit<T, 'reference' | 'status'>;

const requestBase = {
  reference: z.string(),
  status: z.enum(['open', 'closed']),
  carer: z.object({ audience: ProactiveAddressSchema, displayName: z.string().optional(), channel: z.string(), contact: carerContactSchema.optional() }),
  raisedAt: z.string(),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  note: z.string().optional(),
};

/**
 * What a stored request must look like to be read, by its `type`. The types stay the interfaces above (callers and
 * the coming address type name them); the checks below keep the two the same.
 */
export const serviceRequestSchema = z.discriminatedUnion('type', [
  z.object({
    ...requestBase,
    type: z.literal('transport-report'),
    problem: z.enum(TRANSPORT_PROBLEM_IDS),
    journey: z.enum(JOURNEY_IDS),
    when: z.enum(WHEN_IDS),
    childWaitingNow: z.boolean(),
    theme: z.literal('transport-reliability'),
  }),
  z.object({
    ...requestBase,
    type: z.literal('mentor-request'),
    mode: z.enum(['find-a-mentor', 'offer-to-mentor']),
    area: z.string(),
    fosteringType: z.string(),
    language: z.string().optional(),
  }),
]);
true satisfies SchemaMatches<typeof serviceRequestSchema, ServiceRequest>;

/**
 * Transport-problem reports and mentor requests: created once per originating activity, closed with an ETag. Every
 * read is checked against `serviceRequestSchema`: `get` and `close` throw STORAGE_CORRUPT_DOCUMENT for a document that
 * does not match; `list` leaves it out and logs it, so managers still see the other requests.
 */
export class ServiceRequests {
  private readonly records: TypedRecords<ServiceRequest>;

  constructor(
    records: RecordStore,
    private readonly serviceId: string,
    logger?: Logger,
  ) {
    this.records = new TypedRecords(records, 'request', serviceRequestSchema, logger);
  }

  async create<T extends ServiceRequest>(id: string, request: NewRequest<T>): Promise<{ record: StoredRecord<T>; created: boolean }> {
    const prefix = request.type === 'transport-report' ? 'TR' : 'MR';
    const full = {
      ...request,
      reference: referenceFor(prefix, id),
      status: 'open',
    } as T;
    const result = await this.records.create(this.key(id), full);
    // a taken id is the same activity redelivered, so the stored request (checked as a ServiceRequest) is of type T
    return { record: result.record as StoredRecord<T>, created: result.created };
  }

  async get(id: string): Promise<StoredRecord<ServiceRequest> | undefined> {
    return this.records.get(this.key(id));
  }

  async list(type: ServiceRequest['type'], status?: 'open' | 'closed'): Promise<StoredRecord<ServiceRequest>[]> {
    return this.records.list({ partitionKey: this.serviceId, where: { type, ...(status === undefined ? {} : { status }) } });
  }

  /** Closes the version the manager saw; a stale version returns the current one unchanged. */
  async close(id: string, etag: string, by: string, at: string, note?: string): Promise<{ applied: boolean; record?: StoredRecord<ServiceRequest> }> {
    const current = await this.records.get(this.key(id));
    if (current === undefined) return { applied: false };
    if (current.etag !== etag || current.data.status === 'closed') return { applied: false, record: current };
    try {
      const record = await this.records.replace(current, { ...current.data, status: 'closed', closedAt: at, closedBy: by, ...(note ? { note } : {}) });
      return { applied: true, record };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return { applied: false, record: await this.records.get(this.key(id)) };
    }
  }

  private key(id: string) {
    return { partitionKey: this.serviceId, id };
  }
}

/** The message already says a child is waiting or stranded: their number comes before any question. */
export function saysChildWaitingNow(text: string): boolean {
  return /\b(waiting|stranded|stuck|sat here|still here|right now)\b/.test(normaliseForRules(text));
}

/** Experienced carers offering to mentor, or new carers and applicants asking for one. */
export function mentorModeOf(text: string): MentorRequest['mode'] {
  return /\b(become|be a|put (myself|me) forward|offer\w*|volunteer\w*|sign me up as|want to mentor|like to mentor|mentor (other|new|male)|been fostering)\b/.test(
    normaliseForRules(text),
  )
    ? 'offer-to-mentor'
    : 'find-a-mentor';
}
