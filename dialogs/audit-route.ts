/** How a staff view or action reached the bot, for the audit trail. */
export function auditRouteOf(activity: { readonly type?: string; readonly value?: unknown }): 'teams-card' | 'web-card' | 'chat-command' {
  return activity.type === 'invoke' ? 'teams-card' : activity.value === undefined ? 'chat-command' : 'web-card';
}
