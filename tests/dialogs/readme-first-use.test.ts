import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The README a first user follows (issue 10): examples that work on any PORT, and a role table that promises only what is built. */

const readme = readFileSync('README.md', 'utf8');
const sourceOf = (dir: string): string =>
  readdirSync(dir)
    .map((name) => path.join(dir, name))
    .map((full) => (statSync(full).isDirectory() ? sourceOf(full) : full.endsWith('.ts') ? readFileSync(full, 'utf8') : ''))
    .join('\n');
/** Where abilities are handled: the dialogs (bot/roles.ts only maps ids to roles). */
const handlers = sourceOf('dialogs');

describe('the README', () => {
  it('writes commands that reach the service as ${PORT:-3978}, not a hard-coded 3978', () => {
    const blocks = [...readme.matchAll(/```(?:bash|sh)?\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    const hardCoded = blocks.flatMap((block) => block.split('\n')).filter((line) => /:3978\b/.test(line));
    expect(hardCoded).toEqual([]);
    expect(readme).toContain('${PORT:-3978}');
  });

  it('says which address to open when PORT is set: the one the service prints at start', () => {
    const section = readme.slice(readme.indexOf('## The two commands'), readme.indexOf('## Roles'));
    expect(section).toMatch(/`PORT`/);
    expect(section).toMatch(/printed at start|prints at start/);
  });

  it('marks every role whose abilities the code does not check yet as coming, with its issue', () => {
    const table = readme.slice(readme.indexOf('| variable | role | may |'), readme.indexOf('## Configuration'));
    const rows = [...table.matchAll(/^\| `([A-Z_]+)` \| `([a-z-]+)` \| (.+) \|$/gm)].map((m) => ({ role: m[2] ?? '', may: m[3] ?? '' }));
    expect(rows.map((r) => r.role)).toEqual(['manager', 'recruitment-officer', 'association-rep', 'content-editor', 'admin']);
    // a role's abilities are built when some handler checks for it (e.g. facts.roles.has('manager'))
    const checked = (role: string) => handlers.includes(`roles.has('${role}')`) || handlers.includes(`persona === '${role}'`);
    const unbuiltWithoutMark = rows.filter((r) => !checked(r.role) && !/\(coming: issue 1[1-4]\)/.test(r.may)).map((r) => r.role);
    expect(unbuiltWithoutMark).toEqual([]);
    // and the manager's row is true of the code: what exists is named, what does not is marked
    const manager = rows.find((r) => r.role === 'manager')?.may ?? '';
    expect(manager).toMatch(/transport reports/);
    expect(manager).toMatch(/\(coming: issue 14\)/);
  });
});
