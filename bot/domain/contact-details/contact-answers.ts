/**
 * What a person types when asked how someone can get back to them (a prospective carer's enquiry, a web carer's
 * request): a phone number and/or an e-mail address, and their first name. Pure and deterministic: the text is never
 * logged, thrown or kept; each function returns only what it found, or, for the contact route, which problem to
 * re-ask about. (Masking personal details in free text is personal-data/; a postcode district is enquiries/.)
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------------------------------
// Phone number or e-mail address
// ---------------------------------------------------------------------------------------------------------------------

export type ContactProblem = 'email-without-at' | 'email-incomplete' | 'phone-has-letters' | 'phone-not-uk' | 'phone-wrong-length' | 'nothing-found';

export type ContactRouteResult =
  /** At least one of the two is present. */
  { readonly ok: true; readonly phone?: string; readonly email?: string } | { readonly ok: false; readonly problem: ContactProblem };

/**
 * Ofcom's "telephone numbers for drama purposes": ranges set aside for films, television, radio and other fiction and
 * never given to a subscriber, so tests and demonstrations can use them. libphonenumber does not count some of them
 * (07700 900…, 01632 960…) as valid; every one here is accepted, and shown with the spaces written here.
 */
export const DRAMA_NUMBER_RANGES: readonly { readonly first: string; readonly last: string }[] = [
  { first: '07700 900000', last: '07700 900999' },
  { first: '01632 960000', last: '01632 960999' },
  { first: '0113 496 0000', last: '0113 496 0999' },
  { first: '0114 496 0000', last: '0114 496 0999' },
  { first: '0115 496 0000', last: '0115 496 0999' },
  { first: '0116 496 0000', last: '0116 496 0999' },
  { first: '0117 496 0000', last: '0117 496 0999' },
  { first: '0118 496 0000', last: '0118 496 0999' },
  { first: '0121 496 0000', last: '0121 496 0999' },
  { first: '0131 496 0000', last: '0131 496 0999' },
  { first: '0141 496 0000', last: '0141 496 0999' },
  { first: '0151 496 0000', last: '0151 496 0999' },
  { first: '0161 496 0000', last: '0161 496 0999' },
  { first: '020 7946 0000', last: '020 7946 0999' },
  { first: '028 9649 6000', last: '028 9649 6999' },
  { first: '029 2018 0000', last: '029 2018 0999' },
  { first: '0191 498 0000', last: '0191 498 0999' },
];

/** A longer message is not an answer to "what's the best number or e-mail address?" (and keeps every pattern cheap). */
const MAX_CONTACT_ANSWER_LENGTH = 500;

const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** The digits laid out as the pattern is: shapedLike('07700 900000', '07700900123') → '07700 900123'. */
function shapedLike(pattern: string, digits: string): string {
  let next = 0;
  return pattern.replace(/\d/g, () => digits[next++] ?? '');
}

function dramaNumber(national: string): string | undefined {
  const range = DRAMA_NUMBER_RANGES.find(({ first, last }) => {
    const [from, to] = [digitsOf(first), digitsOf(last)];
    return national.length === from.length && national >= from && national <= to;
  });
  return range === undefined ? undefined : shapedLike(range.first, national);
}

type Found = { readonly at: number } & ({ readonly phone: string } | { readonly email: string } | { readonly problem: ContactProblem });
type Verdict = { readonly phone: string } | { readonly problem: ContactProblem };

/**
 * A UK number as dialled inside the UK (leading 0): a drama number, or one libphonenumber's full metadata calls valid.
 * Anything else (too short, too long, or a range not in use such as 04…) is 'phone-wrong-length': the re-ask asks the
 * person to check the number, which fits all three.
 */
function ukNumber(national: string): Verdict {
  const drama = dramaNumber(national);
  if (drama !== undefined) return { phone: drama };
  // Jersey, Guernsey and the Isle of Man share +44 and are dialled as UK numbers: valid for a GB default region too
  const parsed = parsePhoneNumberFromString(national, 'GB');
  return parsed?.isValid() === true ? { phone: parsed.formatNational() } : { problem: 'phone-wrong-length' };
}

/** Digits a person typed, misread letters included: O or o for 0; l, I, i or | for 1. */
const CONFUSABLE_ZERO = /[Oo]/g;
const CONFUSABLE_ONE = /[lIi|]/g;
const withConfusablesAsDigits = (text: string): string => text.replace(CONFUSABLE_ZERO, '0').replace(CONFUSABLE_ONE, '1');

/** A piece of a phone number: digits with the brackets, dots and dashes people write them with, and perhaps a leading +. */
const PHONE_PIECE = /^\+?[\d().-]*\d[\d().-]*$/;
const LETTER = /\p{L}/u;

/** A piece with letters in it that was still meant as part of a number: "07l23", "0712345678O", "0712345678g". */
const isMisTypedPhonePiece = (piece: string): boolean =>
  LETTER.test(piece) && /\d/.test(piece) && (PHONE_PIECE.test(withConfusablesAsDigits(piece)) || (/^[+(]?0/.test(piece) && digitsOf(piece).length >= 4));

/**
 * What a run of number pieces is: a UK number, a problem, or (undefined) no phone number at all: ages, house numbers
 * and counts are short digit runs that start with neither 0 nor +.
 */
function phoneVerdict(run: string): Verdict | undefined {
  if (LETTER.test(run)) {
    const asDigits = withConfusablesAsDigits(run);
    const count = digitsOf(asDigits).length;
    return (/^[+(]*0|^\+/.test(asDigits) && count >= 7) || count >= 10 ? { problem: 'phone-has-letters' } : undefined;
  }
  const digits = digitsOf(run);
  const international = run.startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : undefined;
  if (international !== undefined) {
    if (international.startsWith('44')) return ukNumber(`0${international.slice(2).replace(/^0/, '')}`); // +44 (0)7123 … too
    return international.length >= 6 ? { problem: 'phone-not-uk' } : undefined;
  }
  if (digits.startsWith('0')) return digits.length >= 5 ? ukNumber(digits) : undefined;
  // "44 7123 456789": +44 without its plus
  if (digits.startsWith('44') && (digits.length === 12 || digits.length === 13)) return ukNumber(`0${digits.slice(2).replace(/^0/, '')}`);
  if (digits.length < 7) return undefined;
  // "7123 456789": a UK number without its leading 0
  const withZero = digits.length === 10 ? ukNumber(`0${digits}`) : undefined;
  return withZero !== undefined && 'phone' in withZero ? withZero : { problem: 'phone-wrong-length' };
}

/** Words, and the pieces of numbers, between separators; a comma, slash or semicolon also ends a number. */
const TOKEN = /[^\s,;/:|]+/g;
const EDGE_PUNCTUATION = /^["'‘“]+|["'’”!?]+$/g;

function phonesIn(text: string): Found[] {
  const runs: { at: number; pieces: string[]; end: number }[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const piece = match[0].replace(EDGE_PUNCTUATION, '');
    if (!PHONE_PIECE.test(piece) && !isMisTypedPhonePiece(piece)) continue;
    const last = runs.at(-1);
    const joined = last !== undefined && /^\s+$/.test(text.slice(last.end, match.index));
    // "07123 456789 01223 456789": a piece starting 0 or + after ten digits begins a second number
    const secondNumber = last !== undefined && digitsOf(last.pieces.join('')).length >= 10 && /^[+(0]/.test(piece);
    if (last !== undefined && joined && !secondNumber) {
      last.pieces.push(piece);
      last.end = match.index + match[0].length;
    } else {
      runs.push({ at: match.index, pieces: [piece], end: match.index + match[0].length });
    }
  }
  return runs.flatMap(({ at, pieces }) => {
    const verdict = phoneVerdict(pieces.join(' '));
    return verdict === undefined ? [] : [{ at, ...verdict }];
  });
}

/** Anything with an @ in it, up to the spaces, commas, brackets or colon ("mailto:") around it. */
const EMAIL_CANDIDATE = /[^\s,;<>()[\]"/:|]*@[^\s,;<>()[\]"/:|]*/g;
const EMAIL_EDGE_PUNCTUATION = /^['‘]+|['’.!?]+$/g;
const EMAIL = z.email();

function emailsIn(text: string): Found[] {
  return [...text.matchAll(EMAIL_CANDIDATE)].flatMap((match): Found[] => {
    const candidate = match[0].replace(EMAIL_EDGE_PUNCTUATION, '');
    if (!/[^@.]/.test(candidate)) return []; // a lone "@" is the word "at"
    if (!EMAIL.safeParse(candidate).success) return [{ at: match.index, problem: 'email-incomplete' }];
    const at = candidate.lastIndexOf('@');
    return [{ at: match.index, email: `${candidate.slice(0, at)}@${candidate.slice(at + 1).toLowerCase()}` }];
  });
}

const TOP_LEVEL_DOMAINS = 'com|org|net|edu|gov|uk|ie|info|me|io|biz|co|email|online|cloud|scot|wales|cymru|london';
/** "jo.bloggs.gmail.com", "gmail.com": an address's domain with no @ before it. */
const DOMAIN_WITHOUT_AT = new RegExp(`\\b[\\w+-]+(?:\\.[\\w+-]+)*\\.(?:${TOP_LEVEL_DOMAINS})\\b`, 'gi');
/** "jo at gmail dot com", "jo (at) gmail.com". */
const SPOKEN_EMAIL = new RegExp(
  `[\\w.+-]+(?:\\s*[([]at[)\\]]\\s*|\\s+at\\s+)[\\w-]+(?:\\s*[([]dot[)\\]]\\s*|\\s+dot\\s+|\\.)(?:${TOP_LEVEL_DOMAINS})\\b`,
  'gi',
);
/** Mail providers nobody mentions but in an address: "jobloggs gmail". ("live" and "sky" are everyday words.) */
const MAIL_PROVIDER = /\b(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|btinternet|aol|protonmail|virginmedia|talktalk|ntlworld|blueyonder|msn)\b/gi;
/** "my email is jobloggs", "e-mail: jobloggs": the address after the cue, whatever it lacks. */
const EMAIL_CUE = /\be[\s-]?mail(?:\s+address)?(?:\s+is|\s*[:=-])\s*([\w.+-]+)/gi;
const NOT_AN_ADDRESS = new Set([
  'better',
  'best',
  'fine',
  'ok',
  'okay',
  'easier',
  'easiest',
  'good',
  'preferred',
  'quicker',
  'quickest',
  'please',
  'not',
  'no',
  'none',
]);

function emailsWithoutAtIn(text: string): Found[] {
  const cued = [...text.matchAll(EMAIL_CUE)].filter((m) => LETTER.test(m[1] ?? '') && !NOT_AN_ADDRESS.has((m[1] ?? '').toLowerCase()));
  return [...text.matchAll(DOMAIN_WITHOUT_AT), ...text.matchAll(SPOKEN_EMAIL), ...text.matchAll(MAIL_PROVIDER), ...cued].map((m) => ({
    at: m.index,
    problem: 'email-without-at' as const,
  }));
}

/**
 * The phone number and/or e-mail address in an answer to "What's the best phone number or e-mail address for you?".
 * One of each at most (a second valid one of the same kind is ignored); any broken attempt is reported, the first in
 * the text, even beside a valid route, since the person meant to give both.
 */
export function parseContactRoute(text: string): ContactRouteResult {
  if (text.length > MAX_CONTACT_ANSWER_LENGTH) return { ok: false, problem: 'nothing-found' };
  const normalised = text
    .normalize('NFKC')
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/(?<=\S)\s*@\s*(?=[\w-]+\.[a-z])/gi, '@') // "jo @ example.org"
    .replace(/(?<=\d)\s*-\s*(?=\d)/g, '-'); // "07123 - 456789"
  const emails = emailsIn(normalised);
  // the addresses blanked out (same length, so positions still compare) before looking for anything else
  const rest = normalised.replace(EMAIL_CANDIDATE, (candidate) => ';'.repeat(candidate.length));
  const found = [...emails, ...emailsWithoutAtIn(rest), ...phonesIn(rest)].sort((a, b) => a.at - b.at);

  const problem = found.find((f) => 'problem' in f);
  if (problem !== undefined && 'problem' in problem) return { ok: false, problem: problem.problem };
  const phone = found.find((f) => 'phone' in f);
  const email = found.find((f) => 'email' in f);
  if (phone === undefined && email === undefined) return { ok: false, problem: 'nothing-found' };
  return {
    ok: true,
    ...(phone !== undefined && 'phone' in phone ? { phone: phone.phone } : {}),
    ...(email !== undefined && 'email' in email ? { email: email.email } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// First name
// ---------------------------------------------------------------------------------------------------------------------

/** Answers to "What's your first name?" that are no name: refusals, questions back, and the words around them. */
export const NOT_A_NAME: ReadonlySet<string> = new Set([
  'no',
  'nope',
  'nah',
  'na',
  'skip',
  'pass',
  'dunno',
  'idk',
  'why',
  'what',
  'who',
  'how',
  'none',
  'not',
  'never',
  'rather',
  'prefer',
  'anonymous',
  'anon',
  'later',
  'yes',
  'yeah',
  'yep',
  'ok',
  'okay',
  'sure',
  'maybe',
  'nothing',
  'private',
  'secret',
  'unknown',
  'nobody',
  'i',
  'me',
  'my',
  'you',
  'your',
  'need',
  'want',
  'do',
  'does',
  "don't",
  'dont',
  "won't",
  'wont',
  "can't",
  'cant',
  "i'd",
  'sorry',
  'stop',
  'cancel',
  'quit',
  'exit',
  'help',
  'back',
  'menu',
  'restart',
  'the',
  'a',
  'an',
  'that',
  'this',
  'is',
  'it',
  'say',
  'tell',
  'ask',
]);

const MAX_NAME_ANSWER_LENGTH = 40;
const TITLE = /^(?:mr|mrs|ms|miss|dr|mx)$/i;
const GREETING = /^(?:hi|hello|hey|hiya)(?:\s+there)?(?:[\s,!.-]+|$)/i;
const NAME_LEAD_IN =
  /^(?:(?:my\s+)?(?:first\s+)?name(?:\s+is|'s)?|(?:i'm|im|i\s+am)(?:\s+called)?|it's|its|it\s+is|this\s+is|(?:you\s+can\s+)?call\s+me)(?:[\s,:-]+|$)/i;
const POLITE_ENDING = /[\s,]+(?:thanks|thank\s+you|cheers|here)[\s.!]*$/i;
/** Letters (any script, accents kept), with hyphens or apostrophes inside: "Mary-Ann", "O'Neill", "Siobhán". */
const NAME_WORD = /^\p{L}[\p{L}\p{M}]*(?:['-]\p{L}[\p{L}\p{M}]*)*$/u;
const SINGLE_LETTER = /^\p{L}\p{M}*$/u;
const NOT_LETTERS_AT_EDGES = /^[^\p{L}]+|[^\p{L}\p{M}]+$/gu;

/**
 * The first name in an answer to "What's your first name?": "I'm Jo" → "Jo", "Aoife O'Neill" → "Aoife", "Dr. Priya"
 * → "Priya"; all lower-case gets a capital first letter ("jo" → "Jo"). Undefined for digits, an e-mail address, more
 * than 40 characters, more than four words, a single letter, or a word from NOT_A_NAME ("no", "why do you need that").
 */
export function firstNameOf(text: string): string | undefined {
  const answer = text.normalize('NFC').replace(/[’‘`]/g, "'").trim();
  if (answer.length > MAX_NAME_ANSWER_LENGTH || /\d/.test(answer) || answer.includes('@')) return undefined;
  const name = answer
    .replace(/\p{Extended_Pictographic}/gu, ' ')
    .trim()
    .replace(GREETING, '')
    .replace(NAME_LEAD_IN, '')
    .replace(POLITE_ENDING, '');
  const words = name
    .split(/[\s,]+/)
    .map((word) => word.replace(NOT_LETTERS_AT_EDGES, ''))
    .filter((word) => word !== '');
  while (words[0] !== undefined && TITLE.test(words[0])) words.shift();
  const [first] = words;
  if (first === undefined || words.length > 4 || SINGLE_LETTER.test(first)) return undefined;
  if (words.some((word) => NOT_A_NAME.has(word.toLowerCase()) || !NAME_WORD.test(word))) return undefined;
  return first === first.toLowerCase() ? first.charAt(0).toUpperCase() + first.slice(1) : first;
}
