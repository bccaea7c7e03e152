import type { Action, Theme, Topic } from '../content/taxonomy';
import type { Understanding } from '../understanding/classifier';
import type { TurnFacts } from './turn-facts';

/** What a turn is recorded as, in the shared vocabulary (never the text). */
export interface TurnDecision {
  readonly action: Action;
  readonly topic?: Topic;
  readonly articleId?: string;
  readonly theme?: Theme;
  readonly confidence: number;
}

/** What a flow or card action decided for a turn whose text it read itself (a prompt's answer, a button). */
export interface DecidedBy {
  readonly action: Action;
  readonly topic?: Topic;
  readonly articleId?: string;
}

/**
 * One turn, created once by the bot before anything else: who is typing (facts), what the message was understood
 * as, and what the turn is recorded as. Flows and card actions decide through it; the bot records the decision.
 */
export class Turn {
  private understood: Understanding | undefined;
  private decided: TurnDecision | undefined;
  private signpostedNow = false;
  private welcomedNow = false;
  private previousArticle: string | undefined;

  constructor(readonly facts: TurnFacts) {}

  get understanding(): Understanding | undefined {
    return this.understood;
  }

  /** The classification of this turn's message (replaced once when it turns out to answer a flow's question). */
  understand(understanding: Understanding): void {
    this.understood = understanding;
  }

  /** Record the turn as it was understood (confidence and theme included). */
  decideAsUnderstood(): void {
    const u = this.understood;
    if (u === undefined) throw new Error('a turn was decided as understood before it was understood');
    this.decided = { action: u.action, topic: u.topic, articleId: u.articleId, theme: u.theme, confidence: u.confidence };
  }

  /** Record the turn as a flow or a card action decided it: certain, since the person chose it. */
  decide(decision: DecidedBy): void {
    this.decided = { ...decision, confidence: 1 };
  }

  get decision(): TurnDecision | undefined {
    return this.decided;
  }

  /** The article last given in this conversation before this turn (a hand-off's card shows what they had read). */
  get previousArticleId(): string | undefined {
    return this.previousArticle;
  }

  recallPreviousArticle(articleId: string | undefined): void {
    this.previousArticle = articleId;
  }

  /** The reply opened with 999 and the duty / out-of-hours contact. */
  markSignposted(): void {
    this.signpostedNow = true;
  }

  get signposted(): boolean {
    return this.signpostedNow;
  }

  /** The welcome went out in this turn (a greeting then needs no second hello). */
  markWelcomed(): void {
    this.welcomedNow = true;
  }

  get welcomed(): boolean {
    return this.welcomedNow;
  }
}
