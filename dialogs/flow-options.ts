import type { ProactiveAddress } from '../bot/proactive/address';

/**
 * What a carer flow (concern, request) is started with: server-side facts only. The message that started it is read
 * from the activity in the flow's first step (the same turn), so its words are never kept in the dialog state.
 */
export interface CarerFlowOptions {
  /** Deterministic id from the first activity: a redelivered activity cannot create a second record. */
  readonly recordId: string;
  readonly carerAudience: ProactiveAddress;
  readonly carerDisplayName?: string;
  readonly channel: string;
}
