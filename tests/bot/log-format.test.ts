import path from 'node:path';
import { loadConfig } from '../../bot/config';
import { exampleSummaries, loadContent } from '../../bot/content/load-content';
import { ConfigError } from '../../bot/errors';
import { createLogger, type LogFormat } from '../../bot/logger';
import { PRODUCTION_ENV } from '../helpers/production-env';

const CANARY = 'CANARY-7f3a-Jamie-Smith-07700900123';

const production = PRODUCTION_ENV;

function capture(format: LogFormat) {
  const lines: string[] = [];
  return { lines, logger: createLogger({ write: (line: string) => lines.push(line) }, 'debug', format) };
}

/** Issue 10: local mode's logs read as lines a person can scan; production's stay one JSON object per line. */
describe('log format', () => {
  it('is readable lines in local mode, JSON with an app id and in production, and never pretty in production', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ MicrosoftAppId: 'x', MicrosoftAppPassword: 'y' }).logFormat).toBe('json');
    expect(loadConfig(production).logFormat).toBe('json');
    expect(() => loadConfig({ ...production, LOG_FORMAT: 'pretty' })).toThrow(ConfigError);
  });

  it('prints one line per entry: time, level, message, then the safe fields', () => {
    const { lines, logger } = capture('pretty');
    logger.info('listening', { host: '127.0.0.1', port: 3978, storage: 'sqlite' });
    logger.warn('LOCAL MODE: no MicrosoftAppId', { mode: 'local' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[?\d\d:\d\d:\d\d\]? INFO: listening \{"host":"127\.0\.0\.1","port":3978,"storage":"sqlite"\}\n$/);
    expect(lines[1]).toMatch(/WARN: LOCAL MODE: no MicrosoftAppId \{"mode":"local"\}\n$/);
    expect(lines.join('')).not.toContain('foster-carer-assistant'); // the service name is on every line: left out
  });

  it.each(['json', 'pretty'] as const)('keeps the field filter in %s: no text, names, bodies, headers, queries or tokens', (format) => {
    const { lines, logger } = capture(format);
    const req = { method: 'POST', url: `/api/messages?user=${CANARY}`, headers: { authorization: `Bearer ${CANARY}` }, body: { text: CANARY } };
    logger.forHttpServer().warn({ req, res: { statusCode: 500, req }, err: new Error(CANARY), value: CANARY, token: CANARY }, 'error retrieving formatter');
    logger.forHttpServer().error(new Error(CANARY));
    logger.error('turn failed', { code: 'UNEXPECTED', text: CANARY, name: CANARY, headers: CANARY });
    expect(lines).toHaveLength(3);
    expect(lines.join('')).not.toContain('CANARY-7f3a');
    expect(lines[0]).toContain('POST /api/messages');
    expect(lines[2]).toContain('UNEXPECTED');
  });
});

describe('example values in the shipped sample', () => {
  it('are summed up in one entry per kind, each naming every value', async () => {
    const content = await loadContent(path.resolve('content'));
    const summaries = exampleSummaries(content);
    expect(summaries.map((s) => s.message)).toEqual([
      'service profile has example values (marked example: true): replace them before go-live',
      'training courses have example sessions (marked example: true): load the real dates before go-live',
      'information sessions are examples (marked example: true): load the real dates before go-live',
    ]);
    const [profile, sessions, informationSessions] = summaries;
    expect(profile?.count).toBeGreaterThan(1);
    expect(profile?.names.split(', ')).toHaveLength(profile?.count ?? 0);
    expect(profile?.names).toContain('contacts.dutyTeam');
    expect(sessions?.count).toBe(5);
    expect(sessions?.names).toContain('first-aid-2027-03-02');
    expect(informationSessions?.names).toContain('info-2027-01-13');
  });

  it('say nothing once no value is marked as an example', async () => {
    const content = await loadContent(path.resolve('content'));
    const real = {
      profile: {
        ...content.profile,
        contacts: Object.fromEntries(Object.entries(content.profile.contacts).map(([k, c]) => [k, { ...c, example: false }])),
        links: Object.fromEntries(Object.entries(content.profile.links).map(([k, l]) => [k, { ...l, example: false }])),
        rates: content.profile.rates.map((t) => ({ ...t, example: false })),
      },
      training: { ...content.training, courses: content.training.courses.map((c) => ({ ...c, sessions: c.sessions.map((s) => ({ ...s, example: false })) })) },
      recruitment: { ...content.recruitment, sessions: content.recruitment.sessions.map((s) => ({ ...s, example: false })) },
    };
    expect(exampleSummaries(real)).toEqual([]);
  });
});
