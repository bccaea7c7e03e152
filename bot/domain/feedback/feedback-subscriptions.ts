import { z } from 'zod';
import { THEMES, type Theme } from '../../content/taxonomy';
import type { Logger } from '../../logger';
import { ProactiveAddressSchema, type ProactiveAddress } from '../../proactive/address';
import { deterministicId, type RecordStore } from '../../storage/record-store';
import { TypedRecords, type SchemaMatches } from '../../storage/typed-records';

/** A carer who asked to be told when the service responds on a theme: the theme and where to reach them, nothing else. */
export interface FeedbackSubscription {
  readonly theme: Theme;
  readonly audience: ProactiveAddress;
  readonly since: string;
}

const subscriptionSchema = z.object({ theme: z.enum(THEMES), audience: ProactiveAddressSchema, since: z.string() });
true satisfies SchemaMatches<typeof subscriptionSchema, FeedbackSubscription>;

/** Opt-in only, one per carer and theme; partitioned by theme, because publishing a response reads one theme's. */
export class FeedbackSubscriptions {
  private readonly records: TypedRecords<FeedbackSubscription>;

  constructor(records: RecordStore, logger?: Logger) {
    this.records = new TypedRecords(records, 'feedback-subscription', subscriptionSchema, logger);
  }

  async subscribe(theme: Theme, audience: ProactiveAddress, at: string): Promise<void> {
    await this.records.create({ partitionKey: theme, id: deterministicId(theme, audience) }, { theme, audience, since: at });
  }

  async audiencesFor(theme: Theme): Promise<ProactiveAddress[]> {
    return (await this.records.list({ partitionKey: theme })).map((s) => s.data.audience);
  }

  /** Every theme this person follows ends; returns how many there were. */
  async unsubscribeAll(audience: ProactiveAddress): Promise<number> {
    const mine = await this.records.list({ where: { audience } });
    for (const s of mine) await this.records.delete({ partitionKey: s.partitionKey, id: s.id });
    return mine.length;
  }
}
