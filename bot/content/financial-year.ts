import type { DateTime } from 'luxon';
import { SERVICE_ZONE } from '../clock';

/** UK local-authority financial years run 1 April to 31 March (Europe/London): "2026-27". */
export function financialYearOf(date: DateTime): string {
  const local = date.setZone(SERVICE_ZONE);
  const start = local.month >= 4 ? local.year : local.year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
