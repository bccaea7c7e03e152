import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildDecision,
  installDecision,
  installsDevDependencies,
  planStart,
  recordBuildStarted,
  recordBuilt,
  recordInstall,
  sourceListing,
} from '../../bot/tools/start-local.cjs';

/** `npm start` (bot/tools/start-local.cjs) installs and builds only when due: its decisions, on throw-away checkouts. */
describe('npm start installs and builds only when something changed (issue 10)', () => {
  let root: string;
  const file = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };
  /** Moves a file's mtime by `seconds`, as an editor saving it later would. */
  const age = (relative: string, seconds: number) => {
    const { mtime } = statSync(path.join(root, relative));
    const moved = new Date(mtime.getTime() + seconds * 1000);
    utimesSync(path.join(root, relative), moved, moved);
  };
  const node20 = { versions: { modules: '115' }, platform: 'linux', arch: 'x64' };
  const installed = () => planStart(root, { runtime: node20 }).install;
  const built = () => planStart(root, { runtime: node20 }).build;
  const completeBuild = () => {
    recordBuildStarted(root);
    file('dist/bot/index.js', '// built');
    file('dist/understanding-model.json', '{}');
    recordBuilt(root);
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'fca-start-'));
    file('package.json', '{"name":"x"}');
    file('package-lock.json', '{"lockfileVersion":3,"packages":{"node_modules/pino":{"version":"9.3.0"}}}');
    file('tsconfig.json', '{}');
    file('bot/index.ts', 'export {};');
    file('dialogs/root-dialog.ts', 'export {};');
    file('content/intents.yaml', 'a: 1\n');
    file('content/training-corpus/a.jsonl', '{}\n');
    file('tests/bot/x.test.ts', 'it("x", () => undefined);');
    mkdirSync(path.join(root, 'node_modules'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('install', () => {
    it('installs when node_modules is missing', () => {
      rmSync(path.join(root, 'node_modules'), { recursive: true });
      expect(installed()).toEqual({ needed: true, reason: 'node_modules is missing' });
    });

    it('installs when node_modules has no record of a completed install (an interrupted npm ci, or one from before this launcher)', () => {
      expect(installed().needed).toBe(true);
      expect(installed().reason).toMatch(/no record of a completed install/);
    });

    it('does not install when the stamp matches this package-lock.json and this Node', () => {
      recordInstall(root, node20);
      expect(installed()).toEqual({ needed: false, reason: 'package-lock.json unchanged since the last install' });
    });

    it('installs when package-lock.json changed since the stamp, even by one byte', () => {
      recordInstall(root, node20);
      file('package-lock.json', '{"lockfileVersion":3,"packages":{"node_modules/pino":{"version":"9.3.1"}}}');
      expect(installed()).toEqual({ needed: true, reason: 'package-lock.json changed since the last install' });
    });

    it('does not install when only package.json or a source changed', () => {
      recordInstall(root, node20);
      file('package.json', '{"name":"x","scripts":{"a":"b"}}');
      file('bot/index.ts', 'export const x = 1;');
      expect(installed().needed).toBe(false);
    });

    it('installs when Node changed (the SQLite driver is compiled for one ABI)', () => {
      recordInstall(root, node20);
      const node22 = { ...node20, versions: { modules: '127' } };
      expect(planStart(root, { runtime: node22 }).install).toEqual({ needed: true, reason: expect.stringContaining('ABI 115 linux-x64 -> 127 linux-x64') });
    });

    it('installs when the stamp is unreadable', () => {
      file('node_modules/.fca-install-stamp', 'not json');
      expect(installed().needed).toBe(true);
      expect(installDecision({ nodeModules: true, stamp: 'a string', wanted: { lock: 'a', abi: '115', platform: 'linux-x64' } }).needed).toBe(true);
    });

    it('records only an install that has the dev dependencies the build needs', () => {
      expect(installsDevDependencies({})).toBe(true);
      expect(installsDevDependencies({ npm_config_omit: '' })).toBe(true);
      expect(installsDevDependencies({ npm_config_omit: 'dev' })).toBe(false);
      expect(installsDevDependencies({ npm_config_omit: 'optional dev' })).toBe(false);
      expect(installsDevDependencies({ NODE_ENV: 'production' })).toBe(false);
    });

    it('--reinstall installs and builds whatever the stamps say', () => {
      recordInstall(root, node20);
      completeBuild();
      const plan = planStart(root, { runtime: node20, force: { install: true } });
      expect(plan.install.needed).toBe(true);
      expect(plan.build.needed).toBe(true);
    });
  });

  describe('build', () => {
    it('builds when dist/ has no complete build', () => {
      expect(built()).toEqual({ needed: true, reason: 'no complete build in dist/' });
    });

    it('does not build when no source changed since the build', () => {
      completeBuild();
      expect(built()).toEqual({ needed: false, reason: 'no source changed since the last build' });
    });

    it.each(['bot/index.ts', 'dialogs/root-dialog.ts', 'content/intents.yaml', 'content/training-corpus/a.jsonl', 'tsconfig.json', 'package-lock.json'])(
      'builds when %s is newer than the build stamp, and names it',
      (source) => {
        completeBuild();
        age(source, 5);
        expect(built()).toEqual({ needed: true, reason: `1 source file(s) changed since the last build: ${source}` });
      },
    );

    it('builds when a source was edited, added or deleted', () => {
      completeBuild();
      file('bot/index.ts', 'export const longer = true;');
      expect(built().needed).toBe(true);
      completeBuild();
      file('content/articles/new.md', '# new');
      expect(built().reason).toMatch(/content\/articles\/new\.md/);
      completeBuild();
      rmSync(path.join(root, 'dialogs/root-dialog.ts'));
      expect(built().reason).toMatch(/dialogs\/root-dialog\.ts/);
    });

    it('does not build for a test file or an editor swap file (tests are built by npm test, not needed to serve)', () => {
      completeBuild();
      age('tests/bot/x.test.ts', 5);
      file('bot/.index.ts.swp', 'x');
      expect(built().needed).toBe(false);
    });

    it('builds again when the last build started but did not finish (it failed or was stopped)', () => {
      completeBuild();
      recordBuildStarted(root);
      expect(built().reason).toMatch(/no record of a completed build/);
    });

    it('builds again when a source changed while the build was running', () => {
      recordBuildStarted(root);
      age('bot/index.ts', 5);
      file('dist/bot/index.js', '// built');
      file('dist/understanding-model.json', '{}');
      recordBuilt(root);
      expect(built()).toEqual({ needed: true, reason: expect.stringContaining('bot/index.ts') });
    });

    it('names at most three changed files', () => {
      const current = sourceListing(root);
      const stamp = { files: Object.fromEntries(Object.keys(current).map((name) => [name, '0:0'])) };
      expect(buildDecision({ stamp, current, outputs: true }).reason).toMatch(
        /^7 source file\(s\) changed since the last build: [^,]+, [^,]+, [^,]+ and 4 more$/,
      );
    });
  });
});
