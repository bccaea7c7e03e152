import type { CarerContact } from '../../bot/domain/contact-details/web-contacts';
import { messages } from '../../bot/messages';
import { isTenantUser, type ProactiveAddress } from '../../bot/proactive/address';
import { escapeMarkdown } from '../card-text';

/** The carer as a staff record holds them (a concern's or a request's `carer`). */
export interface RecordCarer {
  readonly audience: ProactiveAddress;
  readonly displayName?: string;
  readonly channel: string;
  readonly contact?: CarerContact;
}

interface Fact {
  readonly title: string;
  readonly value: string;
}

/** A channel's stand-in for "no name": empty, or Direct Line's "webchat user". */
const NO_NAME = /^\s*$|^\s*(?:webchat|directline|msteams|test|emulator) user\s*$/i;

/**
 * Who the carer is on a staff card: the first name a web carer who is not signed in gave, else "Web carer (not
 * signed in)" (their Direct Line name is no one's name, and anyone could type one); the channel's name for someone
 * the council knows.
 */
export function carerName(carer: RecordCarer): string {
  if (typeof carer.contact === 'object') return escapeMarkdown(carer.contact.firstName);
  const known = carer.channel === 'msteams' || isTenantUser(carer.audience);
  if (!known || carer.contact === 'none-given') return messages.cards.webCarerNotSignedIn;
  return carer.displayName === undefined || NO_NAME.test(carer.displayName) ? messages.cards.unnamedCarer : escapeMarkdown(carer.displayName);
}

/**
 * The card's facts about the carer: who they are, then how to reach them when the council does not know them (the
 * phone and e-mail they gave, or that they gave none, so staff wait for the carer to get back in touch).
 */
export function carerFacts(carer: RecordCarer, carerTitle: string): Fact[] {
  const copy = messages.cards.contact;
  const name = { title: carerTitle, value: carerName(carer) };
  const { contact } = carer;
  if (contact === undefined) return [name];
  if (contact === 'none-given') return [name, { title: copy.details, value: copy.noneGiven }];
  return [
    name,
    ...(contact.phone === undefined ? [] : [{ title: copy.phone, value: escapeMarkdown(contact.phone) }]),
    ...(contact.email === undefined ? [] : [{ title: copy.email, value: escapeMarkdown(contact.email) }]),
  ];
}
