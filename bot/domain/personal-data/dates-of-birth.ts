/**
 * Dates of birth. A date after a birth cue ("DOB", "born on", "date of birth is", "birthday") is masked in any form,
 * even without a year. Any other full date (day, month and year) is masked too - next to a child's name a bare date is
 * almost always the birth date - unless a word like "on", "by" or "until" shows it is an appointment or a deadline.
 * Dates without a year and month-year dates are kept unless a birth cue precedes them ("training on 3 March").
 */

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ORDINAL_WORD =
  '(?:(?:twenty|thirty)[\\s-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth';
const DAY = `(?:\\d{1,2}(?:st|nd|rd|th)?|${ORDINAL_WORD})`;
const YEAR = '(?:19|20)\\d{2}';

const NUMERIC = '\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})';
const NUMERIC_SPACED = '\\d{1,2}\\s\\d{1,2}\\s(?:\\d{4}|\\d{2})'; // "03 04 2015": a date only after a birth cue
const ISO = `${YEAR}[/.-]\\d{1,2}[/.-]\\d{1,2}`; // 2014-05-30, 2014/05/30
const DAY_MONTH = `${DAY}\\s+(?:of\\s+)?${MONTH}`;
const MONTH_DAY = `${MONTH}\\s+(?:the\\s+)?${DAY}`;
const WITH_YEAR = `,?\\s+${YEAR}`;
const WITH_SHORT_YEAR = `\\s+['’]?\\d{2}(?![\\d:.])`; // "9 jan 15"

const DATE = new RegExp(
  `(?<![\\w/.-])(?:${ISO}|${NUMERIC}|${NUMERIC_SPACED}|${DAY_MONTH}(?:${WITH_YEAR}|${WITH_SHORT_YEAR})?|${MONTH_DAY}(?:${WITH_YEAR})?|${MONTH}\\s+${YEAR}|${YEAR})(?![\\w/-])`,
  'gi',
);
const FULL_DATE = new RegExp(`^(?:${ISO}|${NUMERIC}|${DAY_MONTH}(?:${WITH_YEAR}|${WITH_SHORT_YEAR})|${MONTH_DAY}${WITH_YEAR})$`, 'i');

const BIRTH_CUE = /\b(?:d\.?o\.?b|date of birth|birth ?date|born|birthday|b'?day)\b/i;

// The word just before a full date that marks it as an appointment, a deadline or a period rather than a birth date.
const EVENT_WORD =
  /\b(?:on|at|by|until|till|til|from|since|before|after|between|and|to|next|this|last|due|starting|starts|start|started|ends|ended|deadline|expires|expired|booked|meeting|review|panel|visit|appointment)\s*[,:]?\s*(?:the\s+)?$/i;

/** The text of the current sentence before `offset`: a birth cue there applies to every date after it. */
const sentenceBefore = (text: string, offset: number): string =>
  text
    .slice(0, offset)
    .split(/[.!?]\s|\n/)
    .at(-1) ?? '';

export function maskDatesOfBirth(text: string): string {
  return text.replace(DATE, (date: string, offset: number) => {
    const before = sentenceBefore(text, offset);
    if (BIRTH_CUE.test(before)) return '[dob]';
    if (FULL_DATE.test(date) && !EVENT_WORD.test(before)) return '[dob]';
    return date;
  });
}
