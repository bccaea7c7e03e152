import path from 'node:path';
import { systemClock } from '../clock';
import { checkContent } from '../content/load-content';
import { formatProblem } from '../content/load-yaml';

/** `npm run content:check [dir]`: every problem as file:line: message; exits non-zero when any is an error. */
async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? 'content');
  const report = await checkContent(dir, systemClock.now());
  for (const problem of report.errors) process.stdout.write(`${formatProblem(problem)}\n`);
  for (const problem of report.warnings) process.stdout.write(`${formatProblem({ ...problem, message: `warning: ${problem.message}` })}\n`);
  const articles = report.content?.articles.length ?? 0;
  process.stdout.write(`content:check: ${articles} articles, ${report.errors.length} error(s), ${report.warnings.length} warning(s)\n`);
  if (report.errors.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
