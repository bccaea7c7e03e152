import type { CarerContact } from '../bot/domain/contact-details/web-contacts';
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
  /**
   * The council does not know this person (on the web, not signed in): a flow that staff follow up asks how to get
   * back to them (dialogs/contact-details). Absent or false: not asked.
   */
  readonly contactNeeded?: boolean;
}

/** The carer as a staff record keeps them. Someone asked for contact details is named by those, not by their Direct Line name. */
export function carerOnRecord(
  options: CarerFlowOptions,
  contact: CarerContact | undefined,
): { audience: ProactiveAddress; channel: string; displayName?: string; contact?: CarerContact } {
  const base = { audience: options.carerAudience, channel: options.channel };
  if (contact !== undefined) return { ...base, contact };
  return options.carerDisplayName === undefined ? base : { ...base, displayName: options.carerDisplayName };
}

/** The `needed` of askContactDetails for a carer flow. */
export const contactNeededIn = (options: CarerFlowOptions): { readonly address: ProactiveAddress; readonly needed: boolean } => ({
  address: options.carerAudience,
  needed: options.contactNeeded === true,
});
