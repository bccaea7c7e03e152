/** Ids from ../shared/spec/taxonomy.md. Decisions and reports use exactly these: never rename one. */
export const TOPICS = [
  'allowances',
  'transport',
  'training',
  'mentoring',
  'allegations',
  'support',
  'association',
  'becoming-a-carer',
  'child-care',
  'leaving-care',
] as const;
export type Topic = (typeof TOPICS)[number];

export const ACTIONS = [
  'answer',
  'clarify',
  'training-booking',
  'transport-report',
  'mentor-request',
  'retention',
  'feedback',
  'emergency',
  'allegation-support',
  'enquiry',
  'handoff',
  'review-concerns',
  'review-enquiries',
  'report',
  'fallback',
] as const;
export type Action = (typeof ACTIONS)[number];

export const THEMES = [
  'payments-timeliness',
  'allowance-levels',
  'tax-statements',
  'transport-reliability',
  'social-worker-contact',
  'planning-and-reviews',
  'training-access',
  'skills-accreditation',
  'communication',
  'recognition',
  'wellbeing-and-support',
  'health-and-education',
  'other',
] as const;
export type Theme = (typeof THEMES)[number];

export const PERSONAS = ['carer', 'enquirer', 'manager', 'recruitment-officer', 'association-rep'] as const;

export function isTopic(value: string): value is Topic {
  return (TOPICS as readonly string[]).includes(value);
}
