import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';
import { formatProblem, parseYamlWith, type Problem } from './load-yaml';
import { ServiceProfileSchema, type ServiceProfile } from './service-profile';

export interface LoadedContent {
  readonly profile: ServiceProfile;
}

export class ContentError extends AppError {
  override name = 'ContentError';

  constructor(readonly problems: readonly Problem[]) {
    super('CONTENT_INVALID', `content has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
  }
}

/** Reads and validates everything in content/; collects every problem, then fails once, so editors see them all. */
export async function loadContent(dir: string): Promise<LoadedContent> {
  const file = path.join(dir, 'service-profile.yaml');
  const parsed = parseYamlWith(ServiceProfileSchema, await readFile(file, 'utf8'), path.relative(process.cwd(), file));
  if (parsed.value === undefined) throw new ContentError(parsed.problems);
  return { profile: parsed.value };
}
