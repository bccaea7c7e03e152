import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadContent, type LoadedContent } from '../../bot/content/load-content';
import { ACTIONS, PERSONAS, THEMES, TOPICS } from '../../bot/content/taxonomy';
import { projectRoot } from '../../bot/project-root';
import { evaluate, readEvalFile, score, type EvalLine } from '../../bot/tools/evaluation';
import { normaliseForRules } from '../../bot/understanding/normalise';
import { asList } from '../../bot/understanding/labelled-message';

/**
 * Written without sight of the corpus, the rules or the code (README: "Understanding"); nobody tunes on it. Its
 * figures were looked at once the model was frozen, so it now guards against regressions; the newest split in the
 * same folder is the one a release is measured on.
 */
const BLIND_FOLDER = path.join(projectRoot(), 'tests', 'understanding', 'blind');
const PUBLIC_SET = path.join(projectRoot(), '..', 'shared', 'eval', 'messages.public.jsonl');

let content: LoadedContent;
beforeAll(async () => {
  content = await loadContent(path.resolve('content'));
});

describe('the training corpus (content/training-corpus)', () => {
  it('has at least 3,000 labelled messages covering every persona, action, topic and theme', () => {
    const { corpus } = content;
    expect(corpus.length).toBeGreaterThanOrEqual(3000);
    const seen = (pick: (m: EvalLine) => readonly string[]) => new Set(corpus.flatMap(pick));
    expect([...seen((m) => [m.persona])].sort()).toEqual([...PERSONAS].sort());
    expect([...seen((m) => asList(m.expect.action))].sort()).toEqual([...ACTIONS].sort());
    expect([...seen((m) => asList(m.expect.topic))].sort()).toEqual([...TOPICS].sort());
    expect([...seen((m) => asList(m.expect.theme))].sort()).toEqual([...THEMES].sort());
  });

  it('shares no message with any blind split', async () => {
    const files = readdirSync(BLIND_FOLDER).filter((f) => f.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const lines = (await Promise.all(files.map((f) => readEvalFile(path.join(BLIND_FOLDER, f))))).flat();
    const blind = new Set(lines.map((l) => normaliseForRules(l.text)));
    expect(content.corpus.filter((m) => blind.has(normaliseForRules(m.text))).map((m) => m.id)).toEqual([]);
  });
});

describe('npm run eval on the blind splits, through the real bot', () => {
  // floors just under what the frozen model reached on each split (README "Understanding"), so nothing slips; the
  // issue's aims are higher (action 0.92, emergency recall 1, false alarms 0.05, retention 0.92 / 0.88, fallback 0.8).
  // 12g was measured once, when this model was frozen (the newest split: the release's figures).
  const aims = { falseAlarms: 0.05, topic: 0.92, retentionRecall: 0.8 };
  it.each([
    ['blind-2026-12e.jsonl', { ...aims, emergencyRecall: 1, action: 0.91, retentionPrecision: 0.88, fallbackRecall: 0.57 }],
    ['blind-2026-12f.jsonl', { ...aims, falseAlarms: 0.062, emergencyRecall: 1, action: 0.89, retentionPrecision: 0.85, fallbackRecall: 0.78 }],
    ['blind-2026-12g.jsonl', { ...aims, retentionRecall: 0.85, emergencyRecall: 0.97, action: 0.88, retentionPrecision: 0.9, fallbackRecall: 0.57 }],
  ])(
    '%s: children at risk signposted in the same turn, few false alarms, action, topic and retention figures kept',
    async (file, floor) => {
      const lines = await readEvalFile(path.join(BLIND_FOLDER, file));
      expect(lines.length).toBeGreaterThanOrEqual(600);
      const { summary } = await evaluate(lines);
      expect(summary.emergencyRecall).toBeGreaterThanOrEqual(floor.emergencyRecall);
      expect(summary.emergencyFalseAlarmRate).toBeLessThanOrEqual(floor.falseAlarms);
      expect(summary.actionAccuracy).toBeGreaterThanOrEqual(floor.action);
      expect(summary.topicAccuracy).toBeGreaterThanOrEqual(floor.topic);
      expect(summary.retentionPrecision).toBeGreaterThanOrEqual(floor.retentionPrecision);
      expect(summary.retentionRecall).toBeGreaterThanOrEqual(floor.retentionRecall);
      expect(summary.fallbackRecall).toBeGreaterThanOrEqual(floor.fallbackRecall);
    },
    120_000,
  );
});

// ../shared sits beside the project on the team's machines and in CI; a fresh clone without it still passes
(existsSync(PUBLIC_SET) ? describe : describe.skip)('npm run eval on the public set (a check, not a target)', () => {
  it('keeps action >= 0.95 and catches every emergency', async () => {
    const { summary } = await evaluate(await readEvalFile(PUBLIC_SET));
    expect(summary.total).toBeGreaterThanOrEqual(389);
    expect(summary.actionAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(summary.emergencyRecall).toBe(1);
  }, 120_000);
});

describe('scoring', () => {
  const line = (expect: EvalLine['expect']): EvalLine => ({ id: 'x', persona: 'carer', text: 't', expect });
  const decision = (action: string, topic?: string, theme?: string, signposted?: boolean) => ({ action, topic, theme, signposted }) as never;

  it('counts an action or topic right when it is any of the listed ones, and reports mismatches', () => {
    const { summary, mismatches } = score(
      [line({ action: ['answer', 'clarify'], topic: ['allowances', 'support'] }), line({ action: 'retention' }), line({ action: 'emergency' })],
      [decision('clarify', 'support'), decision('answer', 'support'), decision('emergency')],
    );
    expect(summary.actionAccuracy).toBeCloseTo(2 / 3, 3);
    expect(summary.topicAccuracy).toBe(1);
    expect(summary.retentionRecall).toBe(0);
    expect(summary.retentionPrecision).toBeNull();
    expect(summary.emergencyRecall).toBe(1);
    expect(mismatches).toHaveLength(1);
  });

  it('scores precision over what the bot decided, and a missing decision as wrong', () => {
    const { summary } = score([line({ action: 'answer' }), line({ action: ['fallback', 'answer'] })], [decision('fallback'), undefined]);
    expect(summary.fallbackPrecision).toBe(0);
    expect(summary.fallbackRecall).toBeNull();
    expect(summary.actionAccuracy).toBe(0);
  });

  it('counts a signposted answer as emergency recall, and as a false alarm when no emergency was expected', () => {
    const { summary } = score(
      [line({ action: 'emergency' }), line({ action: 'emergency' }), line({ action: 'answer' }), line({ action: 'answer' })],
      [decision('answer', 'child-care', undefined, true), decision('answer'), decision('answer', undefined, undefined, true), decision('answer')],
    );
    expect(summary.emergencyRecall).toBe(0.5);
    expect(summary.emergencyFalseAlarmRate).toBe(0.5);
  });

  it('gives per-action precision and recall and the top confusions', () => {
    const result = score(
      [line({ action: 'retention' }), line({ action: 'retention' }), line({ action: 'answer' })],
      [decision('answer'), decision('retention'), decision('answer')],
    );
    expect(result.perAction.find((f) => f.action === 'retention')).toMatchObject({ precision: 1, recall: 0.5, decided: 1, expected: 2 });
    expect(result.perAction.find((f) => f.action === 'answer')).toMatchObject({ precision: 0.5, recall: 1 });
    expect(result.confusions).toEqual([{ expected: 'retention', decided: 'answer', count: 1 }]);
  });
});
