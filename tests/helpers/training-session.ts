import type { TrainingCatalogue } from '../../bot/content/training-catalogue';
import { sessionLabel } from '../../bot/domain/training/training';

export interface SessionAsSeen {
  /** The course's title, as the bot names it. */
  readonly course: string;
  /** The session as the carer reads it and taps it: "Tue 2 March, 10:00–15:00, Huntingdon". */
  readonly label: string;
  readonly capacity: number;
}

/** A session of the loaded training catalogue as the carer sees it, so tests do not copy titles and dates. */
export function sessionOf(catalogue: TrainingCatalogue, sessionId: string): SessionAsSeen {
  for (const course of catalogue.courses) {
    const session = course.sessions.find((s) => s.id === sessionId);
    if (session !== undefined) return { course: course.title, label: sessionLabel(session), capacity: session.capacity };
  }
  throw new Error(`no session ${sessionId} in the training catalogue`);
}
