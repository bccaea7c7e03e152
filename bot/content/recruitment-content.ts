import { DateTime } from 'luxon';
import { z } from 'zod';
import { SERVICE_ZONE } from '../clock';
import { sessionLabelOf } from './session-label';

const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be YYYY-MM-DDTHH:MM (Europe/London)');
const Id = z.string().regex(/^[a-z0-9-]+$/);

const InformationSessionSchema = z.strictObject({
  id: Id,
  /** An online information session, or a "Come and talk to a Foster Carer" drop-in run by the ambassadors. */
  kind: z.enum(['information-session', 'talk-to-a-carer']),
  start: LocalDateTime,
  end: LocalDateTime,
  where: z.string().min(2),
  online: z.boolean(),
  capacity: z.number().int().positive().max(1000),
  /** Known later for online sessions; shown to enquirers holding a place once it is set. */
  joiningLink: z.url({ protocol: /^https$/ }).optional(),
  example: z.boolean().default(false),
});

const OptionSchema = z.strictObject({ id: Id, label: z.string().min(2).max(60) });

/** content/recruitment.yaml: information sessions, the kinds of fostering enquirers choose from, and where they heard of us. */
export const RecruitmentContentSchema = z
  .strictObject({
    sessions: z.array(InformationSessionSchema),
    interests: z.array(OptionSchema.extend({ connectedPerson: z.boolean().default(false) })).min(2),
    heardFrom: z.array(OptionSchema).min(2),
  })
  .superRefine((content, ctx) => {
    const unique = (ids: string[], path: string) => {
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: [path], message: `${path} ids must be unique` });
    };
    unique(
      content.sessions.map((s) => s.id),
      'sessions',
    );
    unique(
      content.interests.map((s) => s.id),
      'interests',
    );
    unique(
      content.heardFrom.map((s) => s.id),
      'heardFrom',
    );
    content.sessions.forEach((session, i) => {
      if (session.end <= session.start) ctx.addIssue({ code: 'custom', path: ['sessions', i, 'end'], message: 'end must be after start' });
    });
  });

export type RecruitmentContent = z.infer<typeof RecruitmentContentSchema>;
export type InformationSession = RecruitmentContent['sessions'][number];
export type SessionKind = InformationSession['kind'];

/** "Wed 13 January, 18:30–19:30, Online (Microsoft Teams)" */
export function informationSessionLabel(session: InformationSession): string {
  return sessionLabelOf(session.start, session.end, session.where);
}

/** Sessions of one kind still to start, soonest first. */
export function upcomingSessions(content: RecruitmentContent, kind: SessionKind, now: DateTime): InformationSession[] {
  return content.sessions
    .filter((s) => s.kind === kind && DateTime.fromISO(s.start, { zone: SERVICE_ZONE }) > now)
    .sort((a, b) => a.start.localeCompare(b.start));
}
