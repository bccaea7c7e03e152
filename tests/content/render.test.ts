import path from 'node:path';
import { DateTime } from 'luxon';
import { financialYearOf } from '../../bot/content/financial-year';
import { loadContent } from '../../bot/content/load-content';
import { placeholderProblem, ratesInForce, renderBody } from '../../bot/content/render';
import type { ServiceProfile } from '../../bot/content/service-profile';
import { isOfficeHours, safeguardingContactNow } from '../../bot/domain/service-hours';

let profile: ServiceProfile;

beforeAll(async () => {
  ({ profile } = await loadContent(path.resolve('content')));
});

/** The rate table the profile publishes for a financial year. */
const table = (year: string) => {
  const found = profile.rates.find((t) => t.financialYear === year);
  if (found === undefined) throw new Error(`the service profile has no rates for ${year}`);
  return found;
};
/** A rate as a carer reads it: "£180.00 per week". */
const money = (year: string, key: string) => {
  const rate = table(year).values[key];
  if (rate === undefined) throw new Error(`the service profile has no rate ${key} for ${year}`);
  return `£${rate.amount.toFixed(2)} ${rate.unit}`;
};
const contact = (key: string) => {
  const found = profile.contacts[key];
  if (found === undefined) throw new Error(`the service profile has no contact ${key}`);
  return found;
};
/** A part of a contact the test needs the profile to have (in a template an absent one would read "undefined"). */
const contactPart = (key: string, part: 'phone' | 'email') => {
  const value = contact(key)[part];
  if (value === undefined) throw new Error(`the service profile has no ${part} for contact ${key}`);
  return value;
};

const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('financialYearOf', () => {
  it.each([
    ['2026-03-31T23:59:59', '2025-26'],
    ['2026-04-01T00:00:00', '2026-27'],
    ['2026-01-15T12:00:00', '2025-26'],
    ['2026-12-31T23:59:59', '2026-27'],
    ['2099-04-01T00:00:00', '2099-00'],
  ])('%s in London is in %s', (iso, year) => {
    expect(financialYearOf(london(iso))).toBe(year);
  });

  it('turns over at midnight London time, which is 23:00 UTC on 31 March (BST began on 29 March 2026)', () => {
    // 22:59 UTC is 23:59 BST on 31 March; 23:30 UTC is already 00:30 BST on 1 April
    expect(financialYearOf(utc('2026-03-31T22:59:00'))).toBe('2025-26');
    expect(financialYearOf(utc('2026-03-31T23:30:00'))).toBe('2026-27');
    expect(financialYearOf(DateTime.fromISO('2026-04-01T00:30:00+01:00', { setZone: true }))).toBe('2026-27');
  });

  it('uses London time even for a date in another zone', () => {
    // 20:00 on 31 March in New York is 01:00 on 1 April in London
    expect(financialYearOf(DateTime.fromISO('2026-03-31T20:00:00', { zone: 'America/New_York' }))).toBe('2026-27');
  });
});

describe('ratesInForce', () => {
  it('switches table at 00:00 on 1 April, London time', () => {
    expect(ratesInForce(profile, london('2026-03-31T23:59:59'))).toMatchObject({ financialYear: '2025-26', stale: false });
    expect(ratesInForce(profile, london('2026-04-01T00:00:00'))).toMatchObject({ financialYear: '2026-27', stale: false });
    expect(ratesInForce(profile, utc('2026-03-31T23:30:00'))).toMatchObject({ financialYear: '2026-27', stale: false });
  });

  it('falls back to the latest earlier year, flagged as stale, when this year has no table', () => {
    const rates = ratesInForce(profile, london('2028-06-01T12:00:00'));
    expect(rates?.financialYear).toBe('2026-27');
    expect(rates?.stale).toBe(true);
    expect(rates?.table).toEqual(table('2026-27'));
  });

  it('has nothing before the first table', () => {
    expect(ratesInForce(profile, london('2025-03-31T23:59:00'))).toBeUndefined();
    expect(ratesInForce(profile, london('2024-06-01T12:00:00'))).toBeUndefined();
  });
});

describe('renderBody: rates', () => {
  const body = 'Age 0 to 4: {{rates.allowance-0-4}}. Mileage: {{rates.mileage}}. Year: {{rates.financialYear}}.';

  it('shows the outgoing year at 23:59 on 31 March', () => {
    expect(renderBody(body, profile, london('2026-03-31T23:59:00'))).toBe(
      `Age 0 to 4: ${money('2025-26', 'allowance-0-4')} (2025-26). Mileage: ${money('2025-26', 'mileage')} (2025-26). Year: 2025-26.`,
    );
  });

  it('shows the new year at 00:00 on 1 April', () => {
    expect(renderBody(body, profile, london('2026-04-01T00:00:00'))).toBe(
      `Age 0 to 4: ${money('2026-27', 'allowance-0-4')} (2026-27). Mileage: ${money('2026-27', 'mileage')} (2026-27). Year: 2026-27.`,
    );
  });

  it('shows the new year for a UTC instant that is still 31 March in UTC but 1 April in London', () => {
    expect(renderBody('{{rates.allowance-11-15}}', profile, utc('2026-03-31T23:30:00'))).toBe(`${money('2026-27', 'allowance-11-15')} (2026-27)`);
  });

  it('says when the rates shown are an earlier year (stale)', () => {
    expect(renderBody(body, profile, london('2028-06-01T12:00:00'))).toBe(
      `Age 0 to 4: ${money('2026-27', 'allowance-0-4')} (2026-27, the latest rates published here: please check with the payments team). ` +
        `Mileage: ${money('2026-27', 'mileage')} (2026-27, the latest rates published here: please check with the payments team). ` +
        'Year: 2026-27 (latest published here).',
    );
  });

  it('asks the carer to check with the payments team before any table', () => {
    const rendered = renderBody('The allowance is {{rates.allowance-5-10}}.', profile, london('2024-06-01T12:00:00'));
    expect(rendered).toBe('The allowance is the current rate (please ask the payments team).');
    expect(rendered).not.toContain('£');
  });
});

describe('renderBody: contacts, links and service', () => {
  const now = london('2026-06-10T10:00:00');

  it('renders a whole contact as name, phone and e-mail', () => {
    const payments = contact('payments');
    expect(renderBody('Contact {{contacts.payments}}.', profile, now)).toBe(
      `Contact ${payments.name}, ${contactPart('payments', 'phone')}, ${contactPart('payments', 'email')}.`,
    );
  });

  it('leaves out the parts a contact does not have', () => {
    const edt = contact('emergencyDutyTeam');
    expect(edt.email).toBeUndefined(); // the case under test: a contact without an e-mail address
    expect(renderBody('{{contacts.emergencyDutyTeam}}', profile, now)).toBe(`${edt.name}, ${contactPart('emergencyDutyTeam', 'phone')}`);
  });

  it.each([
    ['{{contacts.payments.phone}}', 'payments', 'phone'],
    ['{{contacts.payments.email}}', 'payments', 'email'],
    ['{{contacts.payments.name}}', 'payments', 'name'],
    ['{{contacts.transport.hours}}', 'transport', 'hours'],
    ['{{ contacts.payments.phone }}', 'payments', 'phone'],
  ] as const)('renders one part: %s', (placeholder, key, part) => {
    const text = contact(key)[part];
    expect(text).toBeDefined();
    expect(renderBody(placeholder, profile, now)).toBe(text);
  });

  it('renders links as Markdown links', () => {
    const { privacyNotice, transportPortal } = profile.links;
    expect(renderBody('See the {{links.privacyNotice}}.', profile, now)).toBe(`See the [${privacyNotice!.title}](${privacyNotice!.url}).`);
    expect(renderBody('{{links.transportPortal}}', profile, now)).toBe(`[${transportPortal!.title}](${transportPortal!.url})`);
  });

  it('renders the service name and office hours', () => {
    // the office hours as people read them, from mon-fri 09:00-17:00 in the profile
    expect(profile.officeHours).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00' });
    expect(renderBody('{{service.name}}: {{service.officeHours}}', profile, now)).toBe(`${profile.name}: Monday to Friday, 09:00 to 17:00 (not bank holidays)`);
  });

  it('renders several placeholders in one body and leaves the rest of the text alone', () => {
    expect(renderBody('Ring {{contacts.payments.phone}} or e-mail {{contacts.payments.email}} (not {{x}}).', profile, now)).toBe(
      `Ring ${contactPart('payments', 'phone')} or e-mail ${contactPart('payments', 'email')} (not {{x}}).`,
    );
  });

  it.each([
    '{{contacts.nobody}}',
    '{{contacts.payments.fax}}',
    '{{contacts.training.hours}}',
    '{{links.nowhere}}',
    '{{links.privacyNotice.url}}',
    '{{rates.no-such-rate}}',
    '{{service.phone}}',
    '{{widgets.thing}}',
    '{{contacts}}',
  ])('leaves an unknown placeholder visible, never blank: %s', (placeholder) => {
    expect(renderBody(`Before ${placeholder} after`, profile, now)).toBe(`Before ${placeholder} after`);
  });
});

describe('placeholderProblem', () => {
  const problems: readonly (readonly [string, string | undefined, string | undefined, string])[] = [
    ['widgets', 'thing', undefined, 'unknown placeholder group "widgets"'],
    ['contacts', 'nobody', undefined, 'unknown contact "nobody"'],
    ['contacts', undefined, undefined, 'unknown contact ""'],
    ['contacts', 'payments', 'fax', 'unknown contact part "fax"'],
    ['contacts', 'training', 'hours', 'contacts.training has no hours'],
    ['contacts', 'cfca', 'phone', 'contacts.cfca has no phone'],
    ['links', 'nowhere', undefined, 'unknown link "nowhere"'],
    ['links', 'privacyNotice', 'url', 'unknown link "privacyNotice"'],
    ['rates', 'no-such-rate', undefined, 'unknown rate "no-such-rate"'],
    ['rates', undefined, undefined, 'unknown rate ""'],
    ['service', 'phone', undefined, 'unknown placeholder service.phone'],
  ];

  it.each(problems)('%s.%s.%s: %s', (group, key, part, message) => {
    expect(placeholderProblem(profile, group, key, part)).toBe(message);
  });

  const fine: readonly (readonly [string, string, string | undefined])[] = [
    ['contacts', 'payments', undefined],
    ['contacts', 'payments', 'phone'],
    ['contacts', 'dutyTeam', 'email'],
    ['links', 'privacyNotice', undefined],
    ['rates', 'mileage', undefined],
    ['rates', 'financialYear', undefined],
    ['service', 'name', undefined],
    ['service', 'officeHours', undefined],
  ];

  it.each(fine)('accepts %s.%s.%s', (group, key, part) => {
    expect(placeholderProblem(profile, group, key, part)).toBeUndefined();
  });
});

describe('service hours', () => {
  const DUTY = 'dutyTeam';
  const EDT = 'emergencyDutyTeam';

  it.each([
    ['a weekday at 10:00 (Wednesday)', '2026-06-10T10:00:00', true, DUTY],
    ['a weekday at 09:00, opening time', '2026-06-10T09:00:00', true, DUTY],
    ['a weekday at 16:59', '2026-06-10T16:59:00', true, DUTY],
    ['a weekday at 08:59', '2026-06-10T08:59:00', false, EDT],
    ['a weekday at 17:00, closing time', '2026-06-10T17:00:00', false, EDT],
    ['a weekday at 18:00', '2026-06-10T18:00:00', false, EDT],
    ['a Saturday at 10:00', '2026-06-13T10:00:00', false, EDT],
    ['a Sunday at 12:00', '2026-06-14T12:00:00', false, EDT],
    ['a bank holiday Monday (28 December 2026) at 10:00', '2026-12-28T10:00:00', false, EDT],
    ['Good Friday 2026 at 10:00', '2026-04-03T10:00:00', false, EDT],
    ['the day after a bank holiday at 10:00', '2026-12-29T10:00:00', true, DUTY],
    ['the clocks going forward (Sunday 29 March 2026) at 10:00', '2026-03-29T10:00:00', false, EDT],
    ['the clocks going back (Sunday 25 October 2026) at 10:00', '2026-10-25T10:00:00', false, EDT],
  ])('%s', (_label, iso, open, team) => {
    const now = london(iso);
    expect(isOfficeHours(now, profile)).toBe(open);
    const { contact: reached, inOfficeHours } = safeguardingContactNow(now, profile);
    expect(inOfficeHours).toBe(open);
    expect(reached).toEqual(contact(team));
  });

  it('reads the time in London around the change to BST (29 March 2026)', () => {
    // Friday 27 March is GMT: 08:30 UTC is 08:30 local, before opening
    expect(isOfficeHours(utc('2026-03-27T08:30:00'), profile)).toBe(false);
    expect(isOfficeHours(utc('2026-03-27T16:30:00'), profile)).toBe(true);
    // Monday 30 March is BST: 08:30 UTC is 09:30 local (open), 16:30 UTC is 17:30 local (closed)
    expect(isOfficeHours(utc('2026-03-30T08:30:00'), profile)).toBe(true);
    expect(isOfficeHours(utc('2026-03-30T16:30:00'), profile)).toBe(false);
  });

  it('reads the time in London around the change back to GMT (25 October 2026)', () => {
    // Friday 23 October is BST: 08:30 UTC is 09:30 local (open), 16:30 UTC is 17:30 local (closed)
    expect(isOfficeHours(utc('2026-10-23T08:30:00'), profile)).toBe(true);
    expect(isOfficeHours(utc('2026-10-23T16:30:00'), profile)).toBe(false);
    // Monday 26 October is GMT: 08:30 UTC is 08:30 local (closed), 16:30 UTC is 16:30 local (open)
    expect(isOfficeHours(utc('2026-10-26T08:30:00'), profile)).toBe(false);
    expect(isOfficeHours(utc('2026-10-26T16:30:00'), profile)).toBe(true);
  });

  it('treats a bank holiday in BST by its London time: 09:30 UTC on 25 May 2026 is 10:30 on a bank holiday', () => {
    expect(safeguardingContactNow(utc('2026-05-25T09:30:00'), profile)).toEqual({ inOfficeHours: false, contact: contact(EDT) });
    expect(safeguardingContactNow(utc('2026-05-26T08:30:00'), profile)).toEqual({ inOfficeHours: true, contact: contact(DUTY) });
  });
});
