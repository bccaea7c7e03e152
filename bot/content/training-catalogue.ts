import { z } from 'zod';

const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be YYYY-MM-DDTHH:MM (Europe/London)');

const SessionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  start: LocalDateTime,
  end: LocalDateTime,
  venue: z.string().min(2),
  capacity: z.number().int().positive().max(500),
  example: z.boolean().default(false),
});

const CourseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(3),
  description: z.string().min(10),
  audience: z.array(z.enum(['carer', 'enquirer', 'staff'])).min(1),
  skillsLevels: z.array(z.number().int().min(1).max(5)).default([]),
  match: z.array(z.string().min(2)).min(1),
  sessions: z.array(SessionSchema).default([]),
});

/** The course catalogue carers book from (issue 5 builds the booking flow on it). */
export const TrainingCatalogueSchema = z
  .strictObject({
    courses: z.array(CourseSchema).min(1),
    elearning: z.strictObject({ route: z.string().min(10), link: z.string().min(2) }),
  })
  .superRefine((catalogue, ctx) => {
    const ids = catalogue.courses.flatMap((c) => c.sessions.map((s) => s.id));
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['courses'], message: 'session ids must be unique' });
    catalogue.courses.forEach((course, i) =>
      course.sessions.forEach((session, j) => {
        if (session.end <= session.start) ctx.addIssue({ code: 'custom', path: ['courses', i, 'sessions', j, 'end'], message: 'end must be after start' });
      }),
    );
  });

export type TrainingCatalogue = z.infer<typeof TrainingCatalogueSchema>;
export type Course = TrainingCatalogue['courses'][number];
export type CourseSession = Course['sessions'][number];
