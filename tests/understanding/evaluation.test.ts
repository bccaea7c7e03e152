import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../bot/project-root';
import { evaluate, readEvalFile, score, type EvalLine } from '../../bot/tools/evaluation';

const PUBLIC_SET = path.join(projectRoot(), '..', 'shared', 'eval', 'messages.public.jsonl');

describe('npm run eval on the public set, through the real bot', () => {
  it('meets the thresholds: action >= 0.95, topic >= 0.92, every emergency caught, retention recall and precision', async () => {
    if (!existsSync(PUBLIC_SET)) throw new Error(`${PUBLIC_SET} is missing: the shared/ folder must sit beside the project`);
    const { summary } = await evaluate(await readEvalFile(PUBLIC_SET));
    expect(summary.total).toBeGreaterThanOrEqual(389);
    expect(summary.actionAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(summary.topicAccuracy).toBeGreaterThanOrEqual(0.92);
    expect(summary.emergencyRecall).toBe(1);
    expect(summary.retentionRecall).toBeGreaterThanOrEqual(0.95);
    expect(summary.retentionPrecision).toBeGreaterThanOrEqual(0.9);
    expect(summary.fallbackPrecision).toBeGreaterThanOrEqual(0.8);
  }, 120_000);
});

describe('scoring', () => {
  const line = (expect: EvalLine['expect']): EvalLine => ({ id: 'x', persona: 'carer', text: 't', expect });
  const decision = (action: string, topic?: string, theme?: string) =>
    ({ action, topic, theme, persona: 'carer', confidence: 1, channel: 'msteams', at: '', turnRef: '' }) as never;

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
});
