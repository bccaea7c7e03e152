import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The `ErrorCode` union in bot/errors.ts is the one list of codes the service logs or throws, and the README's
 * error-code table documents every one of them: an operator looking up a code in a log line finds it there.
 */

const ERRORS_FILE = 'bot/errors.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const quotedCodes = (text: string) => [...text.matchAll(/'([A-Z]+(?:_[A-Z]+)+|[A-Z]{4,})'/g)].map((m) => m[1] ?? '');

const errorsSource = withoutComments(readFileSync(ERRORS_FILE, 'utf8'));
const unionText = /export type ErrorCode =([\s\S]*?);/.exec(errorsSource)?.[1] ?? '';
const union = quotedCodes(unionText);

const others = [...sourceFiles('bot'), ...sourceFiles('dialogs')]
  .filter((file) => path.normalize(file) !== path.normalize(ERRORS_FILE))
  .map((file) => ({ file, source: withoutComments(readFileSync(file, 'utf8')) }));

/**
 * A code is used when another file names it, or when errors.ts uses it inside something another file uses: the
 * `ConfigError` class throws CONFIG_INVALID, `errorCodeOf` logs UNEXPECTED.
 */
function usedCodes(): Set<string> {
  const used = new Set(others.flatMap(({ source }) => quotedCodes(source)));
  const declarations = errorsSource.split(/\n(?=export )/).filter((d) => !d.startsWith('export type ErrorCode'));
  for (const declaration of declarations) {
    const name = /^export (?:class|function|const) (\w+)/.exec(declaration)?.[1];
    if (name === undefined) continue;
    if (others.some(({ source }) => new RegExp(`\\b${name}\\b`).test(source))) quotedCodes(declaration).forEach((c) => used.add(c));
  }
  return used;
}

/** The first column of each row of the README's "## Error codes" table (a cell may list several codes). */
function readmeCodes(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = /^## Error codes\s*$([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z_]+)`/g)].map((m) => m[1] ?? ''));
}

/**
 * Codes set on something that is not the service's own: SQLite's code, put on a thrown Error so the lock-wait retry
 * treats a busy checkpoint as it treats the driver's own SQLITE_BUSY (bot/storage/sqlite-record-store.ts).
 */
const FOREIGN_CODES = new Set(['SQLITE_BUSY']);

describe('error codes', () => {
  it('parses the union', () => {
    expect(union.length).toBeGreaterThan(10);
    expect(new Set(union).size).toBe(union.length);
  });

  it('lists only codes something throws or logs', () => {
    const used = usedCodes();
    expect(union.filter((code) => !used.has(code))).toEqual([]);
  });

  it('lists every code in the README error-code table, and the table only those', () => {
    const documented = readmeCodes();
    expect(union.filter((code) => !documented.includes(code))).toEqual([]);
    expect(documented.filter((code) => !union.includes(code))).toEqual([]);
  });

  it('logs and throws no code that is not in the union', () => {
    const pattern = /\b(?:code|lastCode)\s*(?::|===|!==)\s*'([A-Z]+(?:_[A-Z]+)+)'|new \w*Error\(\s*'([A-Z]+(?:_[A-Z]+)+)'|super\(\s*'([A-Z]+(?:_[A-Z]+)+)'/g;
    const unknown = others.flatMap(({ file, source }) =>
      [...source.matchAll(pattern)]
        .map((m) => m[1] ?? m[2] ?? m[3] ?? '')
        .filter((code) => !union.includes(code) && !FOREIGN_CODES.has(code))
        .map((code) => `${file}: ${code}`),
    );
    expect(unknown).toEqual([]);
  });
});
