import type { DateTime } from 'luxon';
import { financialYearOf } from './financial-year';
import { messages } from '../messages';
import { formatContact, type ServiceProfile } from './service-profile';

export const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)(?:\.([A-Za-z0-9-]+))?(?:\.([a-zA-Z]+))?\s*\}\}/g;

const CONTACT_PARTS = ['name', 'phone', 'email', 'hours'] as const;

export interface RatesInForce {
  readonly financialYear: string;
  /** True when today's year has no table and an earlier year's rates are shown (the text then says so). */
  readonly stale: boolean;
  readonly table: ServiceProfile['rates'][number];
}

/** The rate table for the financial year of `now`, or the latest earlier one, flagged as stale. */
export function ratesInForce(profile: ServiceProfile, now: DateTime): RatesInForce | undefined {
  const current = financialYearOf(now);
  const candidates = profile.rates.filter((t) => t.financialYear <= current).sort((a, b) => b.financialYear.localeCompare(a.financialYear));
  const table = candidates[0];
  return table === undefined ? undefined : { financialYear: table.financialYear, stale: table.financialYear !== current, table };
}

export function describeOfficeHours(profile: ServiceProfile): string {
  const names = messages.placeholders.days;
  const days = profile.officeHours.days;
  const last = days.length > 1 ? names[days.at(-1) ?? 'fri'] : undefined;
  return messages.placeholders.officeHours(names[days[0] ?? 'mon'], last, profile.officeHours.open, profile.officeHours.close);
}

/** Why a placeholder cannot be filled; undefined when it can. Used by content:check and at render time. */
export function placeholderProblem(profile: ServiceProfile, group: string, key?: string, part?: string): string | undefined {
  switch (group) {
    case 'service':
      return key === 'name' || key === 'officeHours' ? undefined : `unknown placeholder service.${key ?? ''}`;
    case 'contacts':
      if (key === undefined || profile.contacts[key] === undefined) return `unknown contact "${key ?? ''}"`;
      if (part !== undefined && !(CONTACT_PARTS as readonly string[]).includes(part)) return `unknown contact part "${part}"`;
      if (part !== undefined && profile.contacts[key][part as (typeof CONTACT_PARTS)[number]] === undefined) return `contacts.${key} has no ${part}`;
      return undefined;
    case 'links':
      return key !== undefined && profile.links[key] !== undefined && part === undefined ? undefined : `unknown link "${key ?? ''}"`;
    case 'rates':
      if (key === 'financialYear') return undefined;
      return key !== undefined && profile.rates.some((t) => t.values[key] !== undefined) ? undefined : `unknown rate "${key ?? ''}"`;
    default:
      return `unknown placeholder group "${group}"`;
  }
}

const money = (amount: number) => `£${amount.toFixed(2)}`;

/** Fills {{placeholders}} from the service profile as it stands on `now`. Unknown ones are left visible, never blank. */
export function renderBody(body: string, profile: ServiceProfile, now: DateTime): string {
  const rates = ratesInForce(profile, now);
  return body.replace(PLACEHOLDER, (whole, group: string, key?: string, part?: string) => {
    if (placeholderProblem(profile, group, key, part) !== undefined) return whole;
    if (group === 'service') return key === 'name' ? profile.name : describeOfficeHours(profile);
    if (group === 'links') {
      const link = profile.links[key ?? ''];
      return link === undefined ? whole : `[${link.title}](${link.url})`;
    }
    if (group === 'contacts') {
      const contact = profile.contacts[key ?? ''];
      if (contact === undefined) return whole;
      return part === undefined ? formatContact(contact) : (contact[part as (typeof CONTACT_PARTS)[number]] ?? '');
    }
    if (rates === undefined) return messages.placeholders.rateUnknown;
    const note = rates.stale ? messages.placeholders.staleRatesNote : '';
    if (key === 'financialYear') return rates.stale ? messages.placeholders.staleFinancialYear(rates.financialYear) : rates.financialYear;
    const rate = rates.table.values[key ?? ''];
    return rate === undefined ? messages.placeholders.rateUnknown : `${money(rate.amount)} ${rate.unit} (${rates.financialYear}${note})`;
  });
}
