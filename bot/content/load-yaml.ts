import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/**
 * Parses YAML and validates it with a zod schema, reporting each problem at the line it refers to, so editors
 * can go straight to it. `lineOffset` is for YAML embedded in a larger file (front matter).
 */
export function parseYamlWith<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  lineOffset = 0,
): { value: z.infer<S>; problems: [] } | { value: undefined; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      value: undefined,
      problems: document.errors.map((error) => ({
        file,
        line: lineOffset + (lineCounter.linePos(error.pos[0]).line || 1),
        message: `YAML: ${error.message.split('\n')[0] ?? 'invalid'}`,
      })),
    };
  }
  const parsed = schema.safeParse(document.toJS());
  if (parsed.success) return { value: parsed.data, problems: [] };
  return {
    value: undefined,
    problems: parsed.error.issues.map((issue) => {
      const node = document.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      const parentNode = document.getIn(issue.path.slice(0, -1) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      const offset = node?.range?.[0] ?? parentNode?.range?.[0] ?? 0;
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return { file, line: lineOffset + lineCounter.linePos(offset).line, message: `${where}${issue.message}` };
    }),
  };
}
