import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkContent, ContentError, exampleSummaries, loadContent } from '../../bot/content/load-content';
import { formatProblem, type Problem } from '../../bot/content/load-yaml';

const SHIPPED_SESSIONS = ['info-2027-01-13', 'info-2027-02-10', 'info-2027-03-10', 'talk-2027-01-23', 'talk-2027-02-20'];
const FILE = 'content/recruitment.yaml';

const recruitmentProblems = <P extends Problem>(problems: readonly P[]): P[] => problems.filter((p) => p.file === FILE);

describe('the shipped recruitment.yaml', () => {
  it('loads, with its information sessions, kinds of fostering and sources, none sharing an id with a training session', async () => {
    const content = await loadContent(path.resolve('content'));
    const { sessions, interests, heardFrom } = content.recruitment;
    expect(sessions.map((s) => s.id)).toEqual(SHIPPED_SESSIONS);
    expect(new Set(sessions.map((s) => s.kind))).toEqual(new Set(['information-session', 'talk-to-a-carer']));
    expect(sessions.every((s) => s.end > s.start && s.capacity > 0)).toBe(true);
    expect(interests.map((i) => i.id)).toContain('not-sure');
    expect(interests.filter((i) => i.connectedPerson).map((i) => i.id)).toEqual(['connected-person']);
    expect(heardFrom.map((h) => h.id)).toContain('other');
    const trainingIds = content.training.courses.flatMap((c) => c.sessions.map((s) => s.id));
    expect(trainingIds.length).toBeGreaterThan(0);
    expect(sessions.filter((s) => trainingIds.includes(s.id))).toEqual([]);
  });

  it('has example dates, each warned about (marked example) and summed up in one start-up line', async () => {
    const report = await checkContent(path.resolve('content'));
    expect(recruitmentProblems(report.errors)).toEqual([]);
    expect(recruitmentProblems(report.warnings)).toEqual(
      SHIPPED_SESSIONS.map((id) => ({
        file: FILE,
        line: 1,
        message: `information session ${id} is an example (marked example: true): load the real dates before go-live`,
        example: true,
      })),
    );
    expect(exampleSummaries(report.content!)).toEqual(
      expect.arrayContaining([{ message: expect.stringMatching(/^information sessions are examples/), count: 5, names: SHIPPED_SESSIONS.join(', ') }]),
    );
  });
});

describe('content:check on recruitment.yaml', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'fca-content-')), 'content');
    cpSync(path.resolve('content'), dir, { recursive: true });
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  const file = () => path.join(dir, 'recruitment.yaml');
  const edit = (change: (text: string) => string) => {
    const before = readFileSync(file(), 'utf8');
    const after = change(before);
    // the edit must have changed something, or the test would prove nothing
    expect(after).not.toBe(before);
    writeFileSync(file(), after);
  };

  it("refuses a session whose id is a training session's (both keep their places under the session id)", async () => {
    edit((text) => text.replace('id: info-2027-02-10,', 'id: first-aid-2027-03-02,'));
    const report = await checkContent(dir);
    expect(recruitmentProblems(report.errors).map(formatProblem)).toEqual([`${FILE}:1: session id first-aid-2027-03-02 is also a training session's id`]);
    await expect(loadContent(dir)).rejects.toBeInstanceOf(ContentError);
  });

  it('warns about an example session and only that one', async () => {
    edit((text) => text.replace(/, example: true \}/g, ' }').replace('capacity: 8 }', 'capacity: 8, example: true }'));
    const report = await checkContent(dir);
    expect(report.errors).toEqual([]);
    expect(recruitmentProblems(report.warnings)).toEqual([
      {
        file: FILE,
        line: 1,
        message: 'information session talk-2027-01-23 is an example (marked example: true): load the real dates before go-live',
        example: true,
      },
    ]);
  });

  it('gives no example warning once every session is real', async () => {
    edit((text) => text.replace(/, example: true \}/g, ' }'));
    const report = await checkContent(dir);
    expect(report.errors).toEqual([]);
    expect(recruitmentProblems(report.warnings)).toEqual([]);
    expect(exampleSummaries(report.content!).map((s) => s.message)).not.toContainEqual(expect.stringMatching(/^information sessions/));
  });

  it.each([
    ['before its start', '"2027-01-23T09:00"'],
    ['at its start', '"2027-01-23T10:00"'],
  ])('refuses a session that ends %s, at the line of that session', async (_when, end) => {
    edit((text) => text.replace('end: "2027-01-23T12:00"', `end: ${end}`));
    const line =
      readFileSync(file(), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('id: talk-2027-01-23')) + 1;
    const report = await checkContent(dir);
    expect(recruitmentProblems(report.errors).map(formatProblem)).toEqual([`${FILE}:${line}: sessions.3.end: end must be after start`]);
    await expect(loadContent(dir)).rejects.toBeInstanceOf(ContentError);
  });

  it('refuses two sessions with one id', async () => {
    edit((text) => text.replace('id: info-2027-03-10,', 'id: info-2027-01-13,'));
    const report = await checkContent(dir);
    expect(recruitmentProblems(report.errors).map((p) => p.message)).toEqual(['sessions: sessions ids must be unique']);
  });
});
