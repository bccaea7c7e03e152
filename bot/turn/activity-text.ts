/**
 * An activity's text. botbuilder types `text` as always present, but card submits, invokes and events arrive
 * without it: reading it through here keeps the fallback honest for the type checker and the linter.
 */
export function textOf(activity: { readonly text?: string }): string {
  return activity.text ?? '';
}
