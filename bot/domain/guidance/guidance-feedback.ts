import { DateTime } from 'luxon';
import { deterministicId, type RecordStore } from '../../storage/record-store';
import { maskPersonalData } from '../personal-data';

export type GapReason = 'no-guidance' | 'not-helpful' | 'none-of-these';

export interface UnansweredQuestion {
  readonly question: string;
  readonly reason: GapReason;
  readonly persona: string;
  readonly channel: string;
  readonly articleId?: string;
  readonly at: string;
}

export interface HelpfulVote {
  readonly articleId: string;
  readonly helpful: boolean;
  readonly at: string;
}

/** ISO week, e.g. "2026-W10": the register is read week by week. */
export function isoWeekOf(utcIso: string): string {
  return DateTime.fromISO(utcIso, { zone: 'utc' }).toFormat("kkkk-'W'WW");
}

/** Helpfulness votes per article, and the unanswered-questions register content editors work from. */
export class GuidanceFeedback {
  constructor(private readonly records: RecordStore) {}

  /** One vote per conversation and article: a second click changes the vote rather than adding one. */
  async vote(conversationRef: string, articleId: string, helpful: boolean, at: string): Promise<void> {
    const id = deterministicId('vote', conversationRef, articleId);
    await this.records.upsert<HelpfulVote>({ kind: 'helpful-vote', partitionKey: articleId.replace('/', '.'), id }, { articleId, helpful, at });
  }

  async tally(articleId: string): Promise<{ helpful: number; notHelpful: number }> {
    const votes = await this.records.list<HelpfulVote>('helpful-vote', { partitionKey: articleId.replace('/', '.') });
    const helpful = votes.filter((v) => v.data.helpful).length;
    return { helpful, notHelpful: votes.length - helpful };
  }

  /** Keeps the question with personal data masked (names, addresses, contact details, dates of birth). Idempotent per turn. */
  async recordGap(turnRef: string, entry: Omit<UnansweredQuestion, 'question'> & { readonly rawQuestion: string }): Promise<void> {
    const { rawQuestion, ...rest } = entry;
    const question: UnansweredQuestion = { ...rest, question: maskPersonalData(rawQuestion) };
    await this.records.create({ kind: 'unanswered-question', partitionKey: isoWeekOf(entry.at), id: turnRef }, question);
  }

  async gapsInWeek(week: string): Promise<UnansweredQuestion[]> {
    return (await this.records.list<UnansweredQuestion>('unanswered-question', { partitionKey: week })).map((r) => r.data);
  }
}
