import { createHash } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContent, type LoadedContent } from '../content/load-content';
import { projectRoot } from '../project-root';
import { THRESHOLDS, type Thresholds, type Understanding } from '../understanding/classifier';
import { createClassifier, modelInputsOf } from '../understanding/create-classifier';
import { asList, type LabelledMessage } from '../understanding/labelled-message';
import { trainUnderstandingModel } from '../understanding/understanding-model';
import { formatBreakdown, readEvalFile, score, type EvalResult, type ScoredDecision } from './evaluation';

/** What a classification would be recorded as on the message's first turn. */
export function decisionOf(understanding: Understanding): ScoredDecision {
  return {
    action: understanding.action,
    topic: understanding.topic,
    theme: understanding.theme,
    signposted: understanding.emergency !== undefined ? true : undefined,
  };
}

/** A message's fold, from its id: stable whatever order the corpus files are read in. */
function foldOf(id: string, folds: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % folds;
}

export interface CrossValidationOptions {
  readonly folds?: number;
  /** Several threshold settings scored on the same fold models (training is the slow part). */
  readonly variants?: readonly Partial<Thresholds>[];
  readonly onClassified?: (message: LabelledMessage, understanding: Understanding) => void;
}

/** k-fold cross-validation of the whole classifier (rules, concepts, model, search) on the training corpus. */
export function crossValidate(content: LoadedContent, options: CrossValidationOptions = {}): EvalResult[] {
  const folds = options.folds ?? 5;
  const variants = options.variants ?? [{}];
  const lines: LabelledMessage[] = [];
  const decisions: ScoredDecision[][] = variants.map(() => []);
  for (let fold = 0; fold < folds; fold += 1) {
    const training = content.corpus.filter((m) => foldOf(m.id, folds) !== fold);
    const held = content.corpus.filter((m) => foldOf(m.id, folds) === fold);
    const model = trainUnderstandingModel(modelInputsOf(content, training));
    const classifiers = variants.map((variant) => createClassifier(content, { model, thresholds: { ...THRESHOLDS, ...variant } }).classifier);
    for (const message of held) {
      lines.push(message);
      classifiers.forEach((classifier, v) => {
        const understanding = classifier.classify(message.text, message.persona);
        if (v === 0) options.onClassified?.(message, understanding);
        decisions[v]?.push(decisionOf(understanding));
      });
    }
  }
  return decisions.map((d) => score(lines, d));
}

/**
 * `npm run eval:cv [-- --folds 5] [--mismatches]`: k-fold figures on the training corpus. With `--file F`, instead
 * classifies F in process with the model trained on the whole corpus (a quick check; `npm run eval` is the real one).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const content = await loadContent(path.join(projectRoot(), 'content'));
  const started = performance.now();
  const file = option('--file');
  let result: EvalResult;
  if (file !== undefined) {
    const lines = await readEvalFile(path.resolve(file));
    const { classifier } = createClassifier(content);
    result = score(
      lines,
      lines.map((l) => decisionOf(classifier.classify(l.text, l.persona))),
    );
  } else {
    const reasons = new Map<string, number>();
    const grid = option('--grid');
    const variants = grid === undefined ? [{}] : (JSON.parse(grid) as Partial<Thresholds>[]);
    const results = crossValidate(content, {
      folds: Number(option('--folds') ?? 5),
      variants,
      onClassified: (message, understanding) => {
        const expected = asList(message.expect.action);
        if (!expected.includes(understanding.action)) reasons.set(understanding.reason, (reasons.get(understanding.reason) ?? 0) + 1);
        if (!expected.includes('emergency') && understanding.emergency !== undefined) {
          const key = `false alarm ${understanding.emergency.level} ${understanding.action === 'emergency' ? understanding.reason : 'signposted'}`;
          reasons.set(key, (reasons.get(key) ?? 0) + 1);
        }
      },
    });
    results.forEach((r, i) => process.stdout.write(`variant ${JSON.stringify(variants[i])}: ${JSON.stringify(r.summary)}\n`));
    result = results[0] as EvalResult;
    if (args.includes('--reasons')) for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) process.stdout.write(`wrong by ${reason}: ${n}\n`);
  }
  if (args.includes('--mismatches')) for (const line of result.mismatches) process.stdout.write(`mismatch ${line}\n`);
  for (const line of formatBreakdown(result)) process.stdout.write(`${line}\n`);
  process.stderr.write(`(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  process.stdout.write(`${JSON.stringify(result.summary)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? String(error)) : String(error)}\n`);
    process.exitCode = 1;
  });
}
