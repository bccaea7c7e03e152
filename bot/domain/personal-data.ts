import { maskAddresses } from './personal-data/addresses';
import { maskEmails, maskIdentifiers } from './personal-data/contact-details';
import { maskDatesOfBirth } from './personal-data/dates-of-birth';
import { maskNames } from './personal-data/names';

const MAX_LENGTH = 500;
// Only this much is looked at: enough context around the kept 500 characters, and a bound on the work per message.
const LOOKED_AT = MAX_LENGTH * 2;

/**
 * Masks personal data in free text kept for content editors (the unanswered-questions register): e-mail addresses,
 * dates of birth, NI and NHS numbers, phone numbers, postcodes, street addresses and house names, and people's names.
 * Over-masking is preferred to a leak. Masks before it cuts to length, so no half of a detail survives the cut.
 */
export function maskPersonalData(text: string): string {
  const masked = maskNames(maskAddresses(maskIdentifiers(maskDatesOfBirth(maskEmails(text.slice(0, LOOKED_AT))))));
  return masked.slice(0, MAX_LENGTH).replace(/\[[^\]]*$/, '');
}
