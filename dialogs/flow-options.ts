import type { ProactiveAddress } from '../bot/proactive/address';

/** What a carer flow (concern, request) is started with: server-side facts and the activity that started it. */
export interface CarerFlowOptions {
  /** Deterministic id from the first activity: a redelivered activity cannot create a second record. */
  readonly recordId: string;
  readonly carerAudience: ProactiveAddress;
  readonly carerDisplayName?: string;
  readonly channel: string;
  /** The message that started the flow (read for hints such as "a child is waiting"). */
  readonly text: string;
}
