import { z } from 'zod';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const IsoDate = z.iso.date();
const Phone = z.string().regex(/^[0-9 +()]{3,20}$/, 'must be a phone number');

const ContactSchema = z.strictObject({
  name: z.string().min(1),
  phone: Phone.optional(),
  email: z.email().optional(),
  hours: z.string().optional(),
  /** When a forum or group meets, in plain words ("every two months"): told to carers who give it feedback. */
  meets: z.string().min(1).optional(),
  /** Fictional value for the sample pack: a production start warns until it is replaced. */
  example: z.boolean().default(false),
});

const LinkSchema = z.strictObject({
  title: z.string().min(1),
  url: z.url({ protocol: /^https$/ }),
  example: z.boolean().default(false),
});

const RateSchema = z.strictObject({
  amount: z.number().nonnegative(),
  unit: z.string().min(1),
  label: z.string().min(1),
});

const FinancialYear = z.string().regex(/^\d{4}-\d{2}$/, 'must look like 2026-27');

const RateTableSchema = z.strictObject({
  financialYear: FinancialYear,
  example: z.boolean().default(false),
  values: z.record(z.string().regex(/^[a-z0-9-]+$/), RateSchema),
});

/** Contacts every deployment must have: safeguarding signposting cannot work without them (SG-1). */
export const REQUIRED_CONTACTS = ['dutyTeam', 'emergencyDutyTeam', 'fosteringTeam'] as const;

export const ServiceProfileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    councils: z.array(z.string().min(1)).min(1),
    /** The areas the service covers, as carers name them (a mentor request asks which suits). */
    areas: z.array(z.string().min(1)).min(1),
    /** Keys under `contacts`: the carers' associations feedback is signposted to. */
    carersAssociations: z.array(z.string()).default([]),
    officeHours: z.strictObject({
      days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).min(1),
      open: Time,
      close: Time,
    }),
    bankHolidays: z.array(IsoDate),
    contacts: z.record(z.string().regex(/^[a-zA-Z]+$/), ContactSchema),
    links: z.record(z.string().regex(/^[a-zA-Z]+$/), LinkSchema),
    rates: z.array(RateTableSchema).min(1),
  })
  .superRefine((profile, ctx) => {
    for (const key of REQUIRED_CONTACTS) {
      if (profile.contacts[key]?.phone === undefined) {
        ctx.addIssue({ code: 'custom', path: ['contacts', key, 'phone'], message: `contacts.${key} needs a phone number` });
      }
    }
    if (profile.links.privacyNotice === undefined) {
      ctx.addIssue({ code: 'custom', path: ['links', 'privacyNotice'], message: 'links.privacyNotice is required (DP-8)' });
    }
    profile.carersAssociations.forEach((key, i) => {
      if (profile.contacts[key] === undefined) ctx.addIssue({ code: 'custom', path: ['carersAssociations', i], message: `"${key}" is not a contact` });
    });
    const years = profile.rates.map((table) => table.financialYear);
    if (new Set(years).size !== years.length) {
      ctx.addIssue({ code: 'custom', path: ['rates'], message: 'each financial year may appear once' });
    }
  });

export type ServiceProfile = z.infer<typeof ServiceProfileSchema>;
export type Contact = z.infer<typeof ContactSchema>;

/** Everything in the profile marked `example: true`, as dotted paths: production start-up warns about each. */
export function exampleValues(profile: ServiceProfile): string[] {
  return [
    ...Object.entries(profile.contacts)
      .filter(([, c]) => c.example)
      .map(([key]) => `contacts.${key}`),
    ...Object.entries(profile.links)
      .filter(([, l]) => l.example)
      .map(([key]) => `links.${key}`),
    ...profile.rates.filter((t) => t.example).map((t) => `rates.${t.financialYear}`),
  ];
}

/** "Name, 01632 960000, team@example.org" */
export function formatContact(contact: Contact): string {
  return [contact.name, contact.phone, contact.email].filter((part) => part !== undefined).join(', ');
}
