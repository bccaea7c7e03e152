import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../errors';
import {
  checkPattern,
  FeedbackThemesSchema,
  IntentRulesSchema,
  SafetyRulesSchema,
  VocabularySchema,
  type FeedbackThemesFile,
  type IntentRulesFile,
  type SafetyRulesFile,
  type Vocabulary,
} from '../understanding/rules';
import { checkConcepts, SafetyConceptsSchema, type SafetyConceptsFile } from '../understanding/concepts';
import { parseLabelledLines, type LabelledMessage } from '../understanding/labelled-message';
import type { Article } from './article';
import { loadArticles } from './load-articles';
import { formatProblem, parseYamlWith, type Problem } from './load-yaml';
import { PLACEHOLDER, placeholderProblem } from './render';
import { exampleValues, ServiceProfileSchema, type ServiceProfile } from './service-profile';
import { ACTIONS } from './taxonomy';
import { TrainingCatalogueSchema, type TrainingCatalogue } from './training-catalogue';
import { RecruitmentContentSchema, type RecruitmentContent } from './recruitment-content';

export interface LoadedContent {
  readonly profile: ServiceProfile;
  readonly articles: readonly Article[];
  readonly safetyRules: SafetyRulesFile;
  readonly intents: IntentRulesFile;
  readonly themes: FeedbackThemesFile;
  readonly vocabulary: Vocabulary;
  /** Seed file -> how it is named to carers. */
  readonly sourceNames: Readonly<Record<string, string>>;
  readonly training: TrainingCatalogue;
  /** The public page's front door: information sessions, kinds of fostering, where enquirers heard of the service. */
  readonly recruitment: RecruitmentContent;
  /** The situations behind the safety signals, as reviewable lexicons. */
  readonly safetyConcepts: SafetyConceptsFile;
  /** Labelled messages the understanding model is trained on (content/training-corpus/*.jsonl). */
  readonly corpus: readonly LabelledMessage[];
}

export const CORPUS_DIR = 'training-corpus';

const SourceNamesSchema = z.record(z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/), z.string().min(5));

export interface ContentReport {
  readonly content: LoadedContent | undefined;
  /** Content that cannot be served: the bot refuses to start. */
  readonly errors: readonly Problem[];
  /** Worth fixing, not blocking: past review dates, example contact details. */
  readonly warnings: readonly ContentWarning[];
}

/** `example`: sample content marked `example: true`, expected in the shipped sample and reported together at start. */
export interface ContentWarning extends Problem {
  readonly example?: true;
}

export class ContentError extends AppError {
  override name = 'ContentError';

  constructor(readonly problems: readonly Problem[]) {
    super('CONTENT_INVALID', `content has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
  }
}

/** Loads content/ or throws a ContentError listing every error; warnings are the caller's to report. */
export async function loadContent(dir: string, today?: DateTime): Promise<LoadedContent> {
  const report = await checkContent(dir, today);
  if (report.content === undefined || report.errors.length > 0) throw new ContentError(report.errors);
  return report.content;
}

/** Reads and validates everything in content/, collecting every problem so editors see them all at once. */
export async function checkContent(dir: string, today?: DateTime): Promise<ContentReport> {
  const errors: Problem[] = [];
  const warnings: ContentWarning[] = [];
  const relative = (name: string) => path.relative(path.dirname(dir), path.join(dir, name));

  async function yamlFile<S extends z.ZodType>(name: string, schema: S): Promise<z.infer<S> | undefined> {
    let text: string;
    try {
      text = await readFile(path.join(dir, name), 'utf8');
    } catch {
      errors.push({ file: relative(name), line: 1, message: 'file is missing' });
      return undefined;
    }
    const parsed = parseYamlWith(schema, text, relative(name));
    errors.push(...parsed.problems);
    return parsed.value;
  }

  const profile = await yamlFile('service-profile.yaml', ServiceProfileSchema);
  const safetyRules = await yamlFile('safety-rules.yaml', SafetyRulesSchema);
  const intents = await yamlFile('intents.yaml', IntentRulesSchema);
  const themes = await yamlFile('feedback-themes.yaml', FeedbackThemesSchema);
  const vocabulary = await yamlFile('vocabulary.yaml', VocabularySchema);
  const sourceNames = await yamlFile('sources.yaml', SourceNamesSchema);
  const training = await yamlFile('training-courses.yaml', TrainingCatalogueSchema);
  if (training !== undefined && profile !== undefined && profile.links[training.elearning.link] === undefined) {
    errors.push({
      file: relative('training-courses.yaml'),
      line: 1,
      message: `elearning.link "${training.elearning.link}" is not a link in the service profile`,
    });
  }
  const recruitment = await yamlFile('recruitment.yaml', RecruitmentContentSchema);
  const trainingIds = new Set(training?.courses.flatMap((c) => c.sessions.map((s) => s.id)) ?? []);
  for (const session of recruitment?.sessions ?? []) {
    // both kinds of session keep their places in one store kind, keyed by session id
    if (trainingIds.has(session.id))
      errors.push({ file: relative('recruitment.yaml'), line: 1, message: `session id ${session.id} is also a training session's id` });
    if (session.example)
      warnings.push({
        file: relative('recruitment.yaml'),
        line: 1,
        message: `information session ${session.id} is an example (marked example: true): load the real dates before go-live`,
        example: true,
      });
  }
  const safetyConcepts = await yamlFile('safety-concepts.yaml', SafetyConceptsSchema);
  if (safetyConcepts !== undefined && safetyRules !== undefined) {
    for (const message of checkConcepts(safetyConcepts, Object.keys(safetyRules.emergency.categories))) {
      errors.push({ file: relative('safety-concepts.yaml'), line: 1, message });
    }
  }
  const corpus = await loadCorpus(path.join(dir, CORPUS_DIR), relative(CORPUS_DIR), errors);
  const { articles, problems } = await loadArticles(dir);
  errors.push(...problems);

  for (const [name, patterns] of [
    ['safety-rules.yaml', JSON.stringify(safetyRules ?? {})],
    ['intents.yaml', JSON.stringify(intents ?? {})],
    ['feedback-themes.yaml', JSON.stringify(themes ?? {})],
  ] as const) {
    for (const source of allPatterns(JSON.parse(patterns) as unknown)) {
      const problem = checkPattern(source);
      if (problem !== undefined) errors.push({ file: relative(name), line: 1, message: `pattern ${source}: ${problem}` });
    }
  }
  for (const [name, rule] of Object.entries(intents ?? {})) {
    if (rule.action === undefined && !(ACTIONS as readonly string[]).includes(name)) {
      errors.push({ file: relative('intents.yaml'), line: 1, message: `${name}: not an action id; set "action:"` });
    }
  }

  errors.push(...duplicateIds(articles));
  const ids = new Set(articles.map((a) => a.id));
  for (const article of articles) {
    const text = await readFile(path.join(path.dirname(dir), article.file), 'utf8');
    const lineOf = (needle: string) => Math.max(1, text.slice(0, Math.max(0, text.indexOf(needle))).split('\n').length);
    for (const followUp of article.followUps) {
      if (!ids.has(followUp)) errors.push({ file: article.file, line: lineOf(followUp), message: `follow-up "${followUp}" is not an article` });
    }
    if (profile !== undefined) {
      for (const match of article.body.matchAll(PLACEHOLDER)) {
        const problem = placeholderProblem(profile, match[1] ?? '', match[2], match[3]);
        if (problem !== undefined) errors.push({ file: article.file, line: lineOf(match[0]), message: `${match[0]}: ${problem}` });
      }
    }
    for (const source of article.sources) {
      if ('seed' in source && sourceNames !== undefined && sourceNames[source.seed] === undefined) {
        errors.push({ file: article.file, line: lineOf(source.seed), message: `seed ${source.seed} has no name in sources.yaml` });
      }
    }
    for (const detail of literalContactDetails(article.body)) {
      warnings.push({
        file: article.file,
        line: lineOf(detail),
        message: `contact detail "${detail}" written into the text: use a {{contacts...}} placeholder`,
      });
    }
    if (today !== undefined && article.reviewBy < (today.toISODate() ?? '')) {
      warnings.push({ file: article.file, line: lineOf('reviewBy:'), message: `review was due by ${article.reviewBy}` });
    }
  }
  for (const course of training?.courses ?? []) {
    for (const session of course.sessions.filter((x) => x.example)) {
      warnings.push({
        file: relative('training-courses.yaml'),
        line: 1,
        message: `session ${session.id} is an example (marked example: true): load the real dates before go-live`,
        example: true,
      });
    }
  }
  if (profile !== undefined) {
    const profileText = await readFile(path.join(dir, 'service-profile.yaml'), 'utf8');
    for (const example of exampleValues(profile)) {
      const key = example.split('.')[1] ?? '';
      const needle = example.startsWith('rates.') ? `financialYear: ${key}` : `\n  ${key}:`;
      const line = profileText.slice(0, Math.max(0, profileText.indexOf(needle))).split('\n').length + (needle.startsWith('\n') ? 1 : 0);
      warnings.push({
        file: relative('service-profile.yaml'),
        line,
        message: `${example} is an example value (marked example: true): replace it before go-live`,
        example: true,
      });
    }
  }

  const content =
    profile && safetyRules && intents && themes && vocabulary && sourceNames && training && recruitment && safetyConcepts
      ? { profile, articles, safetyRules, intents, themes, vocabulary, sourceNames, training, recruitment, safetyConcepts, corpus }
      : undefined;
  return { content, errors, warnings };
}

export interface ExampleSummary {
  readonly message: string;
  readonly count: number;
  /** The dotted profile fields or session ids, comma-separated. */
  readonly names: string;
}

/**
 * Sample content still marked `example: true`, one entry per kind (profile values, training sessions), for one log
 * line each at start rather than one per value. `npm run content:check` still lists each by file and line.
 */
export function exampleSummaries(content: Pick<LoadedContent, 'profile' | 'training' | 'recruitment'>): ExampleSummary[] {
  const profile = exampleValues(content.profile);
  const sessions = content.training.courses.flatMap((course) => course.sessions.filter((session) => session.example).map((session) => session.id));
  const informationSessions = content.recruitment.sessions.filter((session) => session.example).map((session) => session.id);
  return [
    { message: 'service profile has example values (marked example: true): replace them before go-live', count: profile.length, names: profile.join(', ') },
    {
      message: 'training courses have example sessions (marked example: true): load the real dates before go-live',
      count: sessions.length,
      names: sessions.join(', '),
    },
    {
      message: 'information sessions are examples (marked example: true): load the real dates before go-live',
      count: informationSessions.length,
      names: informationSessions.join(', '),
    },
  ].filter((summary) => summary.count > 0);
}

async function loadCorpus(dir: string, shown: string, errors: Problem[]): Promise<LabelledMessage[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch {
    errors.push({ file: shown, line: 1, message: 'the training corpus folder is missing' });
    return [];
  }
  const corpus: LabelledMessage[] = [];
  for (const name of files) {
    try {
      corpus.push(...parseLabelledLines(await readFile(path.join(dir, name), 'utf8'), `${shown}/${name}`));
    } catch (error) {
      const [where, ...message] = (error instanceof Error ? error.message : String(error)).split(': ');
      const [file, line] = (where ?? '').split(':');
      errors.push({ file: file ?? shown, line: Number(line ?? 1) || 1, message: message.join(': ') });
    }
  }
  const seen = new Set<string>();
  for (const message of corpus) {
    if (seen.has(message.id)) errors.push({ file: shown, line: 1, message: `message id ${message.id} is used twice` });
    seen.add(message.id);
  }
  return corpus;
}

function duplicateIds(articles: readonly Article[]): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const article of articles) {
    const first = seen.get(article.id);
    if (first !== undefined) problems.push({ file: article.file, line: 2, message: `id "${article.id}" is also used by ${first}` });
    else seen.set(article.id, article.file);
  }
  return problems;
}

/** Phone numbers, e-mail addresses and example.org links typed into article text rather than taken from the profile. */
function literalContactDetails(body: string): string[] {
  const withoutPlaceholders = body.replace(PLACEHOLDER, ' ');
  const phones = withoutPlaceholders.match(/\b0\d{2,4}[ -]?\d{3}[ -]?\d{3,4}\b/g) ?? [];
  const emails = withoutPlaceholders.match(/\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g) ?? [];
  const examples = withoutPlaceholders.match(/https?:\/\/[\w.-]*example\.(org|com)[^\s)]*/g) ?? [];
  return [...phones, ...emails, ...examples];
}

function allPatterns(value: unknown): string[] {
  if (typeof value === 'string') return value.length > 1 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(allPatterns);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (['advice', 'generalAdvice', 'action', 'personas'].includes(key) ? [] : allPatterns(v)));
  }
  return [];
}
