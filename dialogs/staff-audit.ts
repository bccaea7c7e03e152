import type { TurnContext } from 'botbuilder';
import type { AuditEvent } from '../bot/domain/audit-log';
import type { TurnFacts } from '../bot/turn/turn-facts';

/** How a staff view or action reached the bot, for the audit trail. */
export function auditRouteOf(activity: { readonly type?: string; readonly value?: unknown }): 'teams-card' | 'web-card' | 'chat-command' {
  return activity.type === 'invoke' ? 'teams-card' : activity.value === undefined ? 'chat-command' : 'web-card';
}

/** One staff view or action (DP-6): who (their role key), what, to which record, when, and by which route. */
export function staffAuditEvent(context: TurnContext, facts: TurnFacts, entry: { what: string; recordKind: string; recordId: string; at: string }): AuditEvent {
  return { who: facts.roleKey ?? 'unknown', ...entry, route: auditRouteOf(context.activity) };
}
