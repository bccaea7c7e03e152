import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Logger } from '../../logger';
import { deterministicId, type RecordStore } from '../../storage/record-store';
import { TypedRecords } from '../../storage/typed-records';
import { maskPersonalData } from '../personal-data';

export const gapReasonSchema = z.enum(['no-guidance', 'not-helpful', 'none-of-these']);
export type GapReason = z.infer<typeof gapReasonSchema>;

export const unansweredQuestionSchema = z
  .object({
    question: z.string(),
    reason: gapReasonSchema,
    persona: z.string(),
    channel: z.string(),
    articleId: z.string().optional(),
    at: z.string(),
  })
  .readonly();
export type UnansweredQuestion = z.infer<typeof unansweredQuestionSchema>;

export const helpfulVoteSchema = z.object({ articleId: z.string(), helpful: z.boolean(), at: z.string() }).readonly();
export type HelpfulVote = z.infer<typeof helpfulVoteSchema>;

/** ISO week, e.g. "2026-W10": the register is read week by week. */
export function isoWeekOf(utcIso: string): string {
  return DateTime.fromISO(utcIso, { zone: 'utc' }).toFormat("kkkk-'W'WW");
}

/**
 * Helpfulness votes per article, and the unanswered-questions register content editors work from. Both are read
 * only as lists: a stored vote or question that does not match its schema is left out (not counted, not listed)
 * and logged as STORAGE_CORRUPT_DOCUMENT.
 */
export class GuidanceFeedback {
  private readonly votes: TypedRecords<HelpfulVote>;
  private readonly gaps: TypedRecords<UnansweredQuestion>;

  constructor(records: RecordStore, logger?: Logger) {
    this.votes = new TypedRecords(records, 'helpful-vote', helpfulVoteSchema, logger);
    this.gaps = new TypedRecords(records, 'unanswered-question', unansweredQuestionSchema, logger);
  }

  /** One vote per conversation and article: a second click changes the vote rather than adding one. */
  async vote(conversationRef: string, articleId: string, helpful: boolean, at: string): Promise<void> {
    const id = deterministicId('vote', conversationRef, articleId);
    await this.votes.upsert({ partitionKey: articleId.replace('/', '.'), id }, { articleId, helpful, at });
  }

  async tally(articleId: string): Promise<{ helpful: number; notHelpful: number }> {
    const votes = await this.votes.list({ partitionKey: articleId.replace('/', '.') });
    const helpful = votes.filter((v) => v.data.helpful).length;
    return { helpful, notHelpful: votes.length - helpful };
  }

  /** Keeps the question with personal data masked (names, addresses, contact details, dates of birth). Idempotent per turn. */
  async recordGap(turnRef: string, entry: Omit<UnansweredQuestion, 'question'> & { readonly rawQuestion: string }): Promise<void> {
    const { rawQuestion, ...rest } = entry;
    const question: UnansweredQuestion = { ...rest, question: maskPersonalData(rawQuestion) };
    await this.gaps.add({ partitionKey: isoWeekOf(entry.at), id: turnRef }, question);
  }

  async gapsInWeek(week: string): Promise<UnansweredQuestion[]> {
    return (await this.gaps.list({ partitionKey: week })).map((r) => r.data);
  }
}
