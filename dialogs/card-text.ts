import { DateTime } from 'luxon';

/** Free text from people or stores shown in a card's Markdown: every Markdown character is escaped, so it reads as typed. */
export const escapeMarkdown = (text: string): string => text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');

/** "Wed, 10 Jun 2026" (with the weekday) or "10 Jun 2026", in the service's time zone. */
export const cardDay = (iso: string, withWeekday = true): string =>
  DateTime.fromISO(iso, { zone: 'Europe/London' }).toLocaleString(withWeekday ? DateTime.DATE_MED_WITH_WEEKDAY : DateTime.DATE_MED, { locale: 'en-GB' });
