import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContent } from '../content/load-content';
import { projectRoot } from '../project-root';
import { MODEL_FILE, modelInputsOf } from '../understanding/create-classifier';
import { serialiseModel, trainUnderstandingModel } from '../understanding/understanding-model';

/** Run by `npm run build`: trains the understanding model from content/ and writes dist/understanding-model.json. */
async function main(): Promise<void> {
  const started = performance.now();
  const content = await loadContent(path.join(projectRoot(), 'content'));
  const model = trainUnderstandingModel(modelInputsOf(content));
  const json = JSON.stringify(serialiseModel(model));
  await mkdir(path.dirname(MODEL_FILE), { recursive: true });
  await writeFile(MODEL_FILE, json);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `understanding model: ${content.corpus.length} labelled messages, ${model.action.featureCount} action features, ` +
      `${(json.length / 1024).toFixed(0)} KiB, built in ${seconds} s -> ${path.relative(projectRoot(), MODEL_FILE)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
