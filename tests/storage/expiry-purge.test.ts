import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fixedClock } from '../helpers/fixed-clock';
import { RECORD_KINDS, type RecordKind } from '../../bot/storage/data-inventory';
import { DirectLineClient } from '../helpers/direct-line-client';
import { startTestApp, type RunningApp } from '../helpers/test-app';

const DAY_SECONDS = 24 * 60 * 60;
const START = '2026-03-03T10:30:00Z';

const dbFile = (running: RunningApp) => path.join(running.dataDir, 'foster-carer-assistant.sqlite');
const purgeJob = (running: RunningApp) => {
  const job = running.app.jobs.find((candidate) => candidate.name === 'purge-expired');
  if (job === undefined) throw new Error("no purge-expired job among the app's scheduled jobs");
  return job;
};

/** Rows on disk, expired or not (the store's own reads hide expired rows, which is not what is being tested). */
function rowsOnDisk(running: RunningApp, where: string, ...params: string[]): number {
  const db = new Database(dbFile(running), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM records WHERE ${where}`).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Every copy of `needle` in the database file and its WAL and shared-memory files, read as raw bytes. */
function copiesOnDisk(running: RunningApp, needle: string): Record<string, number> {
  const copies: Record<string, number> = {};
  for (const suffix of ['', '-wal', '-shm']) {
    const file = `${dbFile(running)}${suffix}`;
    const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    let count = 0;
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) count += 1;
    copies[`db${suffix}`] = count;
  }
  return copies;
}

describe('expired web chat data is really gone (SQLite, moved clock)', () => {
  const clock = fixedClock(START);
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ clock });
  });
  afterAll(async () => {
    await running.stop();
  });

  it('deletes expired web chat rows and leaves no byte of the phone number in the database, WAL or shm files', async () => {
    const canary = '07700 900461';
    const chat = new DirectLineClient(running.baseUrl);
    await chat.start();
    await chat.send({ type: 'event', name: 'webchat/join' });
    // words that start no flow: "please ring me" would open a hand-off, whose record keeps them 90 days on purpose
    for (let i = 0; i < 3; i += 1) await chat.send({ type: 'message', text: `my new number is ${canary}` });
    // as in a service that has run a while, some copies are already checkpointed from the WAL into the database file
    const writer = new Database(dbFile(running));
    writer.pragma('wal_checkpoint(PASSIVE)');
    writer.close();
    await chat.send({ type: 'message', text: `or text ${canary}` });
    const webChatKinds = "kind IN ('directline-session', 'directline-activity')";
    const rowsBefore = rowsOnDisk(running, webChatKinds);
    const before = copiesOnDisk(running, canary);
    expect(rowsBefore).toBeGreaterThan(0);
    expect(before.db).toBeGreaterThan(0);
    expect(before['db-wal']).toBeGreaterThan(0);

    clock.advance(RECORD_KINDS['directline-activity'].ttlSeconds + 60);
    await purgeJob(running).runOnce();

    const after = copiesOnDisk(running, canary);
    console.log(
      `web chat rows ${rowsBefore} -> ${rowsOnDisk(running, webChatKinds)}; canary copies before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
    );
    expect(rowsOnDisk(running, webChatKinds)).toBe(0);
    expect(after).toEqual({ db: 0, 'db-wal': 0, 'db-shm': 0 });
    expect(running.logLines.some((line) => line.includes('expired records purged'))).toBe(true);
  });
});

/** The README's retention table, one row per kind: `| \`container\` | \`kind\` | N days | holds |`. */
function readmeRetention(): Record<string, number> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Data held, and for how long'));
  return Object.fromEntries(
    [...section.matchAll(/^\| `[a-z-]+` \| `([a-z-]+)` \| (\d+) (days?|hours?|minutes?)/gm)].map((m) => [
      m[1] ?? '',
      Number(m[2]) / (m[3]?.startsWith('hour') ? 24 : m[3]?.startsWith('minute') ? 24 * 60 : 1),
    ]),
  );
}

describe("the README's retention table is true of real expiry (SQLite, moved clock)", () => {
  it("states the data inventory's time to live for every kind", () => {
    const inventory = Object.fromEntries(Object.entries(RECORD_KINDS).map(([kind, spec]) => [kind, spec.ttlSeconds / DAY_SECONDS]));
    expect(readmeRetention()).toEqual(inventory);
  });

  describe('on a running service', () => {
    const clock = fixedClock(START);
    let running: RunningApp;
    beforeAll(async () => {
      running = await startTestApp({ clock });
    });
    afterAll(async () => {
      await running.stop();
    });

    it('keeps every kind until the README says, and the scheduled purge deletes it from disk after', async () => {
      const days = readmeRetention();
      const kinds = Object.keys(days) as RecordKind[];
      expect(kinds.length).toBe(Object.keys(RECORD_KINDS).length);
      for (const kind of kinds) await running.app.records.create({ kind, partitionKey: 'retention-test', id: 'one' }, { canary: 'retention-canary' });
      const present = (kind: string) => rowsOnDisk(running, 'kind = ? AND pk = ?', kind, 'retention-test') === 1;
      const start = clock.now().toUTC(); // a time to live is elapsed time: UTC days, whatever the clocks in London do

      const lifetimes = [...new Set(Object.values(days))].sort((a, b) => a - b);
      expect(lifetimes.length).toBeGreaterThan(1);
      for (const lifetime of lifetimes) {
        clock.set(start.plus({ minutes: Math.round(lifetime * 1440) - 1 }).toISO() ?? '');
        await purgeJob(running).runOnce();
        expect(kinds.filter((kind) => !present(kind))).toEqual(kinds.filter((kind) => (days[kind] ?? 0) < lifetime));
        clock.set(start.plus({ minutes: Math.round(lifetime * 1440) + 1 }).toISO() ?? '');
        await purgeJob(running).runOnce();
        expect(kinds.filter((kind) => !present(kind))).toEqual(kinds.filter((kind) => (days[kind] ?? 0) <= lifetime));
      }
      console.log(`retention checked at ${lifetimes.join(', ')} days for ${kinds.length} kinds; left on disk: ${kinds.filter(present).length}`);
      expect(copiesOnDisk(running, 'retention-canary')).toEqual({ db: 0, 'db-wal': 0, 'db-shm': 0 });
    });
  });
});

describe('a retention period the deployment sets (ENQUIRY_RETENTION_DAYS), SQLite with a moved clock', () => {
  const clock = fixedClock(START);
  let running: RunningApp;
  beforeAll(async () => {
    running = await startTestApp({ clock, env: { ENQUIRY_RETENTION_DAYS: '10' } });
  });
  afterAll(async () => {
    await running.stop();
  });

  it('keeps an enquiry that many days after its last change, then the purge deletes it from disk', async () => {
    const key = { kind: 'enquiry' as const, partitionKey: 'retention-test', id: 'enquiry-1' };
    const created = await running.app.records.create(key, { canary: 'enquiry-canary' });
    const start = clock.now().toUTC();
    // a change restarts the period: "180 days after closing" is 180 days after the closing write
    clock.set(start.plus({ days: 5 }).toISO() ?? '');
    await running.app.records.replace(created.record, { canary: 'enquiry-canary' });
    clock.set(start.plus({ days: 15, minutes: -1 }).toISO() ?? '');
    await purgeJob(running).runOnce();
    expect(rowsOnDisk(running, 'kind = ? AND pk = ?', 'enquiry', 'retention-test')).toBe(1);
    clock.set(start.plus({ days: 15, minutes: 1 }).toISO() ?? '');
    await purgeJob(running).runOnce();
    expect(rowsOnDisk(running, 'kind = ? AND pk = ?', 'enquiry', 'retention-test')).toBe(0);
    expect(copiesOnDisk(running, 'enquiry-canary')).toEqual({ db: 0, 'db-wal': 0, 'db-shm': 0 });
  });
});
