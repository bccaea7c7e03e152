import { z } from 'zod';
import { THEMES } from '../../bot/content/taxonomy';
import { CONCERN_VERBS, OUTCOME_IDS } from '../../bot/domain/concerns/concerns';
import { CHOSEN_CLOSE_REASONS, CONTACT_OUTCOMES, ENQUIRY_VERBS } from '../../bot/domain/enquiries/enquiries';
import { HANDOFF_OUTCOMES, HANDOFF_VERBS, MAX_RELAYED_LENGTH } from '../../bot/domain/handoffs/handoffs';

/** What our cards send back (Action.Submit data). Parsed before use: it round-trips through the client. */
export const CardSubmitSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('open-article'), articleId: z.string().regex(/^[a-z-]+\/[a-z0-9-]+$/) }),
  z.strictObject({ action: z.literal('helpful'), articleId: z.string().regex(/^[a-z-]+\/[a-z0-9-]+$/), helpful: z.boolean() }),
  z.strictObject({ action: z.literal('none-of-these') }),
  z.object({
    action: z.literal('request'),
    verb: z.enum(['close']),
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    etag: z.string().max(200),
    note: z.string().max(1000).optional(),
  }),
  z.strictObject({ action: z.literal('training-offer'), sessionId: z.string().regex(/^[a-z0-9-]+$/), accept: z.boolean() }),
  z.object({
    action: z.literal('concern'),
    verb: z.enum(CONCERN_VERBS),
    concernId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    etag: z.string().max(200),
    visitDate: z.iso.date().optional().or(z.literal('')),
    note: z.string().max(1000).optional(),
    outcome: z.enum(OUTCOME_IDS).optional().or(z.literal('')),
  }),
  z.object({
    action: z.literal('enquiry'),
    verb: z.enum(ENQUIRY_VERBS),
    enquiryId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    etag: z.string().max(200),
    outcome: z.enum(CONTACT_OUTCOMES).optional().or(z.literal('')),
    reason: z.enum(CHOSEN_CLOSE_REASONS).optional().or(z.literal('')),
  }),
  z.object({
    action: z.literal('handoff'),
    verb: z.enum(HANDOFF_VERBS),
    handoffId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    message: z.string().max(MAX_RELAYED_LENGTH).optional(),
    outcome: z.enum(HANDOFF_OUTCOMES).optional().or(z.literal('')),
  }),
  z.object({
    action: z.literal('feedback-theme'),
    verb: z.enum(['refresh', 'acknowledge', 'save-draft', 'publish']),
    theme: z.enum(THEMES),
    responseId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional(),
    etag: z.string().max(200).optional(),
    youSaid: z.string().max(1000).optional(),
    weDid: z.string().max(1000).optional(),
    byWhen: z.iso.date().optional().or(z.literal('')),
    owner: z.string().max(100).optional(),
  }),
]);

export type CardSubmit = z.infer<typeof CardSubmitSchema>;
export type ConcernSubmit = Extract<CardSubmit, { action: 'concern' }>;
export type RequestSubmit = Extract<CardSubmit, { action: 'request' }>;
export type EnquirySubmit = Extract<CardSubmit, { action: 'enquiry' }>;
export type HandoffSubmit = Extract<CardSubmit, { action: 'handoff' }>;
export type FeedbackThemeSubmit = Extract<CardSubmit, { action: 'feedback-theme' }>;

/** A note typed on a card: trimmed, and none when only spaces were typed. */
export function nonEmpty(note: string | undefined): string | undefined {
  const trimmed = note?.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Web Chat and Teams wrap submit data differently (Teams may add msteams keys): keep only what we sent. */
export function parseCardSubmit(value: unknown): CardSubmit | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { msteams: _teams, ...data } = value as Record<string, unknown>;
  const parsed = CardSubmitSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
