import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The copy restify loads: its own nested one if it has one, else the hoisted one (formidable 3 exports no package.json). */
const installed = (name: string): string => {
  const candidates = [path.join('node_modules', 'restify', 'node_modules', name), path.join('node_modules', name)];
  const dir = candidates.find((candidate) => existsSync(path.join(candidate, 'package.json'))) ?? '';
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
};
const atLeast = (version: string, minimum: string) => {
  const [a, b] = [version, minimum].map((v) => v.split(/[.-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i += 1) if ((a?.[i] ?? 0) !== (b?.[i] ?? 0)) return (a?.[i] ?? 0) > (b?.[i] ?? 0);
  return true;
};

/** restify 11 pulls versions with published advisories; package.json overrides them (README, Security). */
describe('dependencies restify pulls in are overridden to fixed versions (issue 9 row 14)', () => {
  it.each([
    ['send', '0.19.0'], // CVE-2024-43799: template injection in redirects
    ['formidable', '3.5.3'], // 1.x is unmaintained; 3.5.3 fixes guessable upload names (CVE-2025-46653)
  ])('%s is at least %s', (name, minimum) => {
    expect(atLeast(installed(name), minimum)).toBe(true);
  });

  it('restify still loads its plugins with the overrides', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const restify = require('restify') as { plugins: { bodyParser: unknown; serveStatic: unknown } };
    expect(typeof restify.plugins.bodyParser).toBe('function');
    expect(typeof restify.plugins.serveStatic).toBe('function');
  });
});
