import { errorCodeOf } from '../bot/errors';
import type { Logger } from '../bot/logger';

/**
 * What a person may be told after asking for something to be recorded: saved (with the record), not saved (checked),
 * or not known (the store failed and could not be asked again). Never "saved" for something that is not, nor the reverse.
 */
export type SaveOutcome<R> = { readonly outcome: 'saved'; readonly record: R } | { readonly outcome: 'not-saved' } | { readonly outcome: 'unknown' };

export interface SaveSpec<R> {
  /** What is saved, for the log ("concern", "enquiry"), and the id field naming it. */
  readonly what: string;
  readonly idField: Readonly<Record<string, string>>;
  /** Creates the record once per originating activity. */
  create(): Promise<{ readonly record: R; readonly created: boolean }>;
  /** Reads it back after a failure (a write can commit although its answer is lost). */
  reread(): Promise<R | undefined>;
  /** Tells staff about it: a new record, or one found after a failure that was never announced. */
  announce(record: R): Promise<void>;
  announced(record: R): boolean;
  readonly logger: Logger;
}

/** Saves once and announces it, and after a store failure asks again whether it was saved before answering. */
export async function saveConfirmed<R>(spec: SaveSpec<R>): Promise<SaveOutcome<R>> {
  try {
    const { record, created } = await spec.create();
    if (created) await spec.announce(record);
    return { outcome: 'saved', record };
  } catch (error) {
    spec.logger.error(`${spec.what} not confirmed saved`, { code: errorCodeOf(error), ...spec.idField });
  }
  try {
    const stored = await spec.reread();
    if (stored === undefined) return { outcome: 'not-saved' };
    if (!spec.announced(stored)) await spec.announce(stored);
    return { outcome: 'saved', record: stored };
  } catch (error) {
    spec.logger.error(`${spec.what} state unknown`, { code: errorCodeOf(error), ...spec.idField });
    return { outcome: 'unknown' };
  }
}
