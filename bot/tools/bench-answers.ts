import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Article } from '../content/article';
import { loadContent } from '../content/load-content';
import { TOPICS } from '../content/taxonomy';
import { projectRoot } from '../project-root';
import { AnswerIndex } from '../understanding/answer-index';
import { createClassifier, modelInputsOf } from '../understanding/create-classifier';
import { trainUnderstandingModel } from '../understanding/understanding-model';
import { TextPipeline } from '../understanding/text-pipeline';
import { readEvalFile } from './evaluation';

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function timeEach(items: readonly string[], rounds: number, run: (text: string) => void): { p50: number; p99: number } {
  for (const text of items) run(text); // warm up
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const text of items) {
      const start = performance.now();
      run(text);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Synthetic articles built from the real ones' vocabulary, so the index grows without changing its character. */
function syntheticArticles(real: readonly Article[], count: number): Article[] {
  const words = [...new Set(real.flatMap((a) => `${a.title} ${a.questions.join(' ')} ${a.body}`.toLowerCase().split(/[^a-z]+/)))].filter((w) => w.length > 3);
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sentence = (n: number) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const template = real[i % real.length] as Article;
    const topic = TOPICS[i % TOPICS.length] ?? 'support';
    return {
      ...template,
      id: `${topic}/synthetic-${i}`,
      topic,
      title: sentence(6),
      questions: [sentence(8), sentence(8), sentence(8)],
      keywords: [sentence(2)],
      body: sentence(120),
    };
  });
}

/** The newest blind split (the names sort by date): the messages a release is measured on. */
function newestBlindSplit(): string {
  const folder = path.join(projectRoot(), 'tests', 'understanding', 'blind');
  const newest = readdirSync(folder)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .at(-1);
  if (newest === undefined) throw new Error(`no blind split in ${folder}`);
  return path.join(folder, newest);
}

/** `npm run bench:answers`: model build time, classification time per message, and matcher time by index size. */
async function main(): Promise<void> {
  const content = await loadContent(path.join(projectRoot(), 'content'));
  const evalFile = process.argv[2] ?? newestBlindSplit();
  const messages = await readEvalFile(evalFile);
  // classification first, with the built model as the service loads it: the training below leaves a heap behind
  // that the service never holds (`npm run build` prints the build's own training time)
  const { classifier } = createClassifier(content);
  const classified = timeEach(
    messages.map((m) => `${m.persona}\u0000${m.text}`),
    20,
    (entry) => {
      const [persona, text] = entry.split('\u0000') as ['carer', string];
      classifier.classify(text, persona);
    },
  );
  const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  process.stdout.write(`classify (rules, concepts, model, search), ${messages.length} messages x20: p50 ${fmt(classified.p50)}, p99 ${fmt(classified.p99)}\n`);

  const trainingStarted = performance.now();
  const { action } = trainUnderstandingModel(modelInputsOf(content));
  const trainingMs = performance.now() - trainingStarted;
  process.stdout.write(
    `model build from ${content.corpus.length} labelled messages: ${(trainingMs / 1000).toFixed(1)} s, ${action.featureCount} action features\n`,
  );

  const pipeline = new TextPipeline(content.vocabulary);
  const queries = messages.map((m) => m.text);
  for (const size of [content.articles.length, 1_000, 10_000]) {
    const articles =
      size <= content.articles.length ? [...content.articles] : [...content.articles, ...syntheticArticles(content.articles, size - content.articles.length)];
    const built = performance.now();
    const index = new AnswerIndex(articles, pipeline);
    const buildMs = performance.now() - built;
    const matched = timeEach(queries, size >= 10_000 ? 2 : 10, (text) => void index.find(text, ['carer'], 5));
    process.stdout.write(
      `match, ${String(articles.length).padStart(5)} articles: p50 ${fmt(matched.p50)}, p99 ${fmt(matched.p99)} (index built in ${buildMs.toFixed(0)} ms)\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? String(error)) : String(error)}\n`);
  process.exitCode = 1;
});
