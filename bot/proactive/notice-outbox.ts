import { z } from 'zod';
import type { Clock } from '../clock';
import { AppError, ConflictError, errorCodeOf, type ErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { RecordStore, StoredRecord } from '../storage/record-store';
import { ProactiveAddressSchema, type ProactiveAddress } from './address';
import { TypedRecords, type SchemaMatches } from '../storage/typed-records';
import type { OutgoingMessage, ProactiveSender, SendResult } from './proactive-sender';
import type { Recipient } from './recipient';

/**
 * - `pending`: not delivered yet; `nextAttemptAt` says when a run of the retry job may try it;
 * - `delivered`: the connector accepted it;
 * - `gave-up`: every attempt allowed failed, or the connector refused this message for good;
 * - `stale-dropped`: the conversation is gone or closed to the bot; its reference was dropped;
 * - `no-reference`: there was nobody to reach (never chatted);
 * - `withdrawn`: by the time it was tried, there was nothing left to say (e.g. the concern or session is gone).
 */
export type NoticeStatus = 'pending' | 'delivered' | 'gave-up' | 'stale-dropped' | 'no-reference' | 'withdrawn';

/** One proactive message. It keeps ids only: the message is rendered again from the records at each attempt. */
export interface Notice {
  readonly purpose: string;
  readonly audience: ProactiveAddress;
  readonly params: Readonly<Record<string, string>>;
  readonly status: NoticeStatus;
  readonly attempts: number;
  readonly nextAttemptAt?: string;
  readonly lastHttpStatus?: number;
  readonly lastCode?: ErrorCode;
  readonly activityId?: string;
  readonly deliveredAt?: string;
}

/** What a stored notice must look like to be read (the compile-time check keeps it and `Notice` the same). */
export const noticeSchema = z.object({
  purpose: z.string(),
  audience: ProactiveAddressSchema,
  params: z.record(z.string(), z.string()).readonly(),
  status: z.enum(['pending', 'delivered', 'gave-up', 'stale-dropped', 'no-reference', 'withdrawn']),
  attempts: z.number(),
  nextAttemptAt: z.string().optional(),
  lastHttpStatus: z.number().optional(),
  // codes are written by this service only; an unknown one (from a later release) still reads
  lastCode: z.custom<ErrorCode>((value) => typeof value === 'string').optional(),
  activityId: z.string().optional(),
  deliveredAt: z.string().optional(),
});
true satisfies SchemaMatches<typeof noticeSchema, Notice>;

export type NewNotice = Pick<Notice, 'purpose' | 'audience' | 'params'>;

/** A notice param naming the Teams channel post to reply under (a hand-off card's thread); absent: a new post. */
export const THREAD_PARAM = 'thread';

/** How a purpose turns a notice back into a message; `undefined` withdraws it. */
export interface NoticeRenderer {
  /** `recipient`: the chat it is about to land in (the sender's choice): make cards for it. */
  render(notice: Notice, recipient: Recipient): Promise<OutgoingMessage | undefined>;
  /** Called once, after the connector accepted it (e.g. to remember the card's activity id). */
  delivered?(notice: Notice, activityId: string | undefined): Promise<void>;
}

export type DeliveryOutcome = NoticeStatus | 'duplicate' | 'busy';

export interface OutboxOptions {
  /** Attempts after the first one. */
  readonly retries: number;
  readonly retryAfterMinutes: number;
}

const PARTITION = 'notices';
/** An attempt claims its notice for this long, so a crash mid-send leaves it to a later run, not to nobody. */
const ATTEMPT_CLAIM_MS = 5 * 60_000;

/**
 * Every proactive message goes through here, so whether it reached the person is recorded, not assumed. The first
 * attempt is made at once; a failed one is tried again on later runs of the retry job (state in the store, never in
 * this process, so any instance may do it, and only one does: each attempt is claimed with an ETag). A stored notice
 * that does not match `noticeSchema` is never sent: the retry job leaves it out and logs it (STORAGE_CORRUPT_DOCUMENT),
 * and goes on with the others.
 */
export class NoticeOutbox {
  private readonly renderers = new Map<string, NoticeRenderer>();
  private readonly records: TypedRecords<Notice>;

  constructor(
    records: RecordStore,
    private readonly sender: ProactiveSender,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxOptions,
  ) {
    this.records = new TypedRecords(records, 'notice', noticeSchema, logger);
  }

  register(purpose: string, renderer: NoticeRenderer): void {
    this.renderers.set(purpose, renderer);
  }

  /**
   * Records the notice under `id` (deterministic: the same notice twice, or from two instances, is one) and makes
   * the first attempt. `duplicate` when it was already recorded.
   */
  async deliver(id: string, notice: NewNotice): Promise<DeliveryOutcome> {
    const created = await this.records.add(this.key(id), { ...notice, status: 'pending', attempts: 0, nextAttemptAt: this.nowIso() });
    if (created === undefined) return 'duplicate';
    return this.attemptSafely(created);
  }

  /** The retry job: tries every pending notice whose time has come. Safe on every instance at once. */
  async retryDue(): Promise<Record<DeliveryOutcome, number>> {
    const counts: Record<DeliveryOutcome, number> = {
      pending: 0,
      delivered: 0,
      'gave-up': 0,
      'stale-dropped': 0,
      'no-reference': 0,
      withdrawn: 0,
      duplicate: 0,
      busy: 0,
    };
    const now = this.nowIso();
    const due = (await this.records.list({ partitionKey: PARTITION, where: { status: 'pending' } })).filter((n) => (n.data.nextAttemptAt ?? '') <= now);
    for (const notice of due) counts[await this.attemptSafely(notice)] += 1;
    return counts;
  }

  /**
   * An attempt that fails on our side (the store, a renderer) leaves the notice pending: its claim lapses and a later
   * run tries it again, so the caller's turn or the rest of the run goes on.
   */
  private async attemptSafely(notice: StoredRecord<Notice>): Promise<DeliveryOutcome> {
    try {
      return await this.attempt(notice);
    } catch (error) {
      this.logger.error('proactive notice attempt failed', { purpose: notice.data.purpose, outcome: 'failed-will-retry', code: errorCodeOf(error) });
      return 'pending';
    }
  }

  private async attempt(current: StoredRecord<Notice>): Promise<DeliveryOutcome> {
    const attempts = current.data.attempts + 1;
    let claimed: StoredRecord<Notice>;
    try {
      claimed = await this.records.replace(current, { ...current.data, attempts, nextAttemptAt: this.isoIn(ATTEMPT_CLAIM_MS) });
    } catch (error) {
      if (error instanceof ConflictError) return 'busy'; // another instance is trying it
      throw error;
    }
    const renderer = this.renderers.get(claimed.data.purpose);
    if (renderer === undefined) return this.settle(claimed, { status: 'withdrawn' });
    // the message is made once the chat it goes to is known; a renderer's own failure is ours, not the connector's
    let renderFailure: { error: unknown } | undefined;
    const messageFor = async (recipient: Recipient) => {
      try {
        return await renderer.render(claimed.data, recipient);
      } catch (error) {
        renderFailure = { error };
        throw error;
      }
    };

    let result: SendResult;
    try {
      result = await this.sender.sendWithId(claimed.data.audience, messageFor, claimed.data.params[THREAD_PARAM]);
    } catch (error) {
      if (renderFailure !== undefined) throw renderFailure.error;
      // a reference host that is not allow-listed will not become allowed by waiting
      if (error instanceof AppError && error.code === 'PROACTIVE_TARGET_REFUSED') return this.settle(claimed, { status: 'gave-up', lastCode: error.code });
      result = { outcome: 'failed' };
      this.logger.warn('proactive send threw', {
        purpose: claimed.data.purpose,
        code: errorCodeOf(error),
        errorName: error instanceof Error ? error.name : typeof error,
      });
    }
    switch (result.outcome) {
      case 'sent': {
        const settled = await this.settle(claimed, {
          status: 'delivered',
          deliveredAt: this.nowIso(),
          ...(result.activityId === undefined ? {} : { activityId: result.activityId }),
        });
        await this.afterDelivery(renderer, claimed.data, result.activityId);
        return settled;
      }
      case 'withdrawn':
        return this.settle(claimed, { status: 'withdrawn' });
      case 'no-reference':
        return this.settle(claimed, { status: 'no-reference', lastCode: 'PROACTIVE_NO_REFERENCE' });
      case 'stale':
        return this.settle(claimed, { status: 'stale-dropped', lastCode: 'PROACTIVE_REFERENCE_STALE', ...httpOf(result) });
      case 'rejected':
        return this.settle(claimed, { status: 'gave-up', lastCode: 'PROACTIVE_GAVE_UP', ...httpOf(result) });
      case 'failed':
        if (attempts > this.options.retries) return this.settle(claimed, { status: 'gave-up', lastCode: 'PROACTIVE_GAVE_UP', ...httpOf(result) });
        return this.settle(claimed, {
          status: 'pending',
          lastCode: 'PROACTIVE_SEND_FAILED',
          nextAttemptAt: this.isoIn(this.backoffMs(attempts)),
          ...httpOf(result),
        });
    }
  }

  /** Writes what happened and logs it by code: delivered, failed-will-retry, gave-up, stale-dropped, no-reference. */
  private async settle(claimed: StoredRecord<Notice>, change: Partial<Notice>): Promise<NoticeStatus> {
    const next: Notice = { ...claimed.data, ...change };
    const { nextAttemptAt: _drop, ...settled } = next;
    try {
      await this.records.replace(claimed, next.status === 'pending' ? next : settled);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // our claim lapsed and another instance took the notice over: its record stands
    }
    const fields = { purpose: next.purpose, attempt: next.attempts, httpStatus: next.lastHttpStatus ?? null };
    const { status } = next;
    if (status === 'delivered') this.logger.info('proactive notice', { ...fields, outcome: 'delivered' });
    else if (status === 'pending')
      this.logger.warn('proactive notice', { ...fields, outcome: 'failed-will-retry', code: next.lastCode, nextAttemptAt: next.nextAttemptAt });
    else if (status === 'withdrawn') this.logger.info('proactive notice', { ...fields, outcome: 'withdrawn' });
    else this.logger.warn('proactive notice', { ...fields, outcome: status, code: next.lastCode ?? 'PROACTIVE_GAVE_UP' });
    return status;
  }

  /** Its record already says delivered: a failure here must not cause the message to be sent again. */
  private async afterDelivery(renderer: NoticeRenderer | undefined, notice: Notice, activityId: string | undefined): Promise<void> {
    try {
      await renderer?.delivered?.(notice, activityId);
    } catch (error) {
      this.logger.error('after-delivery step failed', { purpose: notice.purpose, code: errorCodeOf(error) });
    }
  }

  private backoffMs(attemptsMade: number): number {
    return this.options.retryAfterMinutes * 60_000 * 2 ** (attemptsMade - 1);
  }

  private nowIso(): string {
    return this.clock.now().toUTC().toISO() ?? '';
  }

  private isoIn(ms: number): string {
    return this.clock.now().plus({ milliseconds: ms }).toUTC().toISO() ?? '';
  }

  private key(id: string) {
    return { partitionKey: PARTITION, id };
  }
}

function httpOf(result: SendResult): Partial<Notice> {
  return result.httpStatus === undefined ? {} : { lastHttpStatus: result.httpStatus };
}
