import { z } from 'zod';
import { THEMES, type Theme } from '../../content/taxonomy';
import { ConflictError } from '../../errors';
import type { Logger } from '../../logger';
import type { RecordStore, StoredRecord } from '../../storage/record-store';
import { TypedRecords, type SchemaMatches } from '../../storage/typed-records';
import { referenceFor } from '../references';

/**
 * The Corporate Parent response to a theme: what carers said, what the service did or will do, by when and who owns
 * it. Drafted, then published; a published response goes to subscribed carers, the carers' answers and the reports.
 */
export interface ThemeResponse {
  readonly reference: string;
  readonly theme: Theme;
  readonly youSaid: string;
  readonly weDid: string;
  /** YYYY-MM-DD, when the action is due; absent when it is already done. */
  readonly byWhen?: string;
  /** A team or role, e.g. "Payments team": never a carer. */
  readonly owner: string;
  readonly status: 'draft' | 'published';
  readonly draftedBy: string;
  readonly draftedAt: string;
  readonly publishedBy?: string;
  readonly publishedAt?: string;
}

export const themeResponseSchema = z.object({
  reference: z.string(),
  theme: z.enum(THEMES),
  youSaid: z.string(),
  weDid: z.string(),
  byWhen: z.string().optional(),
  owner: z.string(),
  status: z.enum(['draft', 'published']),
  draftedBy: z.string(),
  draftedAt: z.string(),
  publishedBy: z.string().optional(),
  publishedAt: z.string().optional(),
});
true satisfies SchemaMatches<typeof themeResponseSchema, ThemeResponse>;

export type ResponseText = Pick<ThemeResponse, 'youSaid' | 'weDid' | 'byWhen' | 'owner'>;

export type ChangeResult =
  { readonly applied: true; readonly record: StoredRecord<ThemeResponse> } | { readonly applied: false; readonly record?: StoredRecord<ThemeResponse> };

export class ThemeResponses {
  private readonly records: TypedRecords<ThemeResponse>;

  constructor(
    records: RecordStore,
    private readonly serviceId: string,
    logger?: Logger,
  ) {
    this.records = new TypedRecords(records, 'theme-response', themeResponseSchema, logger);
  }

  async get(id: string): Promise<StoredRecord<ThemeResponse> | undefined> {
    return this.records.get(this.key(id));
  }

  /** The theme's unpublished draft, if a manager has started one. */
  async draftFor(theme: Theme): Promise<StoredRecord<ThemeResponse> | undefined> {
    return this.records.find({ partitionKey: this.serviceId, where: { theme, status: 'draft' } });
  }

  /**
   * Saves the draft: a new one under `id` (from the activity, so a redelivery saves nothing twice), or the version
   * of the existing draft the manager saw (`etag`); a stale version is not overwritten.
   */
  async saveDraft(id: string, theme: Theme, text: ResponseText, by: string, at: string, etag?: string): Promise<ChangeResult> {
    const current = await this.draftFor(theme);
    const data = { ...text, theme, draftedBy: by, draftedAt: at };
    if (current === undefined) {
      const { record } = await this.records.create(this.key(id), { ...data, reference: referenceFor('YS', id), status: 'draft' });
      return { applied: true, record };
    }
    if (etag !== current.etag) return { applied: false, record: current };
    return this.change(current, { ...current.data, ...data });
  }

  /** Publishes the version the manager saw, once: a second click, or another instance, finds it published. */
  async publish(id: string, etag: string, by: string, at: string): Promise<ChangeResult> {
    const current = await this.get(id);
    if (current === undefined) return { applied: false };
    if (current.etag !== etag || current.data.status !== 'draft') return { applied: false, record: current };
    return this.change(current, { ...current.data, status: 'published', publishedBy: by, publishedAt: at });
  }

  /** Published responses, newest first; for one theme when given. */
  async published(theme?: Theme): Promise<StoredRecord<ThemeResponse>[]> {
    const list = await this.records.list({ partitionKey: this.serviceId, where: { status: 'published', ...(theme === undefined ? {} : { theme }) } });
    return list.sort((a, b) => (b.data.publishedAt ?? '').localeCompare(a.data.publishedAt ?? ''));
  }

  private async change(current: StoredRecord<ThemeResponse>, data: ThemeResponse): Promise<ChangeResult> {
    try {
      return { applied: true, record: await this.records.replace(current, data) };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return { applied: false, record: await this.get(current.id) };
    }
  }

  private key(id: string) {
    return { partitionKey: this.serviceId, id };
  }
}
