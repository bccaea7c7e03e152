import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { checkContent } from '../../bot/content/load-content';
import { formatProblem } from '../../bot/content/load-yaml';
import { TOPICS } from '../../bot/content/taxonomy';

describe('the shipped content pack', () => {
  it('passes content:check with no errors, at least 70 articles, every topic, every article sourced', async () => {
    const report = await checkContent(path.resolve('content'), DateTime.fromISO('2026-11-23'));
    expect(report.errors.map(formatProblem)).toEqual([]);
    const articles = report.content?.articles ?? [];
    expect(articles.length).toBeGreaterThanOrEqual(70);
    expect(new Set(articles.map((a) => a.topic))).toEqual(new Set(TOPICS));
    for (const article of articles) {
      expect({ id: article.id, sources: article.sources.length >= 1, questions: article.questions.length >= 3 }).toEqual({
        id: article.id,
        sources: true,
        questions: true,
      });
    }
  });

  it('covers the public page: enquirers have guidance on becoming a carer', async () => {
    const report = await checkContent(path.resolve('content'));
    const forEnquirers = (report.content?.articles ?? []).filter((a) => a.audience.includes('enquirer'));
    expect(forEnquirers.filter((a) => a.topic === 'becoming-a-carer').length).toBeGreaterThanOrEqual(8);
  });
});

describe('content:check finds problems and says where', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'fca-content-')), 'content');
    cpSync(path.resolve('content'), dir, { recursive: true });
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  const articleFile = () => path.join(dir, 'articles', 'allowances', 'payment-dates.md');

  it('reports a broken follow-up, an unknown placeholder and a missing field with file and line', async () => {
    const text = readFileSync(articleFile(), 'utf8')
      .replace(/followUps: \[[^\]]*\]/, 'followUps: [allowances/no-such-article]')
      .replace(/\n---\n/, '\n---\nCall {{contacts.nobody}} or {{rates.unknown-rate}}.\n')
      .replace(/^owner: .*$/m, '');
    writeFileSync(articleFile(), text);
    const report = await checkContent(dir);
    const messages = report.errors.map(formatProblem);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^content\/articles\/allowances\/payment-dates\.md:\d+: .*owner/)]));
    writeFileSync(articleFile(), text.replace(/^id:/m, 'owner: Finance\nid:'));
    const second = (await checkContent(dir)).errors.map(formatProblem);
    expect(second).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/payment-dates\.md:\d+: follow-up "allowances\/no-such-article" is not an article/),
        expect.stringMatching(/payment-dates\.md:\d+: \{\{contacts\.nobody\}\}: unknown contact "nobody"/),
        expect.stringMatching(/payment-dates\.md:\d+: \{\{rates\.unknown-rate\}\}: unknown rate "unknown-rate"/),
      ]),
    );
  });

  it('warns about a review date that has passed and contact details typed into the text', async () => {
    const text = readFileSync(articleFile(), 'utf8')
      .replace(/^reviewBy: .*$/m, 'reviewBy: 2026-12-01')
      .concat('\nRing 01632 960999 or email someone@example.org.\n');
    writeFileSync(articleFile(), text);
    const report = await checkContent(dir, DateTime.fromISO('2027-01-10'));
    const warnings = report.warnings.map(formatProblem);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/payment-dates\.md:\d+: review was due by 2026-12-01/),
        expect.stringMatching(/payment-dates\.md:\d+: contact detail "01632 960999"/),
        expect.stringMatching(/payment-dates\.md:\d+: contact detail "someone@example.org"/),
      ]),
    );
    expect(report.errors).toEqual([]);
  });

  it('refuses an id that does not match its path, a bad pattern, and a service profile without duty numbers', async () => {
    writeFileSync(articleFile(), readFileSync(articleFile(), 'utf8').replace(/^id: .*$/m, 'id: allowances/something-else'));
    writeFileSync(path.join(dir, 'intents.yaml'), readFileSync(path.join(dir, 'intents.yaml'), 'utf8').replace("'\\bhuman\\b'", "'(unclosed'"));
    const profile = readFileSync(path.join(dir, 'service-profile.yaml'), 'utf8').replace(/ {2}emergencyDutyTeam:\n( {4}.*\n)+/, '');
    writeFileSync(path.join(dir, 'service-profile.yaml'), profile);
    const messages = (await checkContent(dir)).errors.map(formatProblem);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/payment-dates\.md:\d+: id must be "allowances\/payment-dates"/),
        expect.stringMatching(/intents\.yaml:\d+: pattern \(unclosed/),
        expect.stringMatching(/service-profile\.yaml:\d+: .*emergencyDutyTeam/),
      ]),
    );
  });
});
