import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createApp, type App } from '../app';
import type { Clock } from '../clock';
import { loadConfig } from '../config';
import { turnRef, type Decision } from '../domain/decisions';
import { createLogger } from '../logger';
import { SqliteRecordStore } from '../storage/sqlite-record-store';
import { systemClock } from '../clock';
import { ACTIONS, PERSONAS, THEMES, TOPICS } from '../content/taxonomy';

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).min(1)]);

/** One line of an evaluation file, in the format of ../shared/eval/messages.public.jsonl. */
export const EvalLineSchema = z.object({
  id: z.string(),
  persona: z.enum(PERSONAS),
  text: z.string().min(1),
  expect: z.object({
    action: oneOrMany(z.enum(ACTIONS)),
    topic: oneOrMany(z.enum(TOPICS)).optional(),
    theme: oneOrMany(z.enum(THEMES)).optional(),
  }),
});
export type EvalLine = z.infer<typeof EvalLineSchema>;

export interface EvalSummary {
  total: number;
  actionAccuracy: number | null;
  topicAccuracy: number | null;
  themeAccuracy: number | null;
  emergencyRecall: number | null;
  retentionRecall: number | null;
  retentionPrecision: number | null;
  fallbackPrecision: number | null;
  fallbackRecall: number | null;
}

export interface EvalResult {
  readonly summary: EvalSummary;
  readonly mismatches: readonly string[];
}

const TENANT = 'evaluation-tenant';
const STAFF_IDS = { manager: 'eval-manager', 'recruitment-officer': 'eval-recruiter', 'association-rep': 'eval-association' } as const;

export async function readEvalFile(file: string): Promise<EvalLine[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim().length > 0);
  return lines.map((line, index) => {
    const parsed = EvalLineSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return parsed.data;
  });
}

/** The persona's usual channel and identity: carers and staff on Teams, enquirers on the public web page. */
function activityFor(line: EvalLine, index: number) {
  const conversationId = `eval-${index}-${line.id}`;
  const activityId = `eval-activity-${index}`;
  if (line.persona === 'enquirer') {
    return { channelId: 'webchat', conversationId, activityId, from: { id: `dl_pub_eval${index}` }, extra: {} };
  }
  const aadObjectId = line.persona === 'carer' ? `eval-carer-${index}` : STAFF_IDS[line.persona];
  return {
    channelId: 'msteams',
    conversationId,
    activityId,
    from: { id: `29:${aadObjectId}`, aadObjectId },
    extra: { channelData: { tenant: { id: TENANT } }, conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT } },
  };
}

/** Runs every line through the real bot over HTTP (adapter, middleware, dialogs, stores) and reads each decision. */
export async function evaluate(lines: readonly EvalLine[], options: { contentDir?: string; clock?: Clock } = {}): Promise<EvalResult> {
  const config = loadConfig({
    CONTENT_DIR: options.contentDir ?? 'content',
    ALLOWED_TENANT_IDS: TENANT,
    MANAGER_IDS: STAFF_IDS.manager,
    RECRUITMENT_OFFICER_IDS: STAFF_IDS['recruitment-officer'],
    ASSOCIATION_REP_IDS: STAFF_IDS['association-rep'],
  });
  const clock = options.clock ?? systemClock;
  const records = SqliteRecordStore.open(':memory:', clock);
  const app: App = await createApp(config, { logger: createLogger({ write: () => undefined }, 'error'), records, clock });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  const decisions: (Decision | undefined)[] = [];
  try {
    for (const [index, line] of lines.entries()) {
      const { channelId, conversationId, activityId, from, extra } = activityFor(line, index);
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: activityId,
          text: line.text,
          channelId,
          serviceUrl: 'http://127.0.0.1:9/',
          deliveryMode: 'expectReplies',
          from,
          recipient: { id: 'bot' },
          conversation: { id: conversationId },
          locale: 'en-GB',
          ...extra,
        }),
      });
      if (!response.ok) throw new Error(`line ${line.id}: the bot answered HTTP ${response.status}`);
      decisions.push(await app.decisions.forTurn(turnRef(channelId, conversationId, activityId)));
    }
  } finally {
    await app.close();
  }
  return score(lines, decisions);
}

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value as T]);
const ratio = (hits: number, of: number): number | null => (of === 0 ? null : Math.round((hits / of) * 1000) / 1000);

/** The figures of ../shared/spec/taxonomy.md ("Evaluation files and how they are scored"). */
export function score(lines: readonly EvalLine[], decisions: readonly (Decision | undefined)[]): EvalResult {
  const counter = () => ({ hits: 0, of: 0 });
  const tally = { action: 0, topic: counter(), theme: counter(), emergency: counter(), retRecall: counter(), retPrecision: counter(), fbPrecision: counter(), fbRecall: counter() };
  const count = (c: { hits: number; of: number }, hit: boolean) => {
    c.of += 1;
    if (hit) c.hits += 1;
  };
  const mismatches: string[] = [];
  lines.forEach((line, index) => {
    const decision = decisions[index];
    const actions = asList(line.expect.action);
    const exactly = (action: string) => actions.length === 1 && actions[0] === action;
    const actionOk = decision !== undefined && actions.includes(decision.action);
    if (actionOk) tally.action += 1;
    const topics = asList(line.expect.topic);
    let topicOk = true;
    if (topics.length > 0) {
      topicOk = decision?.topic !== undefined && topics.includes(decision.topic);
      count(tally.topic, topicOk);
    }
    const themes = asList(line.expect.theme);
    let themeOk = true;
    if (themes.length > 0) {
      themeOk = decision?.theme !== undefined && themes.includes(decision.theme);
      count(tally.theme, themeOk);
    }
    if (exactly('emergency')) count(tally.emergency, decision?.action === 'emergency');
    if (exactly('retention')) count(tally.retRecall, decision?.action === 'retention');
    if (decision?.action === 'retention') count(tally.retPrecision, actions.includes('retention'));
    if (decision?.action === 'fallback') count(tally.fbPrecision, actions.includes('fallback'));
    if (exactly('fallback')) count(tally.fbRecall, decision?.action === 'fallback');
    if (!actionOk || !topicOk || !themeOk) {
      mismatches.push(
        `${line.id} [${line.persona}] expected ${actions.join('|')}${topics.length ? `/${topics.join('|')}` : ''}${themes.length ? ` theme ${themes.join('|')}` : ''}` +
          ` got ${decision?.action ?? 'no decision'}${decision?.topic ? `/${decision.topic}` : ''}${decision?.theme ? ` theme ${decision.theme}` : ''}: ${line.text.slice(0, 100)}`,
      );
    }
  });
  return {
    mismatches,
    summary: {
      total: lines.length,
      actionAccuracy: ratio(tally.action, lines.length),
      topicAccuracy: ratio(tally.topic.hits, tally.topic.of),
      themeAccuracy: ratio(tally.theme.hits, tally.theme.of),
      emergencyRecall: ratio(tally.emergency.hits, tally.emergency.of),
      retentionRecall: ratio(tally.retRecall.hits, tally.retRecall.of),
      retentionPrecision: ratio(tally.retPrecision.hits, tally.retPrecision.of),
      fallbackPrecision: ratio(tally.fbPrecision.hits, tally.fbPrecision.of),
      fallbackRecall: ratio(tally.fbRecall.hits, tally.fbRecall.of),
    },
  };
}
