import { z } from 'zod';
import { ACTIONS, PERSONAS, THEMES, TOPICS } from '../content/taxonomy';
import type { Logger } from '../logger';
import type { Persona } from '../roles';
import { deterministicId, type RecordStore } from '../storage/record-store';
import { TypedRecords, type RecordAddress, type SchemaMatches } from '../storage/typed-records';

const personaSchema = z.enum(PERSONAS);
// the taxonomy's persona ids are the roles' personas
true satisfies SchemaMatches<typeof personaSchema, Persona>;

/** What the bot decided for one turn, in the shared vocabulary. Never the message text. */
export const decisionSchema = z
  .object({
    persona: personaSchema,
    action: z.enum(ACTIONS),
    topic: z.enum(TOPICS).optional(),
    articleId: z.string().optional(),
    confidence: z.number(),
    theme: z.enum(THEMES).optional(),
    /** The turn opened with 999 and the duty / out-of-hours contact (an emergency, or a possible risk then answered). */
    signposted: z.boolean().optional(),
    channel: z.string(),
    /** UTC ISO instant. */
    at: z.string(),
    /** Links the decision to the turn without storing ids from the channel in the clear. */
    turnRef: z.string(),
  })
  .readonly();
export type Decision = z.infer<typeof decisionSchema>;

export function turnRef(channel: string, conversationId: string, activityId: string): string {
  return deterministicId('turn', channel, conversationId, activityId);
}

function decisionAddress(decision: Pick<Decision, 'at' | 'turnRef'>): RecordAddress {
  return { partitionKey: decision.at.slice(0, 7), id: decision.turnRef };
}

/** Decisions are what reports and the evaluation read; a redelivered activity records nothing new. */
export class DecisionLog {
  private readonly decisions: TypedRecords<Decision>;

  constructor(records: RecordStore, logger?: Logger) {
    this.decisions = new TypedRecords(records, 'decision', decisionSchema, logger);
  }

  async record(decision: Decision): Promise<void> {
    // stored without its unset fields (a JSON round trip drops them)
    const clean = JSON.parse(JSON.stringify(decision)) as Decision;
    await this.decisions.add(decisionAddress(decision), clean);
  }

  /** A stored decision that does not match the schema throws STORAGE_CORRUPT_DOCUMENT, rather than reading as none. */
  async forTurn(ref: string): Promise<Decision | undefined> {
    return (await this.decisions.find({ where: { turnRef: ref } }))?.data;
  }
}
