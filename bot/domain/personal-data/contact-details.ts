/** Details with a fixed shape: e-mail addresses, NI and NHS numbers, UK phone numbers and postcodes. */

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

// Two prefix letters, six digits (often in pairs), a suffix A-D. Any prefix, so the specimen "QQ" is caught too.
const NI_NUMBER = /\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi;

// Ten digits as 3-3-4 (spaces or dashes) or run together; a number starting 0 is left to the phone pattern.
// not after "+44 (0)" or "+44 ": that is a phone number's national part
const NHS_NUMBER = /(?<!\+44\s?(?:\(0\)\s?)?)\b[1-9]\d{2}([\s-]?)\d{3}\1\d{4}\b/g;

// +44 or 0 (optionally in brackets), then digits with spaces, dots, dashes or brackets: 10 or 11 digits in all.
const UK_PHONE = /(?:\+44\s?(?:\(0\)\s?)?|\(0|\b0\s?)\d[\d\s().-]{7,14}\d\b/g;
// "+353 …" or, dialled from a UK phone, "0044 7700 …"
const INTERNATIONAL_PHONE = /(?:\+|\b00)\d[\d\s().-]{8,16}\d\b/g;

// Outward code (area letters, district digit, optional letter or digit), then inward code: digit and two letters.
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi;

// Numbers that identify a person after what they are: passport, pupil (UPN), driving licence, birth certificate.
const LABELLED_IDENTIFIER =
  /\b((?:passport|unique pupil|pupil|upn|driving licen[cs]e|licen[cs]e|birth certificate|child benefit|case)\s*(?:number|no\.?|ref(?:erence)?|#)?\s*(?:is|was|:|-)?\s*)([A-Z]{0,3}\d[A-Z\d]{6,15})\b/gi;

const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** The number as dialled inside the UK: +44 (0)1632 … and +44 1632 … both become 01632 … */
const nationalDigits = (phone: string): string => (phone.startsWith('+44') ? `0${digitsOf(phone).slice(2).replace(/^0/, '')}` : digitsOf(phone));

function maskPhones(text: string): string {
  return text
    .replace(UK_PHONE, (phone) => ([10, 11].includes(nationalDigits(phone).length) ? '[phone]' : phone))
    .replace(INTERNATIONAL_PHONE, (phone) => (digitsOf(phone).replace(/^00/, '').length >= 10 ? '[phone]' : phone));
}

export function maskEmails(text: string): string {
  return text.replace(EMAIL, '[email]');
}

/** NI and NHS numbers before phone numbers: a ten-digit NHS number would otherwise pass for a phone number. */
export function maskIdentifiers(text: string): string {
  return maskPhones(text.replace(LABELLED_IDENTIFIER, '$1[id]').replace(NI_NUMBER, '[ni-number]').replace(NHS_NUMBER, '[nhs-number]')).replace(
    POSTCODE,
    '[postcode]',
  );
}
