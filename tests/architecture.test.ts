import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');

describe('layout rules', () => {
  it('keeps botbuilder out of content, storage, domain logic and config (so a later SDK port touches two folders)', () => {
    const guarded = [
      ...sourceFiles('bot/content'),
      ...sourceFiles('bot/storage'),
      ...sourceFiles('bot/understanding'),
      ...sourceFiles('bot/domain'),
      'bot/config.ts',
      'bot/roles.ts',
      'bot/errors.ts',
      'bot/clock.ts',
      'bot/logger.ts',
      'bot/proactive/conversation-references.ts',
    ];
    const offenders = guarded.filter((file) => importsOf(file).some((m) => m.startsWith('botbuilder') || m.startsWith('botframework')));
    expect(offenders).toEqual([]);
  });

  it('imports @azure/cosmos only in the Cosmos store files', () => {
    const offenders = [...sourceFiles('bot'), ...sourceFiles('dialogs')].filter(
      (file) => importsOf(file).some((m) => m.startsWith('@azure/')) && !/storage\/(cosmos-|create-record-store)/.test(file),
    );
    expect(offenders).toEqual([]);
  });

  it('lets only the composition root (bot/app.ts) import dialogs', () => {
    const offenders = sourceFiles('bot').filter((file) => importsOf(file).some((m) => m.includes('/dialogs/')) && !file.endsWith('bot/app.ts'));
    expect(offenders).toEqual([]);
  });

  it('reads process.env only at the entry points', () => {
    const offenders = [...sourceFiles('bot'), ...sourceFiles('dialogs')].filter(
      (file) => readFileSync(file, 'utf8').includes('process.env') && !/bot\/index\.ts$|package-teams-app\.ts$|bot\/tools\//.test(file),
    );
    expect(offenders).toEqual([]);
  });

  it('never uses upsert with IfMatch (it recreates deleted records, COS-5)', () => {
    const cosmos = readFileSync('bot/storage/cosmos-record-store.ts', 'utf8');
    expect(cosmos).toMatch(/items\.upsert/);
    expect(cosmos).not.toMatch(/items\.upsert[^;]*accessCondition/s);
  });
});
