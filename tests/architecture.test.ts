import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const specifiersOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] ?? '');

/** An import as a path from the repository root (`bot/storage/record-store`), or the package name. */
function targetOf(file: string, specifier: string): { readonly local?: string; readonly pkg?: string } {
  if (!specifier.startsWith('.')) return { pkg: specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '') };
  return {
    local: path
      .relative('.', path.resolve(path.dirname(file), specifier))
      .split(path.sep)
      .join('/'),
  };
}

const BOT_FRAMEWORK = /^(botbuilder|botframework)/;

interface FolderRule {
  /** Local modules this folder may import (prefixes); its own folder is always allowed. */
  readonly may: readonly string[];
  /** Which files in the folder may import the Bot Framework SDK. */
  readonly botFramework: 'all' | 'none' | readonly string[];
}

/**
 * Every source file falls under the rule of the deepest folder listed here (a new folder needs a rule before its
 * first file passes). Dependencies run one way: dialogs -> domain services -> storage; the SDK stays in the host and
 * dialogs, so a later port to the Agents SDK touches those two.
 */
const RULES: Record<string, FolderRule> = {
  dialogs: {
    may: [
      'bot/charts',
      'bot/clock',
      'bot/content',
      'bot/domain',
      'bot/errors',
      'bot/logger',
      'bot/messages',
      'bot/proactive',
      'bot/roles',
      'bot/storage/record-store',
      'bot/turn',
      'bot/understanding',
    ],
    botFramework: 'all',
  },
  'bot/domain': {
    may: [
      'bot/storage/record-store',
      'bot/storage/typed-records',
      'bot/content',
      'bot/errors',
      'bot/clock',
      'bot/roles',
      'bot/logger',
      'bot/understanding/normalise',
      'bot/proactive/address',
    ],
    botFramework: 'none',
  },
  'bot/storage': { may: ['bot/errors', 'bot/clock', 'bot/config', 'bot/logger'], botFramework: 'none' },
  // the loader compiles the rules and concepts it loads, so a content error stops the start with its file and line
  'bot/content': {
    may: ['bot/errors', 'bot/clock', 'bot/understanding/labelled-message', 'bot/understanding/rules', 'bot/understanding/concepts', 'bot/messages'],
    botFramework: 'none',
  },
  'bot/understanding': { may: ['bot/content', 'bot/roles', 'bot/project-root'], botFramework: 'none' },
  'bot/http': { may: ['bot/errors'], botFramework: 'none' },
  'bot/charts': { may: [], botFramework: 'none' },
  'bot/proactive': {
    may: ['bot/clock', 'bot/config', 'bot/errors', 'bot/logger', 'bot/storage/record-store', 'bot/storage/typed-records'],
    botFramework: ['bot/proactive/proactive-sender.ts'],
  },
  'bot/turn': { may: ['bot/config', 'bot/content', 'bot/proactive/address', 'bot/roles', 'bot/understanding'], botFramework: 'all' },
  'bot/channels': {
    may: ['bot/messages', 'bot/adapter', 'bot/clock', 'bot/config', 'bot/content', 'bot/errors', 'bot/logger', 'bot/project-root', 'bot/storage', 'bot/turn'],
    botFramework: 'all',
  },
  'bot/tools': { may: ['bot'], botFramework: 'none' },
  // the host's own files; only the composition root (app.ts) knows the features' dialogs
  bot: {
    may: ['bot'],
    botFramework: ['bot/adapter.ts', 'bot/app.ts', 'bot/foster-carer-bot.ts', 'bot/server.ts'],
  },
};
const COMPOSITION_ROOT = 'bot/app.ts';

function ruleFolderOf(file: string): string | undefined {
  const dirs = path.dirname(file).split(path.sep);
  for (let n = dirs.length; n > 0; n -= 1) {
    const folder = dirs.slice(0, n).join('/');
    if (RULES[folder] !== undefined) return folder;
  }
  return undefined;
}

const ALL = [...sourceFiles('bot'), ...sourceFiles('dialogs')].map((f) => f.split(path.sep).join('/'));

describe('layout rules, file by file', () => {
  it('has a rule for the folder of every source file', () => {
    expect(ALL.length).toBeGreaterThan(50);
    expect(ALL.filter((file) => ruleFolderOf(file) === undefined)).toEqual([]);
  });

  it("imports only what each folder's rule allows", () => {
    const offenders = ALL.flatMap((file) => {
      const folder = ruleFolderOf(file) ?? '';
      const rule = RULES[folder] as FolderRule;
      return specifiersOf(file).flatMap((specifier) => {
        const { local } = targetOf(file, specifier);
        if (local === undefined || local.startsWith(`${folder}/`)) return [];
        if (local.startsWith('dialogs/')) return folder === 'dialogs' || file === COMPOSITION_ROOT ? [] : [`${file} -> ${local}`];
        return rule.may.some((allowed) => local === allowed || local.startsWith(`${allowed}/`)) ? [] : [`${file} -> ${local}`];
      });
    });
    expect(offenders).toEqual([]);
  });

  it('keeps the Bot Framework SDK in the host and dialogs (content, storage, domain, understanding and config never import it)', () => {
    const offenders = ALL.filter((file) => {
      const allowed = (RULES[ruleFolderOf(file) ?? ''] as FolderRule).botFramework;
      if (allowed === 'all' || (Array.isArray(allowed) && allowed.includes(file))) return false;
      return specifiersOf(file).some((s) => BOT_FRAMEWORK.test(targetOf(file, s).pkg ?? ''));
    });
    expect(offenders).toEqual([]);
  });

  it('gives each feature two folders of the same name: its domain services and its dialogs', () => {
    // shared by features: masking personal details, and what every report needs (periods, CSV, exports)
    const shared = new Set(['personal-data', 'reports']);
    const domainFeatures = readdirSync('bot/domain').filter((name) => statSync(path.join('bot/domain', name)).isDirectory() && !shared.has(name));
    expect(domainFeatures.sort()).toEqual(expect.arrayContaining(['concerns', 'enquiries', 'guidance', 'requests', 'training']));
    expect(domainFeatures.filter((name) => !statSync(path.join('dialogs', name), { throwIfNoEntry: false })?.isDirectory())).toEqual([]);
  });

  it('imports @azure/* only in the Cosmos store files', () => {
    const offenders = ALL.filter(
      (file) =>
        specifiersOf(file).some((s) => (targetOf(file, s).pkg ?? '').startsWith('@azure/')) && !/^bot\/storage\/(cosmos-|create-record-store)/.test(file),
    );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only at the entry points', () => {
    const offenders = ALL.filter(
      (file) => readFileSync(file, 'utf8').includes('process.env') && !/^bot\/index\.ts$|package-teams-app\.ts$|^bot\/tools\//.test(file),
    );
    expect(offenders).toEqual([]);
  });

  it('decides deployment mode once: no feature, channel or store asks whether it runs in local mode', () => {
    const offenders = ALL.filter((file) => /\blocalMode\b/.test(readFileSync(file, 'utf8')) && !['bot/config.ts', COMPOSITION_ROOT].includes(file));
    expect(offenders).toEqual([]);
  });

  it('never uses upsert with IfMatch (it recreates deleted records, COS-5)', () => {
    const cosmos = readFileSync('bot/storage/cosmos-record-store.ts', 'utf8');
    expect(cosmos).toMatch(/items\.upsert/);
    expect(cosmos).not.toMatch(/items\.upsert[^;]*accessCondition/s);
  });
});
