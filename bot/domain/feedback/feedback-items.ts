import { z } from 'zod';
import { THEMES, type Theme } from '../../content/taxonomy';
import { ConflictError } from '../../errors';
import type { Logger } from '../../logger';
import { deterministicId, type RecordStore, type StoredRecord } from '../../storage/record-store';
import type { ProactiveAddress } from '../../proactive/address';
import { TypedRecords, type SchemaMatches } from '../../storage/typed-records';
import { maskPersonalData } from '../personal-data';
import type { RetentionReason } from '../concerns/concerns';
import { referenceFor } from '../references';

/**
 * Where an item came from: a carer in the chat, a rep logging what a forum meeting raised, or another flow whose
 * reason counts towards a theme (a retention concern, a transport report: counted only, never quoted).
 */
export const FEEDBACK_SOURCE_IDS = ['carer', 'forum', 'retention', 'transport'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCE_IDS)[number];
/** Ids only: what a person sees for each is in bot/messages.ts (`messages.labels`). */
export const SHARING_IDS = ['anonymous', 'named'] as const;
export type Sharing = (typeof SHARING_IDS)[number];
export const FEEDBACK_STATUS_IDS = ['new', 'acknowledged', 'responded'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUS_IDS)[number];

/** One piece of feedback under a theme. No audience key: an anonymous item cannot be traced back to a chat. */
export interface FeedbackItem {
  readonly reference: string;
  readonly theme: Theme;
  /** The association key (`carersAssociations` in the service profile); absent when not known. */
  readonly forum?: string;
  readonly source: FeedbackSource;
  readonly sharing: Sharing;
  /** Only when the carer chose to share their name. */
  readonly name?: string;
  /** Only when the carer allowed quoting: their words with personal details masked. */
  readonly words?: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly status: FeedbackStatus;
  readonly statusChangedAt?: string;
  /**
   * A one-way key of who gave it (`contributorKey`), so the association's counts are of carers, not messages: one
   * carer writing three times is still one. Never shown; absent for what a rep logs for a forum.
   */
  readonly contributor?: string;
}

export const feedbackItemSchema = z.object({
  reference: z.string(),
  theme: z.enum(THEMES),
  forum: z.string().optional(),
  source: z.enum(FEEDBACK_SOURCE_IDS),
  sharing: z.enum(SHARING_IDS),
  name: z.string().optional(),
  words: z.string().optional(),
  channel: z.string(),
  receivedAt: z.string(),
  status: z.enum(FEEDBACK_STATUS_IDS),
  statusChangedAt: z.string().optional(),
  contributor: z.string().optional(),
});
true satisfies SchemaMatches<typeof feedbackItemSchema, FeedbackItem>;

export type NewFeedback = Omit<FeedbackItem, 'reference' | 'status' | 'statusChangedAt'>;

/** What a retention concern's main reason counts towards. */
const RETENTION_THEMES: Readonly<Record<RetentionReason, Theme>> = {
  money: 'allowance-levels',
  'social-worker-support': 'social-worker-contact',
  health: 'wellbeing-and-support',
  family: 'wellbeing-and-support',
  allegation: 'wellbeing-and-support',
  'training-or-paperwork': 'skills-accreditation',
  other: 'other',
};

/** The key an item counts its carer by: a hash of where they are reached, never the address itself. */
export const contributorKey = (audience: ProactiveAddress): string => deterministicId('feedback-contributor', audience);

export const themeOfRetentionReason = (reason: RetentionReason): Theme => RETENTION_THEMES[reason];

/**
 * Feedback items, one per originating activity (a redelivery finds the first). Words are masked here, before they
 * are stored, and kept only when the carer allowed quoting; a name only when they chose to share it.
 */
export class FeedbackItems {
  private readonly records: TypedRecords<FeedbackItem>;

  constructor(
    records: RecordStore,
    private readonly serviceId: string,
    logger?: Logger,
  ) {
    this.records = new TypedRecords(records, 'feedback', feedbackItemSchema, logger);
  }

  async record(id: string, item: NewFeedback): Promise<{ record: StoredRecord<FeedbackItem>; created: boolean }> {
    const { words, name, ...rest } = item;
    const masked = words === undefined ? '' : maskPersonalData(words).trim();
    const full: FeedbackItem = {
      ...rest,
      ...(item.sharing === 'named' && name !== undefined ? { name } : {}),
      ...(masked === '' ? {} : { words: masked }),
      reference: referenceFor('FB', id),
      status: 'new',
    };
    return this.records.create(this.key(id), full);
  }

  async get(id: string): Promise<StoredRecord<FeedbackItem> | undefined> {
    return this.records.get(this.key(id));
  }

  /** Items received at or after `since` (UTC ISO), oldest first. */
  async since(since: string): Promise<StoredRecord<FeedbackItem>[]> {
    return this.records.list({ partitionKey: this.serviceId, createdSince: since });
  }

  async withStatus(status: FeedbackStatus): Promise<StoredRecord<FeedbackItem>[]> {
    return this.records.list({ partitionKey: this.serviceId, where: { status } });
  }

  /**
   * Moves a theme's items from any of `from` to `to`, each with its ETag (another instance doing the same leaves
   * the item as it made it). Returns how many this call moved.
   */
  async moveTheme(theme: Theme, from: readonly FeedbackStatus[], to: FeedbackStatus, at: string): Promise<number> {
    let moved = 0;
    for (const status of from) {
      const items = await this.records.list({ partitionKey: this.serviceId, where: { theme, status } });
      for (const item of items) {
        try {
          await this.records.replace(item, { ...item.data, status: to, statusChangedAt: at });
          moved += 1;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
    }
    return moved;
  }

  private key(id: string) {
    return { partitionKey: this.serviceId, id };
  }
}
