import path from 'node:path';
import { Settings } from 'luxon';
import { evaluate, formatBreakdown, readEvalFile } from './evaluation';

/**
 * `npm run eval -- FILE.jsonl [--figures-only]`: each mismatch on its own line (left out with --figures-only, for a
 * blind split nobody may read), per-action precision and recall, the top confusions, then the figures as one JSON
 * line (last).
 */
async function main(): Promise<void> {
  Settings.throwOnInvalid = true;
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (file === undefined) throw new Error('usage: npm run eval -- FILE.jsonl [--figures-only]');
  const result = await evaluate(await readEvalFile(path.resolve(file)));
  if (!args.includes('--figures-only')) for (const line of result.mismatches) process.stdout.write(`mismatch ${line}\n`);
  for (const line of formatBreakdown(result)) process.stdout.write(`${line}\n`);
  process.stdout.write(`${JSON.stringify(result.summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
