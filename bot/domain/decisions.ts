import type { Action, Theme, Topic } from '../content/taxonomy';
import type { Persona } from '../roles';
import { deterministicId, type RecordKey, type RecordStore } from '../storage/record-store';

/** What the bot decided for one turn, in the shared vocabulary. Never the message text. */
export interface Decision {
  readonly persona: Persona;
  readonly action: Action;
  readonly topic?: Topic;
  readonly articleId?: string;
  readonly confidence: number;
  readonly theme?: Theme;
  /** The turn opened with 999 and the duty / out-of-hours contact (an emergency, or a possible risk then answered). */
  readonly signposted?: boolean;
  readonly channel: string;
  /** UTC ISO instant. */
  readonly at: string;
  /** Links the decision to the turn without storing ids from the channel in the clear. */
  readonly turnRef: string;
}

export function turnRef(channel: string, conversationId: string, activityId: string): string {
  return deterministicId('turn', channel, conversationId, activityId);
}

function decisionKey(decision: Pick<Decision, 'at' | 'turnRef'>): RecordKey {
  return { kind: 'decision', partitionKey: decision.at.slice(0, 7), id: decision.turnRef };
}

/** Decisions are what reports and the evaluation read; a redelivered activity records nothing new. */
export class DecisionLog {
  constructor(private readonly records: RecordStore) {}

  async record(decision: Decision): Promise<void> {
    const clean = Object.fromEntries(Object.entries(decision).filter(([, value]) => value !== undefined)) as unknown as Decision;
    await this.records.create(decisionKey(decision), clean);
  }

  async forTurn(ref: string): Promise<Decision | undefined> {
    const [found] = await this.records.list<Decision>('decision', { where: { turnRef: ref }, limit: 1 });
    return found?.data;
  }
}
