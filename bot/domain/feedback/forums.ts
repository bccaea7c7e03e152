import type { ServiceProfile } from '../../content/service-profile';
import { normaliseForRules } from '../../understanding/normalise';

/**
 * The carers' association a message names, by its key or its name as the profile gives it, so the flow
 * does not ask what the carer already said. Undefined when none, or more than one, is named.
 */
export function forumNamedIn(text: string, profile: ServiceProfile): string | undefined {
  const words = ` ${normaliseForRules(text)} `;
  const named = profile.carersAssociations.filter((key) => {
    const name = normaliseForRules((profile.contacts[key]?.name ?? '').replace(/\(.*\)/, ''));
    return words.includes(` ${key.toLowerCase()} `) || (name !== '' && words.includes(` ${name} `));
  });
  return named.length === 1 ? named[0] : undefined;
}

/** Association key → the name carers know it by, in the profile's order. */
export function forumNames(profile: ServiceProfile): Record<string, string> {
  return Object.fromEntries(profile.carersAssociations.map((key) => [key, profile.contacts[key]?.name ?? key]));
}
