import { FUNNEL_STAGES, type Enquiry, type FunnelStage } from '../../../bot/domain/enquiries/enquiries';

let serial = 0;

/** A stored enquiry built by hand, raised at `raisedAt` and (unless told otherwise) waiting for first contact, not yet due. */
export function enquiry(raisedAt: string, extra: Partial<Enquiry> = {}): Enquiry {
  serial += 1;
  return {
    reference: `EQ-${String(serial).padStart(6, '0')}`,
    wants: 'call-back',
    enquirerKey: `key-${serial}`,
    channel: 'webchat',
    firstName: 'Alex',
    area: 'PE29',
    bestTime: 'any-time',
    interest: 'not-sure',
    ages: 'not-sure',
    connectedPerson: false,
    heardFrom: 'social-media',
    raisedAt,
    contactBy: '2099-01-01',
    stage: 'enquiry',
    attempts: 0,
    history: [],
    ...extra,
    reached: { enquiry: raisedAt, ...extra.reached },
  };
}

/** Every stage after `enquiry` up to `stage` reached at `at`, as an officer's action records them. */
export const reachedUpTo = (stage: FunnelStage, at: string): Partial<Enquiry> => ({
  stage,
  reached: Object.fromEntries(FUNNEL_STAGES.slice(1, FUNNEL_STAGES.indexOf(stage) + 1).map((s) => [s, at])),
});

export const many = (n: number, make: () => Enquiry): Enquiry[] => Array.from({ length: n }, make);
