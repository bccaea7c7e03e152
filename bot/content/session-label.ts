import { DateTime } from 'luxon';
import { SERVICE_ZONE } from '../clock';

/** "Tue 3 March, 10:00–15:00, Huntingdon": a session as people read it, in local Europe/London time whatever the offset. */
export function sessionLabelOf(start: string, end: string, where: string): string {
  const from = DateTime.fromISO(start, { zone: SERVICE_ZONE }).setLocale('en-GB');
  const to = DateTime.fromISO(end, { zone: SERVICE_ZONE });
  return `${from.toFormat('ccc d LLLL')}, ${from.toFormat('HH:mm')}–${to.toFormat('HH:mm')}, ${where}`;
}
