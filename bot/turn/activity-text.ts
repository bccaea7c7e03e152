/**
 * An activity's text. botbuilder types `text` as always present, but card submits, invokes and events arrive
 * without it: reading it through here keeps the fallback honest for the type checker and the linter.
 */
export function textOf(activity: { readonly text?: string }): string {
  return activity.text ?? '';
}

/** The sender's name as the channel gave it, trimmed; '' when it gave none (botbuilder types it as always present). */
export function senderNameOf(activity: { readonly from: { readonly name?: string } }): string {
  return activity.from.name?.trim() ?? '';
}
