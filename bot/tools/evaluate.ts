import path from 'node:path';
import { Settings } from 'luxon';
import { evaluate, readEvalFile } from './evaluation';

/** `npm run eval -- FILE.jsonl`: each mismatch on its own line, then the figures as one JSON line (last). */
async function main(): Promise<void> {
  Settings.throwOnInvalid = true;
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: npm run eval -- FILE.jsonl');
  const { summary, mismatches } = await evaluate(await readEvalFile(path.resolve(file)));
  for (const line of mismatches) process.stdout.write(`mismatch ${line}\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
